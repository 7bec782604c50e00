"""Persistence for Advieswerk: SQLModel tables, the engine and sessions, Alembic migrations."""
