"""Alembic migration scripts, shipped inside the package as ``wobtrack.migrations``."""
