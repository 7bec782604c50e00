"""The read commands print the same JSON as before the speed work (issue #16): the same keys and
values in the same order, and the same bytes (two-space indent, UTF-8).

The reference is the old code itself (tests/referentie_overzichten.py), run on the same register
as the command, so the history's timestamps and the acting user need not be known in advance.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from opslag.configuratie import database_url
from opslag.database import maak_engine, sessie
from tests import beginstand
from tests import referentie_overzichten as referentie
from tests.conftest import Advies, als_json

PEILDATA = ("2000-01-01", "2020-01-08", "2020-03-10", "2020-04-09", "2030-01-01")
# For `signalen` also the days around the reminders: late, remind, escalate, soon due.
SIGNAALDATA = (*PEILDATA, "2020-01-02", "2020-01-22", "2020-02-05", "2020-02-06", "2020-03-04", "2020-04-20")


@pytest.fixture
def oud() -> Iterator[Session]:
    """A reading session on the test's database, for the old code."""
    engine = maak_engine(database_url())
    with sessie(engine, schrijven=False) as s:
        yield s
    engine.dispose()


@pytest.fixture
def register(advies: Advies, tekst: Callable[..., Path], tmp_path: Path, home: Path) -> Advies:
    """Advices over three years in every state, with supplements, documents, a prolonged term,
    characters JSON must escape, and equal due dates across both kinds of lateness."""

    def bouw() -> None:
        advies("aanvraag", 'Zorg & "welzijn" — ëï \\ 😀', "--ontvangen", "2019-11-01", "--uw-kenmerk", "Z/1")
        _verzend(advies, tekst, "2019-01", "2019-11-27")  # due 2020-01-08
        advies("nieuw", "Beantwoord advies", "--datum", "2020-01-02")
        _verzend(advies, tekst, "2020-01", "2020-01-29")  # due 2020-03-11
        brief = tmp_path / "reactie.pdf"
        brief.write_bytes(b"%PDF-1.4 reactie")
        advies("reactie", "2020-01", "--ontvangen", "2020-03-01", "--oordeel", "deels", "--document", str(brief))
        advies("aanvulling", "2020-01", "Aanvulling op het beantwoorde advies")  # CRA 2020-01A
        advies("aanvulling", "2020-01", "Tweede aanvulling")  # CRA 2020-01B
        advies("aanvraag", "Basisbanen", "--ontvangen", "2020-02-03", "--termijn", "2020-03-11")  # 2020-02
        advies("nieuw", "Zelfde dag verzonden", "--datum", "2020-01-03")  # 2020-03, due 2020-03-11 too
        _verzend(advies, tekst, "2020-03", "2020-01-29")
        advies("aanvraag", "Ingetrokken", "--ontvangen", "2020-02-04", "--termijn", "2020-02-20")  # 2020-04
        advies("intrekken", "2020-04", "--reden", "Dubbel")
        advies("herinnering", "2019-01", "--datum", "2020-01-22", "--uit", str(tmp_path))  # 14 days late
        advies("herinnering", "2019-01", "--datum", "2020-02-05", "--uit", str(tmp_path))  # 14 days after that
        advies("aanvraag", "Verlengd", "--ontvangen", "2020-02-05")  # 2020-05
        _verzend(advies, tekst, "2020-05", "2020-02-05")
        advies("herinnering", "2020-05", "--datum", "2020-03-20", "--uit", str(tmp_path))  # before the new due date
        advies("termijn", "2020-05", "--tot", "2020-04-09", "--reden", "Afgesproken met de wethouder")
        advies("aanvraag", "Volgend jaar", "--ontvangen", "2021-01-04", "--termijn", "2021-02-01")
        advies("nieuw", "In concept", "--datum", "2021-01-05")
        advies("concept", "2021-02", "--tekst", str(tekst("Eerste versie.\n")))
        advies("concept", "2021-02", "--tekst", str(tekst("Tweede versie.\n", naam="v2.txt")))

    beginstand.zet_neer("json_ongewijzigd", home, bouw)
    return advies


