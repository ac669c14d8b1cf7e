"""Domain types and rules. Pure Python: no Qt, no SQLAlchemy, no HTTP."""
