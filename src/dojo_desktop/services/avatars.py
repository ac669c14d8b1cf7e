"""Avatar images: checked, cropped to a square, resized and stripped of metadata (Pillow)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from dojo_desktop.services.errors import InvalidInputError

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
        raise InvalidInputError(f"The file {source.name} cannot be opened ({exc.strerror}).") \
            from exc
    if size > MAX_FILE_BYTES:
        raise InvalidInputError(
            f"{source.name} is {size // (1024 * 1024)} MB; choose a picture under "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB.")
    data = source.read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise InvalidInputError(
                        f"{source.name} is too large ({probe.width}×{probe.height} pixels).")
                probe.load()
                image = ImageOps.exif_transpose(probe)
    except InvalidInputError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise InvalidInputError(
            f"{source.name} is not a picture Dojo Desktop can read (PNG, JPEG, GIF, "
            "WebP or BMP).") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidInputError(
            f"{source.name} looks damaged or cut short, so it cannot be used.") from exc
    square = ImageOps.fit(image.convert("RGBA"), (AVATAR_SIZE, AVATAR_SIZE),
                          method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    square.save(out, format="PNG", optimize=True)
    return out.getvalue()
