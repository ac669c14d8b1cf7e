"""Synthesise the app's sound effects (the award sounds, a child's target reached, the lesson
timer's end chime) as 16-bit mono 44.1 kHz WAV files."""

from __future__ import annotations

import argparse
import math
import sys
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 44_100
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"


@dataclass(frozen=True)
class Partial:
    """One sine component of a note: frequency ratio, relative level and decay time."""

    ratio: float
    level: float
    decay_s: float


@dataclass(frozen=True)
class Note:
    """A struck note: start time, fundamental frequency, loudness and its partials."""

    start_s: float
    freq_hz: float
    level: float
    partials: tuple[Partial, ...]


# Harmonic partials with quick upper decay give a bell-like but warm chime.
CHIME = (
    Partial(1.0, 1.0, 0.16),
    Partial(2.0, 0.35, 0.08),
    Partial(3.0, 0.12, 0.05),
)

# Marimba bars ring at roughly 1x and 4x the fundamental; the 4x dies fast, which keeps it soft.
MARIMBA = (
    Partial(1.0, 1.0, 0.12),
    Partial(3.93, 0.12, 0.02),
)


def db_to_amplitude(db: float) -> float:
    """Convert a level in dBFS to a linear amplitude (1.0 = full scale)."""
    return float(10.0 ** (db / 20.0))


def render(
    notes: Sequence[Note],
    duration_s: float,
    peak_dbfs: float,
    attack_s: float = 0.004,
    release_s: float = 0.03,
) -> array[int]:
    """Mix the notes into 16-bit samples normalised to the given peak level."""
    count = round(duration_s * SAMPLE_RATE)
    mix = [0.0] * count
    attack_n = max(1, round(attack_s * SAMPLE_RATE))
    for note in notes:
        first = round(note.start_s * SAMPLE_RATE)
        for i in range(first, count):
            t = (i - first) / SAMPLE_RATE
            # A raised-cosine onset avoids the click of a sine starting at full level.
            k = i - first
            onset = 0.5 - 0.5 * math.cos(math.pi * k / attack_n) if k < attack_n else 1.0
            value = 0.0
            for p in note.partials:
                phase = 2.0 * math.pi * note.freq_hz * p.ratio * t
                value += p.level * math.exp(-t / p.decay_s) * math.sin(phase)
            mix[i] += note.level * onset * value

    release_n = round(release_s * SAMPLE_RATE)
    for k in range(release_n):
        mix[count - 1 - k] *= k / release_n

    peak = max(abs(v) for v in mix)
    scale = db_to_amplitude(peak_dbfs) * 32767.0 / peak
    return array("h", (round(v * scale) for v in mix))


def award_positive() -> array[int]:
    """A bright two-note rising chime (C6 then G6)."""
    notes = (
        Note(0.0, 1046.50, 0.8, CHIME),
        Note(0.085, 1567.98, 1.0, CHIME),
    )
    return render(notes, duration_s=0.45, peak_dbfs=-6.0)


def award_needs_work() -> array[int]:
    """A soft, low two-note marimba tone stepping down a major third (E4 then C4)."""
    notes = (
        Note(0.0, 329.63, 0.7, MARIMBA),
        Note(0.11, 261.63, 1.0, MARIMBA),
    )
    return render(notes, duration_s=0.35, peak_dbfs=-12.0, attack_s=0.008)


def target_reached() -> array[int]:
    """A child's own target reached: a quick rising arpeggio of chimes (C6, E6, G6, C7),
    the last note held, brighter and longer than an award so it is heard as its own."""
    notes = (
        Note(0.0, 1046.50, 0.6, CHIME),
        Note(0.09, 1318.51, 0.7, CHIME),
        Note(0.18, 1567.98, 0.8, CHIME),
        Note(0.27, 2093.00, 1.0, CHIME),
    )
    return render(notes, duration_s=0.7, peak_dbfs=-6.0)


def timer_end() -> array[int]:
    """A soft, slow three-note chime falling to rest (G5, E5, C5): time is up, calmly."""
    soft = (Partial(1.0, 1.0, 0.35), Partial(2.0, 0.18, 0.12))
    notes = (
        Note(0.0, 783.99, 0.8, soft),
        Note(0.22, 659.25, 0.85, soft),
        Note(0.44, 523.25, 1.0, soft),
    )
    return render(notes, duration_s=0.95, peak_dbfs=-10.0, attack_s=0.012, release_s=0.12)


def write_wav(path: Path, samples: array[int]) -> None:
    """Write samples as a 16-bit mono little-endian WAV file."""
    data = array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(data.tobytes())


def main(argv: Sequence[str] | None = None) -> int:
    """Write every sound file into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, samples in (
        ("award_positive.wav", award_positive()),
        ("award_needs_work.wav", award_needs_work()),
        ("target_reached.wav", target_reached()),
        ("timer_end.wav", timer_end()),
    ):
        path = out_dir / name
        write_wav(path, samples)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
