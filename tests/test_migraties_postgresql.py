"""The same migrations serve PostgreSQL: models agree, a blank database migrates, data survives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

import opslag.modellen  # noqa: F401
from opslag import schema
from opslag.database import maak_engine
from tests import databanken
from tests.conftest import Advies, als_json, voer_uit

pytestmark = pytest.mark.postgresql


def test_modellen_en_migraties_komen_overeen(home: Path) -> None:
    assert databanken.HUIDIGE is not None
    engine = maak_engine(databanken.HUIDIGE.url())
    with engine.connect() as verbinding:
        assert compare_metadata(MigrationContext.configure(verbinding), SQLModel.metadata) == []
    engine.dispose()


def test_blanco_database_heen_en_terug(home: Path) -> None:
    from alembic import command

    assert databanken.HUIDIGE is not None
    beheer = create_engine(databanken.HUIDIGE.beheer.set(database="postgres"), isolation_level="AUTOCOMMIT")
    naam = f"{databanken.HUIDIGE.naam}_blanco"
    with beheer.connect() as verbinding:
        verbinding.execute(text(f"CREATE DATABASE {naam} OWNER {databanken.GROEP}"))
    try:
        url = databanken.PostgresDatabase(naam).url("els")
        engine = maak_engine(url)
        assert schema.huidige_versie(engine) is None
        schema.upgrade(engine)
        assert schema.huidige_versie(engine) == schema.SCHEMAVERSIE
        command.downgrade(schema.alembic_config(engine), "base")
        assert schema.huidige_versie(engine) is None
        engine.dispose()
    finally:
        with beheer.connect() as verbinding:
            verbinding.execute(text(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)"))
        beheer.dispose()


def test_init_houdt_de_adviezen(advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    voor = als_json(advies("toon", "2020-01", "--json"))
    assert f"schemaversie {schema.SCHEMAVERSIE}" in voer_uit("init").stdout
    assert als_json(voer_uit("toon", "2020-01", "--json")) == voor


def test_0009_verbreedt_de_statuskolommen(advies: Advies) -> None:
    from tests.test_migraties import statuskolommen_verbreed

    assert databanken.HUIDIGE is not None
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    engine = maak_engine(databanken.HUIDIGE.url())
    statuskolommen_verbreed(engine)
    engine.dispose()
    assert als_json(voer_uit("toon", "2020-01", "--json"))["status"] == "aangevraagd"


def test_0010_maakt_de_tabel_van_de_herstellinks(advies: Advies) -> None:
    from tests.test_migraties import herstel_heen_en_terug

    assert databanken.HUIDIGE is not None
    advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10")
    engine = maak_engine(databanken.HUIDIGE.url())
    herstel_heen_en_terug(engine)
    engine.dispose()
    assert als_json(voer_uit("toon", "2020-01", "--json"))["status"] == "aangevraagd"
