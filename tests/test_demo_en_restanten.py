"""After `demo --aantal` the register goes on numbering; what interrupted writes left behind is
cleared on the next write; SQLite commits durably."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from tests.conftest import Advies, als_json, voer_uit


def test_na_de_demo_kan_er_geregistreerd_worden(advies: Advies) -> None:
    advies("demo", "--aantal", "50")
    nieuw = als_json(advies("nieuw", "Na de demo", "--datum", "2020-06-01", "--json"))
    assert nieuw["kenmerk"] == "CRA 2020-06"
    aanvraag = als_json(advies("aanvraag", "Ook daarna", "--ontvangen", "2026-01-05", "--json"))
    assert aanvraag["kenmerk"] == "CRA 2026-01"
    assert len(als_json(advies("lijst", "--json"))) == 52


def test_oude_tijdelijke_bestanden_worden_opgeruimd(advies: Advies, home: Path, tmp_path: Path) -> None:
    map_ = home / "documenten"
    map_.mkdir()
    uur_geleden = time.time() - 3600
    oud = [map_ / ".archief.zip.ab12cd_3.tmp", map_ / ".jaaroverzicht-2020.docx.x9y8z7w6.tmp"]
    for pad in oud:
        pad.write_bytes(b"half geschreven")
        os.utime(pad, (uur_geleden, uur_geleden))
    bezig = map_ / ".CRA 2020-01 advies.docx.k3j4h5g6.tmp"  # another process writing right now
    bezig.write_bytes(b"wordt nog geschreven")
    anders = [map_ / ".notities.tmp", map_ / "eigen.ab12cd34.tmp"]  # not our pattern: the user's own
    for pad in anders:
        pad.write_bytes(b"van de gebruiker")
        os.utime(pad, (uur_geleden, uur_geleden))
    advies("archief", "exporteer", "--uit", str(map_ / "raad.zip"))
    assert sorted(p.name for p in map_.iterdir()) == sorted(["raad.zip", bezig.name] + [p.name for p in anders])


@pytest.mark.sqlite
def test_sqlite_schrijft_duurzaam(advies: Advies, home: Path) -> None:
    """synchronous=FULL: a committed transaction survives a power failure, not only a crash."""
    from opslag.database import maak_engine

    engine = maak_engine(f"sqlite:///{home / 'advies.db'}")
    with engine.connect() as verbinding:
        assert verbinding.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()
    assert sqlite3.connect(home / "advies.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert voer_uit("lijst", "--json").stdout == "[]\n"
