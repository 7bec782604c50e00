"""Two people changing the same advice at once: one wins, the other is told who changed it and
nothing of theirs is applied. Real processes, on both backends."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests import beginstand, databanken
from tests.conftest import Advies, als_json, voer_uit
from tests.databanken import als_gebruiker
from tests.storingen import wacht_op_slapers

ADVIES = str(Path(sys.executable).parent / "advies")


@pytest.fixture
def geagendeerd(advies: Advies, tekst: Callable[..., Path], home: Path) -> None:
    def bouw() -> None:
        advies("nieuw", "Werkprogramma", "--datum", "2020-01-10")
        advies("concept", "2020-01", "--tekst", str(tekst()))
        advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
        advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
        advies("gebruiker", "toevoegen", "hans", "--rol", "voorzitter")

    beginstand.zet_neer("gelijktijdig", home, bouw)


def start(gebruiker: str, *args: str) -> subprocess.Popen[str]:
    omgeving = os.environ.copy()
    omgeving["ADVIES_GEBRUIKER"] = gebruiker
    if databanken.HUIDIGE is not None:
        omgeving["ADVIES_DATABASE_URL"] = databanken.HUIDIGE.url(gebruiker)
    return subprocess.Popen([ADVIES, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=omgeving)


@contextmanager
def vastgehouden(home: Path) -> Iterator[Callable[[], None]]:
    """Hold what both commands need until both are waiting for it, then let go."""
    if databanken.HUIDIGE is None:
        db = sqlite3.connect(home / "advies.db", isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        yield lambda: wacht_op_slapers(2)  # both commands read the advice, then queue for the write lock
        db.execute("ROLLBACK")
        db.close()
        return
    engine = create_engine(databanken.HUIDIGE.beheer)
    # A second connection watches: within one transaction pg_stat_activity does not change.
    kijker = create_engine(databanken.HUIDIGE.beheer, isolation_level="AUTOCOMMIT")
    with engine.connect() as verbinding, kijker.connect() as kijk:
        verbinding.execute(text("SELECT id FROM advies WHERE kenmerk = 'CRA 2020-01' FOR UPDATE"))

        def wacht() -> None:
            for _ in range(300):
                wachtend = kijk.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                    )
                ).scalar_one()
                if wachtend == 2:
                    return
                time.sleep(0.1)
            raise AssertionError("the two commands never waited for the advice")

        yield wacht
        verbinding.rollback()
    engine.dispose()
    kijker.dispose()


def test_een_wint_de_ander_hoort_van_wie(geagendeerd: None, home: Path) -> None:
    with vastgehouden(home) as wacht_tot_beide_wachten:
        voorzitter = start("hans", "vaststellen", "2020-01", "--datum", "2020-01-28")
        secretaris = start("els", "intrekken", "2020-01", "--reden", "Niet meer nodig")
        wacht_tot_beide_wachten()
    uitkomsten = {
        "vaststellen": (*voorzitter.communicate(timeout=60), voorzitter.returncode),
        "intrekken": (*secretaris.communicate(timeout=60), secretaris.returncode),
    }
    winnaars = [stap for stap, (_, _, code) in uitkomsten.items() if code == 0]
    assert len(winnaars) == 1, uitkomsten
    winnaar = winnaars[0]
    verliezer = "intrekken" if winnaar == "vaststellen" else "vaststellen"
    _, fout, code = uitkomsten[verliezer]
    door, status = ("hans", "vastgesteld") if winnaar == "vaststellen" else ("els", "ingetrokken")
    assert code == 1
    assert fout == (
        f"Fout: CRA 2020-01 is intussen gewijzigd door {door} ({winnaar}) en staat nu op '{status}'; "
        "er is niets opgeslagen, bekijk het met 'advies toon CRA 2020-01'\n"
    )
    geschiedenis = als_json(voer_uit("toon", "2020-01", "--json"))["geschiedenis"]
    assert [g["gebeurtenis"] for g in geschiedenis] == ["registreren", "concept", "agenderen", winnaar]


def test_twee_concepten_tegelijk(
    geagendeerd: None, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as als_voorzitter:
        als_gebruiker(als_voorzitter, "hans")
        voer_uit("terugsturen", "2020-01", "--reden", "Opnieuw")
    teksten = []
    for i in (1, 2):
        pad = tmp_path / f"versie{i}.md"
        pad.write_text(f"Versie van schrijver {i}.\n", encoding="utf-8")
        teksten.append(str(pad))
    with vastgehouden(home) as wacht_tot_beide_wachten:
        eerste = start("els", "concept", "2020-01", "--tekst", teksten[0])
        tweede = start("els", "concept", "2020-01", "--tekst", teksten[1])
        wacht_tot_beide_wachten()
    codes = sorted([eerste.wait(timeout=60), tweede.wait(timeout=60)])
    assert codes == [0, 1]
    versies = als_json(voer_uit("toon", "2020-01", "--json"))["versies"]
    assert [v["versie"] for v in versies] == [1, 2]


@pytest.mark.postgresql
def test_op_postgresql_telt_de_databaselogin(geagendeerd: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # els may not approve by claiming to be hans: on PostgreSQL the login decides.
    monkeypatch.setenv("ADVIES_GEBRUIKER", "hans")
    uit = voer_uit("vaststellen", "2020-01", "--datum", "2020-01-28", code=1)
    assert uit.stderr == "Fout: dit vraagt de rol voorzitter; 'els' heeft de rol secretaris\n"
