"""Local storage: SQLAlchemy models, Alembic migrations, the writer and the projections."""
