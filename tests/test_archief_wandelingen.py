"""Random walks through the state machine, exported and imported, give the same register; a random
single-field change of such an archive is refused in one Dutch line, or gives a register whose
invariants hold (hypothesis; on SQLite, a fresh register per example)."""

from __future__ import annotations

import itertools
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine
from sqlmodel import Session

from tests.conftest import als_json, momentopname, richt_in, voer_uit
from tests.test_archief_naspelen import vervals
from workflow import invarianten
from workflow.domein.toestanden import OVERGANGEN, STATUSSEN

# The steps the walk takes, as the commands take them; `None`: the step leaves the state as it is.
_NAAR: dict[str, str | None] = {o.stap: o.naar for o in OVERGANGEN}
STAPPEN = ("concept", "agenderen", "vaststellen", "terugsturen", "verzenden", "reactie", "intrekken", "termijn")


def _stappen_vanuit(status: str, heeft_tekst: bool) -> list[str]:
    bronnen = {o.stap: o.van for o in OVERGANGEN}
    mogelijk = [s for s in STAPPEN if status in bronnen[s]]
    return [s for s in mogelijk if s != "agenderen" or heeft_tekst]


def _opdracht(stap: str, kenmerk: str, dag: date, tekst: Path) -> list[str]:
    d = dag.isoformat()
    return {
        "concept": ["concept", kenmerk, "--tekst", str(tekst)],
        "agenderen": ["agenderen", kenmerk, "--vergadering", d],
        "vaststellen": ["vaststellen", kenmerk, "--datum", d],
        "terugsturen": ["terugsturen", kenmerk, "--reden", "Eerst de cijfers"],
        "verzenden": ["verzenden", kenmerk, "--datum", d],
        "reactie": ["reactie", kenmerk, "--ontvangen", d, "--oordeel", "deels"],
        "intrekken": ["intrekken", kenmerk, "--reden", "Niet meer nodig"],
        # Later than any due date so far: 100 days after a day later than every earlier step.
        "termijn": ["termijn", kenmerk, "--tot", (dag + timedelta(days=100)).isoformat(), "--reden", "Afgesproken"],
    }[stap]


def _wandel(data: st.DataObject, tekst: Path) -> None:
    adviezen: list[list[Any]] = []  # [kenmerk, status, has a draft text]
    dag = date(2020, 1, 1)
    for _ in range(data.draw(st.integers(1, 7), label="stappen")):
        dag += timedelta(days=data.draw(st.integers(1, 20)))
        keuzes: list[tuple[int, str]] = [(-1, "aanvraag"), (-1, "nieuw")] + [
            (i, stap) for i, (_, status, tekst_) in enumerate(adviezen) for stap in _stappen_vanuit(status, tekst_)
        ]
        i, stap = data.draw(st.sampled_from(keuzes), label="stap")
        if i < 0:
            datum = "--ontvangen" if stap == "aanvraag" else "--datum"
            nieuw = als_json(voer_uit(stap, f"Advies {len(adviezen) + 1}", datum, dag.isoformat(), "--json"))
            adviezen.append([nieuw["kenmerk"], nieuw["status"], False])
            continue
        if stap == "concept":  # the same text twice is refused: each version says something new
            tekst.write_text(f"De raad adviseert, op {dag.isoformat()}, **positief**.\n", encoding="utf-8")
        voer_uit(*_opdracht(stap, adviezen[i][0], dag, tekst))
        adviezen[i][1] = _NAAR[stap] or adviezen[i][1]
        adviezen[i][2] = adviezen[i][2] or stap == "concept"


def _register(map_: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    map_.mkdir(parents=True)
    monkeypatch.setenv("ADVIES_HOME", str(map_))
    monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite:///{map_ / 'advies.db'}")
    return map_ / "advies.db"


def _nieuwe_waarde() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.integers(-2, 30),
        st.integers(2**31 - 2, 2**63),
        st.text(max_size=12),
        st.sampled_from([*STATUSSEN, "registreren", "verzenden", "CRA 2020-01", "CRB 2020-01", "ZZZ 2020-01"]),
        st.dates(date(1900, 1, 1), date(2100, 1, 1)).map(date.isoformat),
        st.sampled_from(["2099-01-01T00:00:00+00:00", "1980-01-01T00:00:00+00:00", "2020-01-01T00:00:00"]),
    )


def _wijziging(data: st.DataObject, archief: Path) -> tuple[str, int, str, Any]:
    with zipfile.ZipFile(archief) as bron:
        tabellen = {
            naam.removeprefix("tabellen/").removesuffix(".jsonl"): [
                json.loads(r) for r in bron.read(naam).decode().splitlines() if r
            ]
            for naam in bron.namelist()
            if naam.startswith("tabellen/")
        }
    tabel = data.draw(st.sampled_from(sorted(t for t, rijen in tabellen.items() if rijen)), label="tabel")
    rij = data.draw(st.integers(0, len(tabellen[tabel]) - 1), label="rij")
    velden = sorted(k for k, v in tabellen[tabel][rij].items() if not isinstance(v, dict))  # files have hashes
    return tabel, rij, data.draw(st.sampled_from(velden), label="veld"), data.draw(_nieuwe_waarde(), label="waarde")


_NUMMER = itertools.count()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_een_wandeling_gaat_heen_en_terug_en_een_wijziging_wordt_geweigerd_of_klopt(
    tmp_path: Path, data: st.DataObject
) -> None:
    werk = tmp_path / f"voorbeeld-{next(_NUMMER)}"
    tekst = werk / "tekst.md"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ADVIES_GEBRUIKER", "els")
        mp.delenv("ADVIES_DEBUG", raising=False)
        _register(werk / "bron", mp)
        richt_in()
        _wandel(data, tekst)
        voor = momentopname()
        voer_uit("archief", "exporteer", "--uit", str(werk / "a.zip"))

        _register(werk / "terug", mp)
        voer_uit("init")
        voer_uit("archief", "importeer", str(werk / "a.zip"))
        assert momentopname() == voor

        tabel, rij, veld, waarde = _wijziging(data, werk / "a.zip")

        def wijzig(tabellen: dict[str, list[dict[str, Any]]]) -> None:
            tabellen[tabel][rij][veld] = waarde

        vals = vervals(werk / "a.zip", werk / "vals.zip", wijzig)
        db = _register(werk / "vals", mp)
        voer_uit("init")
        uitkomst = voer_uit("archief", "importeer", str(vals), code=None)
        if uitkomst.exit_code:
            assert uitkomst.exit_code == 1 and uitkomst.stdout == ""
            assert len(uitkomst.stderr.splitlines()) == 1 and uitkomst.stderr.startswith("Fout: 'vals.zip' ")
            assert als_json(voer_uit("lijst", "--json")) == []
        else:
            engine = create_engine(f"sqlite:///{db}")
            with Session(engine) as sessie:
                assert invarianten.overtredingen(sessie) == [], (tabel, rij, veld, waarde)
            engine.dispose()
