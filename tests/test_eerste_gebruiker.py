"""Exactly one first secretary, also when twelve people register one at the same moment, on both
backends: the first registered user ends one-user mode, and whoever comes after sees it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from tests import databanken
from tests.conftest import voer_uit

AANTAL = 6  # held at a barrier, six race for the empty user table as hard as twelve

# A real `advies` process that loads everything it needs, reports it is ready, and waits for the
# word to go: the test's barrier, so all of them reach the empty user table at the same moment.
_STARTER = """
import sys
import psycopg, sqlmodel  # noqa: F401  (loaded before the barrier, not after)
import opslag.database, opslag.modellen, workflow.gebruikers, workflow.register  # noqa: F401
from workflow.cli import cli
print("klaar", flush=True)
sys.stdin.readline()
cli.main(sys.argv[1:], prog_name="advies")
"""


def _start(naam: str) -> subprocess.Popen[str]:
    omgeving = {**os.environ, "ADVIES_GEBRUIKER": "els"}
    if databanken.HUIDIGE is not None:
        omgeving["ADVIES_DATABASE_URL"] = databanken.HUIDIGE.url("els")
    return subprocess.Popen(
        [sys.executable, "-c", _STARTER, "gebruiker", "toevoegen", naam, "--rol", "secretaris"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=omgeving,
    )


def test_zes_tegelijk_geeft_een_eerste_secretaris(home: Path) -> None:
    voer_uit("init")
    processen = [_start(f"secretaris{i:02d}") for i in range(AANTAL)]
    for proces in processen:
        assert proces.stdout is not None
        assert proces.stdout.readline() == "klaar\n", proces.communicate(timeout=60)
    for proces in processen:  # the barrier opens: all go at once
        assert proces.stdin is not None
        proces.stdin.write("\n")
        proces.stdin.flush()
    uitkomsten = []
    for proces in processen:
        uit, fout = proces.communicate(timeout=120)
        uitkomsten.append((proces.returncode, uit, fout))

    gelukt = [uit for code, uit, _ in uitkomsten if code == 0]
    geweigerd = [fout for code, _, fout in uitkomsten if code != 0]
    assert len(gelukt) == 1, uitkomsten
    winnaar = gelukt[0].removeprefix("Gebruiker ").split(" ")[0]
    assert gelukt[0] == f"Gebruiker {winnaar} geregistreerd als secretaris.\n"
    wie = "'els' (de databaselogin)" if databanken.HUIDIGE else "'els' (uit ADVIES_GEBRUIKER)"
    for fout in geweigerd:
        assert fout.startswith(f"Fout: gebruiker {wie} is niet geregistreerd; dit vraagt de rol secretaris"), fout
        assert fout.count("\n") == 1
    assert _gebruikers(home) == [(winnaar, "secretaris")]


def _gebruikers(home: Path) -> list[tuple[str, str]]:
    """The user table itself (on PostgreSQL no test login is registered, so no command may read it)."""
    url = databanken.HUIDIGE.beheer if databanken.HUIDIGE else f"sqlite:///{home / 'advies.db'}"
    engine = create_engine(url)
    with engine.connect() as verbinding:
        rijen = [(str(naam), str(rol)) for naam, rol in verbinding.execute(text("SELECT naam, rol FROM gebruiker"))]
    engine.dispose()
    return rijen
