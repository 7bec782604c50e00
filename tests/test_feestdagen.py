"""The Atw calendar through the CLI: the due date `verzenden` records, the council's own corrections
(`advies feestdag`) and the setting termijn.termijnenwet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Advies, als_json, momentopname, weiger
from tests.databanken import als_gebruiker
from tests.termijnen_hulp import verzend


def uiterlijk(advies: Advies, kenmerk: str) -> str:
    datum: str = als_json(advies("toon", kenmerk, "--json"))["reactie_uiterlijk"]
    return datum


def test_goede_vrijdag_telt_als_feestdag(advies: Advies, tekst: Callable[..., Path]) -> None:
    kenmerk = verzend(advies, tekst, "Stadjerspas", "2026-02-20")
    # 20 February 2026 + 6 weeks = Goede Vrijdag 3 April (Atw art. 3 lid 2); Saturday, Easter Sunday,
    # Tweede Paasdag (lid 1): Tuesday 7 April.
    assert uiterlijk(advies, kenmerk) == "2026-04-07"
    getoond = advies("toon", kenmerk).stdout
    assert "Reactie uiterlijk: 7 april 2026" in getoond


def test_vrijdag_na_hemelvaart_volgens_het_gebruikelijke_besluit(advies: Advies, tekst: Callable[..., Path]) -> None:
    # 2 April 2026 + 6 weeks = Hemelvaartsdag 14 May; Friday 15 May is equated by the usual decree
    # (lid 3); Saturday, Sunday: Monday 18 May.
    kenmerk = verzend(advies, tekst, "Basisbanen", "2026-04-02")
    assert uiterlijk(advies, kenmerk) == "2026-05-18"


def test_zonder_termijnenwet_de_kale_datum(advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("instelling", "termijn.termijnenwet", "nee")
    # 20 February 2026 + 6 weeks = Friday 3 April 2026, Goede Vrijdag, and it stays there.
    assert uiterlijk(advies, verzend(advies, tekst, "Pas", "2026-02-20")) == "2026-04-03"
    # Saturday 7 March 2020 stays too: the plain date, weekend or not.
    assert uiterlijk(advies, verzend(advies, tekst, "Vervoer", "2020-01-25")) == "2020-03-07"


def test_eigen_dag_van_de_raad_en_een_vastgelegde_termijn_blijft(advies: Advies, tekst: Callable[..., Path]) -> None:
    eerder = verzend(advies, tekst, "Stadjerspas", "2026-02-20")  # due Tuesday 7 April 2026
    uit = advies("feestdag", "toevoegen", "2026-04-07", "--reden", "Besluit van 1 maart 2026, Stb. 2026, 12")
    assert uit.stdout == (
        "7 april 2026 is toegevoegd aan de kalender: Besluit van 1 maart 2026, Stb. 2026, 12. "
        "Al vastgelegde reactietermijnen blijven zoals ze zijn.\n"
    )
    # Sent the same day after the correction: 3 April Goede Vrijdag, 6 April Tweede Paasdag, 7 April
    # the council's own day: Wednesday 8 April.
    assert uiterlijk(advies, verzend(advies, tekst, "Vervoer", "2026-02-20")) == "2026-04-08"
    assert uiterlijk(advies, eerder) == "2026-04-07"  # recorded before the correction: unchanged
    dag = next(d for d in als_json(advies("feestdag", "lijst", "2026", "--json")) if d["datum"] == "2026-04-07")
    assert dag == {
        "datum": "2026-04-07",
        "naam": "gelijkgesteld door de raad",
        "bron": "raad",
        "grondslag": "Besluit van 1 maart 2026, Stb. 2026, 12",
        "telt": True,
        "door": "els",
    }


def test_besluitdag_verwijderen(advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("feestdag", "verwijderen", "2026-05-15", "--reden", "Niet in het besluit voor 2026")
    # 2 April 2026 + 6 weeks = Hemelvaartsdag 14 May; Friday 15 May no longer equated: 15 May.
    assert uiterlijk(advies, verzend(advies, tekst, "Basisbanen", "2026-04-02")) == "2026-05-15"
    dag = next(d for d in als_json(advies("feestdag", "lijst", "2026", "--json")) if d["datum"] == "2026-05-15")
    assert (dag["bron"], dag["telt"], dag["grondslag"]) == ("raad", False, "verwijderd: Niet in het besluit voor 2026")
    # Put back by the council: equated again, now with the council as its source.
    advies("feestdag", "toevoegen", "2026-05-15", "--reden", "Toch in het besluit")
    assert uiterlijk(advies, verzend(advies, tekst, "Vervoer", "2026-04-02")) == "2026-05-18"


def test_lijst_van_2043_met_bronnen(advies: Advies) -> None:
    dagen = als_json(advies("feestdag", "lijst", "2043", "--json"))
    assert [(d["datum"], d["naam"], d["bron"]) for d in dagen] == [
        ("2043-01-01", "Nieuwjaarsdag", "wet"),
        ("2043-01-02", "vrijdag na Nieuwjaarsdag", "besluit"),  # 1 January 2043 is a Thursday
        ("2043-03-27", "Goede Vrijdag", "wet"),
        ("2043-03-30", "Tweede Paasdag", "wet"),
        ("2043-04-27", "Koningsdag", "wet"),
        ("2043-05-04", "maandag vóór Bevrijdingsdag", "besluit"),  # 5 May 2043 is a Tuesday
        ("2043-05-05", "Bevrijdingsdag", "wet"),
        ("2043-05-06", "woensdag tussen Bevrijdingsdag en Hemelvaartsdag", "besluit"),  # Hemelvaart 7 May
        ("2043-05-07", "Hemelvaartsdag", "wet"),
        ("2043-05-08", "vrijdag na Hemelvaartsdag", "besluit"),
        ("2043-05-18", "Tweede Pinksterdag", "wet"),
        ("2043-12-25", "Eerste Kerstdag", "wet"),
        ("2043-12-26", "Tweede Kerstdag", "wet"),
    ]
    tekst = advies("feestdag", "lijst", "2043").stdout
    assert "6 mei 2043" in tekst and "Atw art. 3 lid 3 (gebruikelijk)" in tekst
    assert "Al vastgelegde reactietermijnen blijven zoals ze zijn." in tekst


@pytest.mark.parametrize(
    "args, melding",
    [
        (
            ["feestdag", "toevoegen", "2026-04-03", "--reden", "x"],
            "Fout: 2026-04-03 staat al in de kalender (Goede Vrijdag, Atw art. 3 lid 2); er is niets opgeslagen",
        ),
        (
            ["feestdag", "toevoegen", "2026-04-04", "--reden", "x"],
            "Fout: 2026-04-04 is een zaterdag of zondag; daarop eindigt een termijn al niet",
        ),
        (["feestdag", "toevoegen", "2026-04-08", "--reden", "  "], "Fout: de reden mag niet leeg zijn"),
        (
            ["feestdag", "verwijderen", "2026-04-06", "--reden", "x"],
            "Fout: 2026-04-06 (Tweede Paasdag) is een feestdag volgens de wet (Atw art. 3 lid 1) en kan niet "
            "worden verwijderd",
        ),
        (
            ["feestdag", "verwijderen", "2026-04-08", "--reden", "x"],
            "Fout: 2026-04-08 staat niet in de kalender; er is niets verwijderd",
        ),
        (
            ["instelling", "termijn.termijnenwet", "misschien"],
            "Fout: termijn.termijnenwet is 'ja' of 'nee', niet 'misschien'",
        ),
        (
            ["instelling", "termijn.signaal_dagen", "1000"],
            "Fout: termijn.signaal_dagen moet een heel aantal dagen van 0 tot en met 365 zijn, niet '1000'",
        ),
        (
            ["instelling", "herinnering.na_dagen", "0"],
            "Fout: herinnering.na_dagen moet een heel aantal dagen van 1 tot en met 365 zijn, niet '0'",
        ),
        (
            ["instelling", "herinnering.escalatie_na", "twee"],
            "Fout: herinnering.escalatie_na moet een heel aantal herinneringen van 1 tot en met 20 zijn, niet 'twee'",
        ),
    ],
)
def test_weigeringen_veranderen_niets(advies: Advies, args: list[str], melding: str) -> None:
    voor = momentopname(), advies("feestdag", "lijst", "2026", "--json").stdout
    assert weiger(*args) == melding
    assert (momentopname(), advies("feestdag", "lijst", "2026", "--json").stdout) == voor


def test_jaar_buiten_de_kalender_is_verkeerd_gebruik(advies: Advies) -> None:
    assert weiger("feestdag", "lijst", "1900", code=2).startswith("Fout: ")


def test_feestdag_wijzigen_vraagt_de_secretaris(advies: Advies, monkeypatch: pytest.MonkeyPatch) -> None:
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "fleur", "--rol", "lid")
    voor = advies("feestdag", "lijst", "2026", "--json").stdout
    als_gebruiker(monkeypatch, "fleur")
    assert weiger("feestdag", "toevoegen", "2026-04-08", "--reden", "x") == (
        "Fout: dit vraagt de rol secretaris; 'fleur' heeft de rol lid"
    )
    assert advies("feestdag", "lijst", "2026", "--json").stdout == voor  # reading is allowed