def _verzend(advies: Advies, tekst: Callable[..., Path], kenmerk: str, dag: str) -> None:
    advies("concept", kenmerk, "--tekst", str(tekst()))
    advies("agenderen", kenmerk, "--vergadering", dag)
    advies("vaststellen", kenmerk, "--datum", dag)
    advies("verzenden", kenmerk, "--datum", dag)


def _vergelijk(advies: Advies, verwacht: Any, *args: str) -> Any:
    uitvoer = advies(*args).stdout
    assert json.loads(uitvoer) == verwacht
    assert uitvoer == referentie.als_json(verwacht)
    return verwacht


def _vergelijk_toon(advies: Advies, oud: Session, kenmerk: str) -> None:
    """`toon` as before, plus the key `termijnwijzigingen` that the work on legal terms added at the
    end (suspensions and extensions, tested in tests/test_opschorting.py)."""
    nieuw = json.loads(advies("toon", kenmerk, "--json").stdout)
    verwacht = {**referentie.toon(oud, kenmerk), "termijnwijzigingen": nieuw["termijnwijzigingen"]}
    _vergelijk(advies, verwacht, "toon", kenmerk, "--json")


def _alles_gelijk(advies: Advies, oud: Session, steekproef: int = 1) -> None:
    """Every read command against the old code; `toon` for every `steekproef`-th advice and for the
    first of each status (a generated register repeats the same shapes many times)."""
    adviezen = _vergelijk(advies, referentie.lijst(oud), "lijst", "--json")
    for jaar in (2019, 2020, 2021, 2099):
        _vergelijk(advies, referentie.lijst(oud, jaar=jaar), "lijst", "--jaar", str(jaar), "--json")
    for status in ("aangevraagd", "concept", "verzonden", "beantwoord", "ingetrokken"):
        _vergelijk(advies, referentie.lijst(oud, status=status), "lijst", "--status", status, "--json")
    for peildatum in PEILDATA:
        verwacht = referentie.achterstallig(oud, date.fromisoformat(peildatum))
        _vergelijk(advies, verwacht, "achterstallig", "--peildatum", peildatum, "--json")
    for peildatum in SIGNAALDATA:
        verwacht = referentie.signalen(oud, date.fromisoformat(peildatum))
        _vergelijk(advies, verwacht, "signalen", "--peildatum", peildatum, "--json")
    eerste_per_status = {a["status"]: a["kenmerk"] for a in reversed(adviezen)}
    for i, a in enumerate(adviezen):
        if i % steekproef == 0 or a["kenmerk"] in eerste_per_status.values():
            _vergelijk_toon(advies, oud, a["kenmerk"])


def test_register_via_de_cli(register: Advies, oud: Session) -> None:
    _alles_gelijk(register, oud)
    # The register has what the comparison is meant to cover: both kinds of lateness, one due date
    # shared across them (ordered by kenmerk), and a text with characters JSON escapes.
    late = als_json(register("achterstallig", "--peildatum", "2020-03-12", "--json"))
    assert [(r["kenmerk"], r["soort_achterstand"], r["uiterlijk"], r["dagen_te_laat"]) for r in late] == [
        ("CRA 2019-01", "reactie_college", "2020-01-08", 64),
        ("CRA 2020-02", "eigen_advies", "2020-03-11", 1),
        ("CRA 2020-03", "reactie_college", "2020-03-11", 1),
    ]
    assert '"onderwerp": "Zorg & \\"welzijn\\" — ëï \\\\ 😀"' in register("lijst", "--json").stdout
    # And every kind of signal, on one day or another.
    per_dag = [als_json(register("signalen", "--peildatum", dag, "--json")) for dag in SIGNAALDATA]
    soorten = {s["signaal"] for signalen in per_dag for s in signalen}
    assert soorten == {"binnenkort", "te_laat", "herinneren", "escaleren", "eigen_advies_te_laat"}


def test_gegenereerd_register(advies: Advies, oud: Session) -> None:
    advies("demo", "--aantal", "210")
    _alles_gelijk(advies, oud, steekproef=7)
