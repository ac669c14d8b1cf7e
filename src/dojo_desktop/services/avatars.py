"""Avatar images: checked, cropped to a square, resized and stripped of metadata (Pillow)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from dojo_desktop.services.errors import InvalidInputError, invalid

AVATAR_SIZE = 256
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000


def prepare_avatar(source: Path) -> bytes:
    """A 256 px square PNG made from an image file, or InvalidInputError in plain words.

    The picture is re-encoded, so location and camera metadata never leave this file.
    """
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise invalid("avatar.cannot_open", file=source.name,
                      reason=exc.strerror or str(exc)) from exc
    if size > MAX_FILE_BYTES:
        raise invalid("avatar.file_too_big", file=source.name, size=size // (1024 * 1024),
                      max=MAX_FILE_BYTES // (1024 * 1024))
    data = source.read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise invalid("avatar.too_many_pixels", file=source.name,
                                  width=probe.width, height=probe.height)
                probe.load()
                image = ImageOps.exif_transpose(probe)
    except InvalidInputError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise invalid("avatar.not_a_picture", file=source.name) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise invalid("avatar.damaged", file=source.name) from exc
    square = ImageOps.fit(image.convert("RGBA"), (AVATAR_SIZE, AVATAR_SIZE),
                          method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    square.save(out, format="PNG", optimize=True)
    return out.getvalue()
