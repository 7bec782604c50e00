"""Creating and upgrading the schema with Alembic, and checking a database is up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from opslag.fouten import OpslagFout

MIGRATIES = Path(__file__).parent / "migraties"
# The newest migration. tests/test_migraties.py checks it against Alembic's head, so the
# everyday commands can check the database without loading Alembic.
SCHEMAVERSIE = "0002"


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns (version before, version after)."""
    from alembic import command

    voor = huidige_versie(engine)
    config = alembic_config(engine)
    with engine.connect() as verbinding:
        if verbinding.dialect.name == "postgresql":
            _als_eigenaar(verbinding)
        config.attributes["connection"] = verbinding
        command.upgrade(config, "head")
        verbinding.commit()
    return voor, SCHEMAVERSIE


def _als_eigenaar(verbinding: Connection) -> None:
    """Create tables as the role that owns the database, when the login is a member of it.

    A council gives its database to a group role and makes each person's login a member;
    whoever runs `advies init`, the tables then belong to the group and every member may use them.
    """
    eigenaar = verbinding.execute(
        text("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
    ).scalar_one()
    lid = verbinding.execute(
        text("SELECT session_user <> :rol AND pg_has_role(session_user, :rol, 'MEMBER')"), {"rol": eigenaar}
    ).scalar_one()
    if lid:
        naam = verbinding.dialect.identifier_preparer.quote(eigenaar)
        verbinding.execute(text(f"SET LOCAL ROLE {naam}"))


def huidige_versie(engine: Engine) -> str | None:
    try:
        with engine.connect() as verbinding:
            return verbinding.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as fout:
        if _is_verbindingsfout(fout):
            raise OpslagFout(f"kan de database niet bereiken: {_eerste_regel(fout)}") from None
        return None


def controleer(engine: Engine) -> None:
    """Refuse to work on a database that is missing or on another schema version."""
    versie = huidige_versie(engine)
    if versie is None:
        raise OpslagFout("de database is nog niet ingericht; voer eerst 'advies init' uit")
    if versie != SCHEMAVERSIE:
        raise OpslagFout(
            f"de database heeft schemaversie {versie}, deze versie van advies verwacht "
            f"{SCHEMAVERSIE}; voer 'advies init' uit"
        )


def _is_verbindingsfout(fout: DBAPIError) -> bool:
    return bool(fout.connection_invalidated) or "connect" in str(fout.orig).lower()


def _eerste_regel(fout: DBAPIError) -> str:
    return str(fout.orig).strip().splitlines()[0] if str(fout.orig).strip() else "onbekende fout"
