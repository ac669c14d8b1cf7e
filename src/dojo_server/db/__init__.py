"""Database: models, sessions and migrations of the school server."""
