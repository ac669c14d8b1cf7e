"""Attachment rules shared by the checks and the screens: per-file size limits."""

from __future__ import annotations

MB = 1024 * 1024
MAX_IMAGE_BYTES = 20 * MB
MAX_DOCUMENT_BYTES = 25 * MB  # also the largest file of any kind
