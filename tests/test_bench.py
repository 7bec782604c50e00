"""`make bench` measures honestly: each work floor prints byte for byte what its command prints, and
the letter benchmark runs. `make bench` is not part of `make test`, so without these a floor that
fell behind a command (a key added to `toon`, a variable to the letter) would go unnoticed."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from benchmarks import bench
from tests.conftest import Advies, als_json

HIER = Path(__file__).resolve().parent.parent


def _vloer(script: str, *args: str) -> str:
    uitkomst = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return uitkomst.stdout


@pytest.mark.sqlite
def test_elke_werkvloer_schrijft_wat_zijn_opdracht_schrijft(advies: Advies, home: Path, tmp_path: Path) -> None:
    advies("demo", "--aantal", "300")
    # Two reminders for one late advice, so `signalen` has escaleren as well as herinneren.
    verzonden = als_json(advies("lijst", "--status", "verzonden", "--json"))[-1]
    uiterlijk = date.fromisoformat(verzonden["reactie_uiterlijk"])
    for na in (15, 30):
        dag = (uiterlijk + timedelta(days=na)).isoformat()
        advies("herinnering", verzonden["kenmerk"], "--datum", dag, "--uit", str(tmp_path))
    db = f"sqlite:///{home / 'advies.db'}"
    jaar, peildatum, kenmerk = str(bench.JAAR), bench.PEILDATUM, verzonden["kenmerk"]
    metingen = {
        "lijst": (("lijst", "--jaar", jaar), bench.VLOER_LIJST, jaar),
        "achterstallig": (("achterstallig", "--peildatum", peildatum), bench.VLOER_ACHTERSTALLIG, peildatum),
        "signalen": (("signalen", "--peildatum", peildatum), bench.VLOER_SIGNALEN, peildatum),
        "toon": (("toon", kenmerk), bench.VLOER_TOON, kenmerk.split(" ")[1]),
    }
    assert set(metingen) == set(bench.LEESOPDRACHTEN)
    for naam, (opdracht, vloer, arg) in metingen.items():
        assert advies(*opdracht, "--json").stdout == _vloer(vloer, db, arg), naam
    soorten = {s["signaal"] for s in als_json(advies("signalen", "--peildatum", peildatum, "--json"))}
    assert {"escaleren", "herinneren", "eigen_advies_te_laat"} <= soorten
    # The bare floors run too: they stand in every table.
    for vloer in (bench.VLOER_KAAL, bench.VLOER_KERN):
        assert _vloer(vloer, db) == ""


@pytest.mark.sqlite
def test_de_briefbenchmark_rendert(home: Path) -> None:
    uitkomst = subprocess.run(
        [sys.executable, str(HIER / "benchmarks" / "brieven.py"), "--rondes", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    gemeten = json.loads(uitkomst.stdout.strip().splitlines()[-1])
    assert set(gemeten["mediaan_ms"]) == {"docxtpl kaal", "in het proces", "render()", "adviesbrief()"}
    assert isinstance(gemeten["werker_ms"], float)
