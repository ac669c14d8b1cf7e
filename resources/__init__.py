"""Sounds, icons and translations shipped with the app."""
