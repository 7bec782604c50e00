"""`advies opschorten`: the due date moves on by the paused days (both ends included), then the Atw
rule again; several suspensions add up; `toon` says why a due date moved (suspension or extension)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from opslag import schema
from opslag.database import maak_engine
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger
from tests.termijnen_hulp import verzend


@pytest.fixture
def verzonden(advies: Advies, tekst: Callable[..., Path]) -> str:
    # 13 March 2026 + 6 weeks = Friday 24 April 2026, a plain working day.
    kenmerk = verzend(advies, tekst, "Stadjerspas", "2026-03-13")
    assert als_json(advies("toon", kenmerk, "--json"))["reactie_uiterlijk"] == "2026-04-24"
    return kenmerk


def test_opschorting_over_feestdagen_en_een_tweede(advies: Advies, verzonden: str) -> None:
    uit = advies("opschorten", verzonden, "--van", "2026-04-01", "--tot", "2026-04-03", "--reden", "Stukken ontbreken")
    # 1, 2 and 3 April (Goede Vrijdag counts as a paused day like any other): 3 days. 24 April + 3 =
    # Monday 27 April, Koningsdag: Tuesday 28 April.
    assert uit.stdout == (
        "Reactietermijn van CRA 2020-01 opgeschort van 1 april 2026 tot en met 3 april 2026; "
        "reactie nu uiterlijk 28 april 2026.\n"
    )
    data = als_json(
        advies("opschorten", verzonden, "--van", "2026-04-20", "--tot", "2026-04-26", "--reden", "Meireces", "--json")
    )
    # 20 to 26 April: 7 days. 28 April + 7 = Tuesday 5 May, Bevrijdingsdag: Wednesday 6 May.
    assert data["reactie_uiterlijk"] == "2026-05-06"
    getoond = als_json(advies("toon", verzonden, "--json"))
    assert [g["notitie"] for g in getoond["geschiedenis"] if g["gebeurtenis"] == "opschorten"] == [
        "reactietermijn opgeschort van 2026-04-01 tot en met 2026-04-03 (3 dagen): Stukken ontbreken; "
        "reactie uiterlijk was 2026-04-24, wordt 2026-04-28",
        "reactietermijn opgeschort van 2026-04-20 tot en met 2026-04-26 (7 dagen): Meireces; "
        "reactie uiterlijk was 2026-04-28, wordt 2026-05-06",
    ]
    assert getoond["geschiedenis"][-1]["van"] == getoond["geschiedenis"][-1]["naar"] == "verzonden"
    advies("termijn", verzonden, "--tot", "2026-06-01", "--reden", "Afgesproken met de wethouder")
    assert als_json(advies("toon", verzonden, "--json"))["termijnwijzigingen"] == [
        {
            "soort": "opschorting",
            "van": "2026-04-01",
            "tot": "2026-04-03",
            "dagen": 3,
            "reden": "Stukken ontbreken",
            "uiterlijk_was": "2026-04-24",
            "uiterlijk_werd": "2026-04-28",
            "door": "els",
        },
        {
            "soort": "opschorting",
            "van": "2026-04-20",
            "tot": "2026-04-26",
            "dagen": 7,
            "reden": "Meireces",
            "uiterlijk_was": "2026-04-28",
            "uiterlijk_werd": "2026-05-06",
            "door": "els",
        },
        {
            "soort": "verlenging",
            "van": None,
            "tot": None,
            "dagen": None,
            "reden": "Afgesproken met de wethouder",
            "uiterlijk_was": "2026-05-06",
            "uiterlijk_werd": "2026-06-01",
            "door": "els",
        },
    ]
    tekst = advies("toon", verzonden).stdout
    assert "Reactietermijn verschoven" in tekst
    assert "1 april 2026 t/m 3 april 2026 (3 dagen)" in tekst
    assert "Afgesproken met de wethouder" in tekst


def test_opschorting_zonder_termijnenwet(advies: Advies, verzonden: str) -> None:
    advies("instelling", "termijn.termijnenwet", "nee")
    advies("opschorten", verzonden, "--van", "2026-04-01", "--tot", "2026-04-03", "--reden", "Reces")
    # 24 April + 3 days = Monday 27 April (Koningsdag), which stays: the law does not apply.
    assert als_json(advies("toon", verzonden, "--json"))["reactie_uiterlijk"] == "2026-04-27"


def test_weigeringen(advies: Advies, verzonden: str) -> None:
    advies("opschorten", verzonden, "--van", "2026-04-01", "--tot", "2026-04-03", "--reden", "Reces")
    advies("nieuw", "Nog in concept", "--datum", "2020-02-01")
    voor = momentopname()
    gevallen = [
        (
            ["2020-01", "--van", "2026-04-03", "--tot", "2026-04-10"],
            "Fout: de opschorting overlapt met die van 2026-04-01 tot en met 2026-04-03",
        ),
        (
            ["2020-01", "--van", "2026-03-25", "--tot", "2026-04-01"],
            "Fout: de opschorting overlapt met die van 2026-04-01 tot en met 2026-04-03",
        ),
        (
            ["2020-01", "--van", "2026-04-10", "--tot", "2026-04-09"],
            "Fout: de opschorting eindigt (2026-04-09) vóór ze begint (2026-04-10)",
        ),
        (
            ["2020-02", "--van", "2026-04-10", "--tot", "2026-04-12"],
            "Fout: CRA 2020-02 staat op 'concept'; 'opschorten' kan daar niet "
            "(mogelijk: concept, agenderen, intrekken)",
        ),
        (
            ["2020-01", "--van", "2026-03-01", "--tot", "2026-03-02"],
            "Fout: het begin van de opschorting (2026-03-01) ligt vóór de verzending (2026-03-13)",
        ),
        (
            ["2020-01", "--van", "2026-05-01", "--tot", "2026-05-02"],
            "Fout: de opschorting begint (2026-05-01) na het einde van de reactietermijn (2026-04-28); "
            "een verstreken termijn verlengt u met 'advies termijn'",
        ),
        (
            ["2020-01", "--van", "2026-04-10", "--tot", "2027-04-20"],
            "Fout: een opschorting duurt hoogstens 366 dagen",
        ),
        (["2020-99", "--van", "2026-04-10", "--tot", "2026-04-12"], "Fout: onbekend kenmerk '2020-99'"),
    ]
    for args, melding in gevallen:
        assert weiger("opschorten", *args, "--reden", "Reces") == melding
        assert momentopname() == voor
    assert weiger("opschorten", "2020-01", "--van", "2026-04-10", "--tot", "2026-04-12", "--reden", " ") == (
        "Fout: de reden mag niet leeg zijn"
    )
    assert weiger("opschorten", "2020-01", "--van", "2026-04-10", "--reden", "x", code=2).startswith("Fout: ")
    assert momentopname() == voor


@pytest.mark.sqlite
def test_migratie_neemt_eerdere_verlengingen_over(advies: Advies, verzonden: str, home: Path) -> None:
    advies("termijn", verzonden, "--tot", "2026-05-01", "--reden", "Afgesproken: eind april")
    verwacht = als_json(advies("toon", verzonden, "--json"))["termijnwijzigingen"]
    # As an installation on schema 0001 had it: the extension only in the history.
    engine = maak_engine(f"sqlite:///{home / 'advies.db'}")
    schema.downgrade(engine, "0001")
    engine.dispose()
    assert f"van schemaversie 0001 naar {schema.SCHEMAVERSIE}" in voer_uit("init").stdout
    assert als_json(voer_uit("toon", verzonden, "--json"))["termijnwijzigingen"] == verwacht
    assert verwacht[0]["uiterlijk_was"] == "2026-04-24" and verwacht[0]["reden"] == "Afgesproken: eind april"


def test_archief_neemt_correcties_en_opschortingen_mee(
    advies: Advies, verzonden: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    advies("feestdag", "toevoegen", "2026-04-29", "--reden", "Besluit 2026")
    advies("feestdag", "verwijderen", "2026-05-15", "--reden", "Niet in het besluit")
    advies("opschorten", verzonden, "--van", "2026-04-01", "--tot", "2026-04-03", "--reden", "Reces")
    voor = momentopname(), advies("feestdag", "lijst", "2026", "--json").stdout
    advies("archief", "exporteer", "--uit", str(tmp_path / "a.zip"))
    elders = tmp_path / "elders"
    monkeypatch.setenv("ADVIES_HOME", str(elders))
    monkeypatch.setenv("ADVIES_DATABASE_URL", f"sqlite:///{elders / 'advies.db'}")
    voer_uit("init")
    voer_uit("archief", "importeer", str(tmp_path / "a.zip"))
    assert (momentopname(), voer_uit("feestdag", "lijst", "2026", "--json").stdout) == voor
    with zipfile.ZipFile(tmp_path / "a.zip") as archief:
        assert {"tabellen/feestdagcorrectie.jsonl", "tabellen/termijnwijziging.jsonl"} <= set(archief.namelist())
