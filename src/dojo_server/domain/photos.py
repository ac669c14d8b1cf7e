"""Family photos: checked, decoded with a pixel limit, re-encoded as JPEG without metadata."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
MAX_PIXELS = 40_000_000
MAX_SIDE = 2048
JPEG_QUALITY = 85


class PhotoError(ValueError):
    """Why a photo was refused: ``code`` is too_large, not_an_image or too_many_pixels."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_photo(data: bytes, max_bytes: int) -> bytes:
    """A JPEG of at most ``MAX_SIDE`` pixels a side with no EXIF, GPS or other metadata."""
    if len(data) > max_bytes:
        raise PhotoError("too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise PhotoError("not_an_image")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise PhotoError("too_many_pixels")
                image.seek(0)
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((MAX_SIDE, MAX_SIDE))
                clean = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, PhotoError):
            raise
        raise PhotoError("not_an_image") from exc
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise PhotoError("too_many_pixels") from exc
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)  # no exif= : none written
    return out.getvalue()
