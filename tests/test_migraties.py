"""Models and migrations agree; upgrading a database with data keeps it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

import opslag.modellen  # noqa: F401
from opslag import schema
from opslag.database import maak_engine
from tests.conftest import Advies, als_json, voer_uit

pytestmark = pytest.mark.sqlite


def test_schemaversie_is_de_nieuwste_migratie(home: Path) -> None:
    engine = maak_engine(f"sqlite:///{home / 'x.db'}")
    script = ScriptDirectory.from_config(schema.alembic_config(engine))
    assert script.get_current_head() == schema.SCHEMAVERSIE


def test_modellen_en_migraties_komen_overeen(home: Path) -> None:
    engine = maak_engine(f"sqlite:///{home / 'leeg.db'}")
    schema.upgrade(engine)
    with engine.connect() as verbinding:
        verschillen = compare_metadata(MigrationContext.configure(verbinding), SQLModel.metadata)
    assert verschillen == []


def test_blanco_database_via_init(advies: Advies, home: Path) -> None:
    tabellen = {
        r[0] for r in sqlite3.connect(home / "advies.db").execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {
        "advies",
        "tekstversie",
        "document",
        "geschiedenis",
        "gebruiker",
        "instelling",
        "alembic_version",
    } <= tabellen


def oudste_revisie() -> str:
    """The first migration: a database built there is as old as a database of this program gets."""
    engine = maak_engine("sqlite://")
    script = ScriptDirectory.from_config(schema.alembic_config(engine))
    return next(r.revision for r in script.walk_revisions() if r.down_revision is None)


def test_upgrade_van_oudere_database_houdt_de_adviezen(home: Path) -> None:
    """A database really built at the oldest revision, with rows written by SQL of that revision,
    is brought to head by `advies init` and keeps its rows. With only 0001 there is nothing to
    upgrade yet; the test keeps working when 0002 appears."""
    from alembic import command

    home.mkdir(parents=True)
    engine = maak_engine(f"sqlite:///{home / 'advies.db'}")
    command.upgrade(schema.alembic_config(engine), oudste_revisie())
    engine.dispose()
    with sqlite3.connect(home / "advies.db") as db:
        db.execute(
            "INSERT INTO advies (id, kenmerk, jaar, volgnummer, achtervoegsel, onderwerp, soort, status, "
            "geregistreerd_op, ontvangen_op, rijversie) VALUES (1, 'CRA 2020-01', 2020, 1, '', 'Werkprogramma', "
            "'gevraagd', 'aangevraagd', '2020-01-10', '2020-01-10', 1)"
        )
        db.execute(
            "INSERT INTO geschiedenis (advies_id, gebeurtenis, van, naar, door, op, notitie) VALUES "
            "(1, 'registreren', NULL, 'aangevraagd', 'els', '2020-01-10 09:00:00', 'adviesaanvraag ontvangen')"
        )
    uit = voer_uit("init").stdout
    if oudste_revisie() == schema.SCHEMAVERSIE:
        assert f"Database is bijgewerkt (schemaversie {schema.SCHEMAVERSIE})" in uit
    else:
        assert f"Database bijgewerkt van schemaversie {oudste_revisie()} naar {schema.SCHEMAVERSIE}" in uit
    advies = als_json(voer_uit("toon", "2020-01", "--json"))
    assert (advies["kenmerk"], advies["onderwerp"], advies["status"]) == ("CRA 2020-01", "Werkprogramma", "aangevraagd")
    assert [(g["gebeurtenis"], g["door"]) for g in advies["geschiedenis"]] == [("registreren", "els")]
    # And the upgraded database works on: the next number follows the old row.
    assert als_json(voer_uit("nieuw", "Daarna", "--datum", "2020-02-01", "--json"))["kenmerk"] == "CRA 2020-02"


def statuskolommen_verbreed(engine: Engine) -> None:
    """Migration 0009 on a register with rows, down to 0008 and up again: the rows stay, the status
    columns are 20 wide before and 64 after (its length check refuses 65), and the outbox comes and goes."""
    from sqlalchemy import inspect

    def kolom(lengte: int) -> dict[str, str]:
        return {"status": "s" * lengte}

    with engine.connect() as verbinding:
        voor = verbinding.execute(text("SELECT kenmerk, status FROM advies ORDER BY id")).all()
    assert voor
    schema.downgrade(engine, "0008")
    assert "uitgaand" not in inspect(engine).get_table_names()
    with pytest.raises(DBAPIError), engine.begin() as verbinding:
        verbinding.execute(text("UPDATE advies SET status = :status"), kolom(21))
    schema.upgrade(engine)
    assert "uitgaand" in inspect(engine).get_table_names()
    with engine.connect() as verbinding:
        assert verbinding.execute(text("SELECT kenmerk, status FROM advies ORDER BY id")).all() == voor
    for tabel, kolommen in (("advies", ("status",)), ("geschiedenis", ("van", "naar"))):
        for naam in kolommen:
            with engine.begin() as verbinding:  # 64 fits (rolled back: the rows stay as they were)
                verbinding.execute(text(f"UPDATE {tabel} SET {naam} = :status"), kolom(64))
                verbinding.rollback()
            with pytest.raises(DBAPIError), engine.begin() as verbinding:
                verbinding.execute(text(f"UPDATE {tabel} SET {naam} = :status"), kolom(65))


def test_0009_verbreedt_de_statuskolommen(advies: Advies, home: Path) -> None:
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    engine = maak_engine(f"sqlite:///{home / 'advies.db'}")
    statuskolommen_verbreed(engine)
    engine.dispose()
    assert als_json(voer_uit("toon", "2020-01", "--json"))["status"] == "aangevraagd"


def herstel_heen_en_terug(engine: Engine) -> None:
    """Migration 0010 on a register with rows: down to 0009 and up again, the password-reset links'
    table goes and comes back with its length checks, and the rows of the register stay."""
    from sqlalchemy import inspect

    with engine.connect() as verbinding:
        voor = verbinding.execute(text("SELECT kenmerk, status FROM advies ORDER BY id")).all()
    schema.downgrade(engine, "0009")
    assert "wachtwoordherstel" not in inspect(engine).get_table_names()
    schema.upgrade(engine)
    assert "wachtwoordherstel" in inspect(engine).get_table_names()
    with engine.connect() as verbinding:
        assert verbinding.execute(text("SELECT kenmerk, status FROM advies ORDER BY id")).all() == voor
    rij = (
        "INSERT INTO wachtwoordherstel (sleutel, gebruiker, door, aangemaakt_op, verloopt_op) "
        "VALUES (:s, 'piet', 'els', 1, 2)"
    )
    with engine.begin() as verbinding:
        verbinding.execute(text(rij), {"s": "a" * 64})
        verbinding.rollback()
    with pytest.raises(DBAPIError), engine.begin() as verbinding:
        verbinding.execute(text(rij), {"s": "a" * 65})


def test_0010_maakt_de_tabel_van_de_herstellinks(advies: Advies, home: Path) -> None:
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    engine = maak_engine(f"sqlite:///{home / 'advies.db'}")
    herstel_heen_en_terug(engine)
    engine.dispose()
    assert als_json(voer_uit("toon", "2020-01", "--json"))["status"] == "aangevraagd"


def test_verouderde_database_wordt_geweigerd(advies: Advies, home: Path) -> None:
    with sqlite3.connect(home / "advies.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '0000'")
    uit = voer_uit("lijst", code=1)
    assert uit.stderr == (
        "Fout: de database heeft schemaversie 0000, deze versie van advies verwacht "
        f"{schema.SCHEMAVERSIE}; voer 'advies init' uit\n"
    )


def test_instellingen_voor_sqlite(advies: Advies, home: Path) -> None:
    with sqlite3.connect(home / "advies.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_downgrade_en_weer_upgrade(home: Path) -> None:
    from alembic import command

    engine = maak_engine(f"sqlite:///{home / 'heen-en-weer.db'}")
    config = schema.alembic_config(engine)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert schema.huidige_versie(engine) is None
    command.upgrade(config, "head")
    assert schema.huidige_versie(engine) == schema.SCHEMAVERSIE
