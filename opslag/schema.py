"""Creating and upgrading the schema with Alembic, and checking a database is up to date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from adviesfouten import OpslagFout
from opslag import diagnose

MIGRATIES = Path(__file__).parent / "migraties"
# The newest migration. tests/test_migraties.py checks it against Alembic's head, so the
# everyday commands can check the database without loading Alembic.
SCHEMAVERSIE = "0010"


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIES))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, tot: str = "head") -> tuple[str | None, str]:
    """Bring the database to the newest schema (or to revision `tot`, as an archive of an earlier
    release needs); returns (version before, version after)."""
    from alembic import command
    from alembic.util import CommandError

    from opslag.database import alleen_lezen

    voor = huidige_versie(engine)
    geweigerd = alleen_lezen(engine)
    if geweigerd is not None:
        raise OpslagFout(geweigerd)
    try:
        _migreer(engine, lambda config: command.upgrade(config, tot))
    except CommandError:
        # Alembic knows no such revision: a newer advies, or another program's database.
        raise OpslagFout(
            f"de database heeft schemaversie {voor}, die deze versie van advies niet kent "
            f"(de nieuwste is {SCHEMAVERSIE}); gebruik de versie van advies die haar heeft ingericht"
        ) from None
    if tot != "head":
        return voor, tot  # an older schema on purpose (an old archive): its tables are older too
    _controleer_tabellen(engine)
    return voor, SCHEMAVERSIE


def _controleer_tabellen(engine: Engine) -> None:
    """`init` on a database whose version table promises tables that are gone (damaged, or another
    program's) says so, instead of "bijgewerkt"; the everyday commands meet it when they use one."""
    from sqlmodel import SQLModel

    import opslag.modellen  # noqa: F401  (registers the tables)

    aanwezig = set(inspect(engine).get_table_names())
    ontbrekend = sorted(set(SQLModel.metadata.tables) - aanwezig)
    if ontbrekend:
        raise OpslagFout(diagnose.tabel_ontbreekt(f"de tabel {ontbrekend[0]}", schrijven=False))


def downgrade(engine: Engine, revisie: str) -> None:
    """Take the database back to `revisie`, keeping its rows where that revision has room for them
    (the migration tests build an older installation this way)."""
    from alembic import command

    _migreer(engine, lambda config: command.downgrade(config, revisie))


def _migreer(engine: Engine, stap: Callable[[Any], None]) -> None:
    """Run an Alembic command in one transaction: on SQLite with foreign keys off while tables are
    copied and checked before the commit; on PostgreSQL as the database's owner role."""
    config = alembic_config(engine)
    with engine.connect() as verbinding:
        sqlite = verbinding.dialect.name == "sqlite"
        if sqlite:
            _sleutelcontrole(verbinding, aan=False)
        else:
            _als_eigenaar(verbinding)
        config.attributes["connection"] = verbinding
        stap(config)
        if sqlite and verbinding.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
            raise OpslagFout("na het bijwerken van het schema klopt een verwijzing niet; er is niets gewijzigd")
        verbinding.commit()
        if sqlite:
            _sleutelcontrole(verbinding, aan=True)


def _sleutelcontrole(verbinding: Connection, *, aan: bool) -> None:
    """SQLite changes a table by copying it; its foreign keys must be off meanwhile, and can only be
    switched outside a transaction (https://www.sqlite.org/lang_altertable.html#otheralter)."""
    verbinding.connection.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if aan else 'OFF'}")  # type: ignore[union-attr]


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
    """The schema version, or None for a database without any tables yet.

    Only a missing version table on an otherwise empty database means "not initialised"; every
    other failure (disk, rights, server, a file of another program) is told for what it is. On
    PostgreSQL a login that may not use the schema sees no tables at all, as on an empty
    database: that is asked of the server before "not initialised" is said.
    """
    try:
        with engine.connect() as verbinding:
            return verbinding.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as fout:
        if not diagnose.schema_ontbreekt(fout):
            _weiger(engine, fout)
    rechten = _rechtendiagnose(engine, alleen_schema=True)
    if rechten:
        raise OpslagFout(rechten)
    try:
        andere = inspect(engine).get_table_names()
    except DBAPIError as fout:
        _weiger(engine, fout)
    if andere:
        raise OpslagFout(
            "deze database is geen database van advies: ze bevat al andere tabellen "
            f"({', '.join(sorted(andere)[:3])}); kies een lege database of een ander bestand"
        )
    return None


def _weiger(engine: Engine, fout: DBAPIError) -> NoReturn:
    """Raise the Dutch diagnosis of `fout`; one not known goes on as it is, for the CLI to log."""
    melding = _diagnose(engine, fout)
    if melding is None:
        raise fout
    raise OpslagFout(melding) from fout


def _diagnose(engine: Engine, fout: DBAPIError) -> str | None:
    """The Dutch diagnosis; for missing rights on PostgreSQL with the exact GRANT to give."""
    if _sqlstate(fout) in {"42501", "3F000"} and engine.dialect.name == "postgresql":
        rechten = _rechtendiagnose(engine)
        if rechten:
            return rechten
    return diagnose.bericht(fout, schrijven=False)


def _sqlstate(fout: DBAPIError) -> str | None:
    return getattr(fout.orig, "sqlstate", None)


def _rechtendiagnose(engine: Engine, *, alleen_schema: bool = False) -> str | None:
    """On PostgreSQL: what this login lacks to use advies's tables, with the GRANT that gives it.

    A council's database is owned by a group role (see the README); a login uses the tables as a
    member of it. The schema `public` may be closed to everyone else (`REVOKE ALL ON SCHEMA public
    FROM PUBLIC`), and then a login outside the group sees no table at all. `alleen_schema`: only
    that; on an empty database a login outside the group may well be meant to make the tables.
    """
    if engine.dialect.name != "postgresql":
        return None
    try:
        with engine.connect() as verbinding:
            login, groep, lid, login_mag, groep_mag = verbinding.execute(
                text(
                    "SELECT session_user, pg_get_userbyid(d.datdba), "
                    "session_user <> pg_get_userbyid(d.datdba) AND pg_has_role(session_user, d.datdba, 'USAGE'), "
                    "has_schema_privilege(session_user, n.oid, 'USAGE'), "
                    "has_schema_privilege(d.datdba, n.oid, 'USAGE') "
                    "FROM pg_database d, pg_namespace n WHERE d.datname = current_database() AND n.nspname = 'public'"
                )
            ).one()
    except DBAPIError:
        return None  # the diagnosis itself failed: the original error is told instead
    if str(login) == str(groep):
        return None
    if not login_mag:
        return diagnose.geen_schemarechten(str(login), str(groep), bool(lid), bool(groep_mag))
    if not lid and not alleen_schema:
        return diagnose.geen_rechten(str(login), str(groep))
    return None


def controleer(engine: Engine) -> None:
    """Refuse to work on a database that is missing or on another schema version."""
    versie = huidige_versie(engine)
    if versie is None:
        raise OpslagFout(diagnose.NIET_INGERICHT)
    if versie != SCHEMAVERSIE:
        raise OpslagFout(
            f"de database heeft schemaversie {versie}, deze versie van advies verwacht "
            f"{SCHEMAVERSIE}; voer 'advies init' uit"
        )
