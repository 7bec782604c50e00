"""Models and migrations agree; upgrading a database with data keeps it."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import opslag.modellen  # noqa: F401
from opslag import schema
from opslag.database import maak_engine
from tests.conftest import als_json, voer_uit

pytestmark = pytest.mark.sqlite


def test_schemaversie_is_de_nieuwste_migratie(home):
    engine = maak_engine(f"sqlite:///{home / 'x.db'}")
    script = ScriptDirectory.from_config(schema.alembic_config(engine))
    assert script.get_current_head() == schema.SCHEMAVERSIE


def test_modellen_en_migraties_komen_overeen(home):
    engine = maak_engine(f"sqlite:///{home / 'leeg.db'}")
    schema.upgrade(engine)
    with engine.connect() as verbinding:
        verschillen = compare_metadata(MigrationContext.configure(verbinding), SQLModel.metadata)
    assert verschillen == []


def test_blanco_database_via_init(advies, home):
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


def test_upgrade_van_oudere_database_houdt_de_adviezen(advies, home, tekst):
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    voor = als_json(advies("toon", "2020-01", "--json"))
    # Take the database back to before any migration but keep its rows, as an older
    # installation would look, then let init bring it up again.
    with sqlite3.connect(home / "advies.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '0001'")
    assert "schemaversie 0001" in voer_uit("init").stdout
    assert als_json(voer_uit("toon", "2020-01", "--json")) == voor


def test_verouderde_database_wordt_geweigerd(advies, home):
    with sqlite3.connect(home / "advies.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '0000'")
    uit = voer_uit("lijst", code=1)
    assert uit.stderr == (
        "Fout: de database heeft schemaversie 0000, deze versie van advies verwacht "
        f"{schema.SCHEMAVERSIE}; voer 'advies init' uit\n"
    )


def test_instellingen_voor_sqlite(advies, home):
    with sqlite3.connect(home / "advies.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_downgrade_en_weer_upgrade(home):
    from alembic import command

    engine = maak_engine(f"sqlite:///{home / 'heen-en-weer.db'}")
    config = schema.alembic_config(engine)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert schema.huidige_versie(engine) is None
    command.upgrade(config, "head")
    assert schema.huidige_versie(engine) == schema.SCHEMAVERSIE
