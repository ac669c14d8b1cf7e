"""Dojo Desktop: the offline-first classroom app."""

__version__ = "0.1.0"
