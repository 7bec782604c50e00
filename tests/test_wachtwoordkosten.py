"""Argon2id's cost: production keeps RFC 9106's low-memory profile; only ADVIES_ARGON2=test, which
tests/conftest.py sets for the whole suite, lowers it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from opslag.configuratie import database_url
from opslag.database import maak_engine, sessie
from tests.conftest import Advies, voer_uit
from workflow import wachtwoorden
from workflow.register import Register

WACHTWOORD = "een-lang-wachtwoord"


@pytest.fixture
def vers_gelezen() -> Iterator[None]:
    """The cost is read once per process; these tests read it again, and leave it unread."""
    wachtwoorden._hasher.cache_clear()
    yield
    wachtwoorden._hasher.cache_clear()


def kosten(hash_: str) -> str:
    """`m=…,t=…,p=…` of an Argon2 hash (its fourth field)."""
    return hash_.split("$")[3]


def opgeslagen_hash(naam: str) -> str:
    engine = maak_engine(database_url())
    with sessie(engine, schrijven=False) as s:
        hash_ = s.execute(text("SELECT wachtwoord_hash FROM gebruiker WHERE naam = :n"), {"n": naam}).scalar_one()
    engine.dispose()
    return str(hash_)


def test_zonder_omgeving_de_kosten_van_productie(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ADVIES_ARGON2")
    p = wachtwoorden.argon2_parameters()
    assert (p.type.name, p.version, p.time_cost, p.memory_cost, p.parallelism, p.hash_len, p.salt_len) == (
        "ID",
        19,
        3,
        64 * 1024,
        4,
        32,
        16,
    )


def test_de_tests_rekenen_met_de_laagste_kosten() -> None:
    p = wachtwoorden.argon2_parameters()
    assert (p.type.name, p.time_cost, p.memory_cost, p.parallelism, p.hash_len, p.salt_len) == ("ID", 1, 8, 1, 32, 16)


def test_een_goedkope_hash_krijgt_bij_het_inloggen_de_kosten_van_productie(
    advies: Advies, vers_gelezen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "piet", "--rol", "lid")
    advies("gebruiker", "wachtwoord", "piet", "--wachtwoord-stdin", invoer=WACHTWOORD + "\n")
    assert kosten(opgeslagen_hash("piet")) == "m=8,t=1,p=1"

    monkeypatch.delenv("ADVIES_ARGON2")
    wachtwoorden._hasher.cache_clear()
    register = Register()
    try:
        aanmelding = wachtwoorden.meld_aan(register, "piet", WACHTWOORD)
    finally:
        register.sluit()
    assert (aanmelding.naam, aanmelding.rol, aanmelding.melding) == ("piet", "lid", None)
    assert kosten(opgeslagen_hash("piet")) == "m=65536,t=3,p=4"


def test_een_onbekende_waarde(advies: Advies, vers_gelezen: None, monkeypatch: pytest.MonkeyPatch) -> None:
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "piet", "--rol", "lid")
    monkeypatch.setenv("ADVIES_ARGON2", "snel")
    uit = voer_uit("gebruiker", "wachtwoord", "piet", "--wachtwoord-stdin", invoer=WACHTWOORD + "\n", code=1)
    assert (uit.stdout, uit.stderr) == (
        "",
        "Fout: ADVIES_ARGON2 kent alleen de waarde 'test' (voor de tests), niet 'snel'\n",
    )
    monkeypatch.setenv("ADVIES_ARGON2", "test")
    wachtwoorden._hasher.cache_clear()
    voer_uit("gebruiker", "wachtwoord", "piet", "--wachtwoord-stdin", invoer=WACHTWOORD + "\n")
