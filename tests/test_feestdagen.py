"""The Atw calendar through the CLI: the due date `verzenden` records, the shipped decrees and the
expected days with their source, the council's own corrections (`advies feestdag`), the setting
termijn.termijnenwet, and the recomputation of open advices when any of these changes."""

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


def test_vrijdag_na_hemelvaart_volgens_het_besluit_van_2026(advies: Advies, tekst: Callable[..., Path]) -> None:
    # 2 April 2026 + 6 weeks = Hemelvaartsdag 14 May; Friday 15 May is equated by the decree of 2026
    # (lid 3); Saturday, Sunday: Monday 18 May.
    kenmerk = verzend(advies, tekst, "Basisbanen", "2026-04-02")
    assert uiterlijk(advies, kenmerk) == "2026-05-18"


def test_zonder_termijnenwet_de_kale_datum(advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("instelling", "termijn.termijnenwet", "nee")
    # 20 February 2026 + 6 weeks = Friday 3 April 2026, Goede Vrijdag, and it stays there.
    assert uiterlijk(advies, verzend(advies, tekst, "Pas", "2026-02-20")) == "2026-04-03"
    # Saturday 7 March 2020 stays too: the plain date, weekend or not.
    assert uiterlijk(advies, verzend(advies, tekst, "Vervoer", "2020-01-25")) == "2020-03-07"


def geschiedenis(advies: Advies, kenmerk: str) -> list[str]:
    return [str(r["notitie"]) for r in als_json(advies("toon", kenmerk, "--json"))["geschiedenis"]]


def test_eigen_dag_van_de_raad_herberekent_open_adviezen(advies: Advies, tekst: Callable[..., Path]) -> None:
    eerder = verzend(advies, tekst, "Stadjerspas", "2026-02-20")  # due Tuesday 7 April 2026
    uit = advies("feestdag", "toevoegen", "2026-04-07", "--reden", "Besluit van 1 maart 2026, Stb. 2026, 12")
    assert uit.stdout.startswith(
        "7 april 2026 is toegevoegd aan de kalender: Besluit van 1 maart 2026, Stb. 2026, 12.\n"
        "Herberekende reactietermijnen (1)"
    )
    assert "CRA 2020-01" in uit.stdout and "8 april 2026" in uit.stdout
    # 3 April Goede Vrijdag, 6 April Tweede Paasdag, 7 April the council's own day: Wednesday 8 April,
    # for the advice sent before the correction and for one sent after it.
    assert uiterlijk(advies, eerder) == "2026-04-08"
    assert uiterlijk(advies, verzend(advies, tekst, "Vervoer", "2026-02-20")) == "2026-04-08"
    assert geschiedenis(advies, eerder)[-1] == (
        "reactietermijn herberekend: 7 april → 8 april 2026, "
        "feestdag 7 april toegevoegd (Besluit van 1 maart 2026, Stb. 2026, 12)"
    )
    dag = next(d for d in als_json(advies("feestdag", "lijst", "2026", "--json")) if d["datum"] == "2026-04-07")
    assert dag == {
        "datum": "2026-04-07",
        "naam": "gelijkgesteld door de raad",
        "bron": "raad",
        "grondslag": "Besluit van 1 maart 2026, Stb. 2026, 12",
        "telt": True,
        "door": "els",
    }


def test_besluitdag_verwijderen_herberekent_en_laat_een_verlenging_staan(
    advies: Advies, tekst: Callable[..., Path]
) -> None:
    # 2 April 2026 + 6 weeks = Hemelvaartsdag 14 May; Friday 15 May (decree); weekend: Monday 18 May.
    open_advies = verzend(advies, tekst, "Basisbanen", "2026-04-02")
    verlengd = verzend(advies, tekst, "Vervoer", "2026-04-02")
    advies("termijn", verlengd, "--tot", "2026-05-19", "--reden", "Afgesproken met de wethouder")
    beantwoord = verzend(advies, tekst, "Pas", "2026-04-02")
    advies("reactie", beantwoord, "--ontvangen", "2026-04-20")
    voor_beantwoord = geschiedenis(advies, beantwoord)
    uit = advies("feestdag", "verwijderen", "2026-05-15", "--reden", "Niet in het besluit voor 2026")
    assert "15 mei 2026 is uit de kalender verwijderd: Niet in het besluit voor 2026." in uit.stdout
    assert "Herberekende reactietermijnen (1)" in uit.stdout and open_advies in uit.stdout
    assert verlengd not in uit.stdout and beantwoord not in uit.stdout
    assert uiterlijk(advies, open_advies) == "2026-05-15"
    assert geschiedenis(advies, open_advies)[-1] == (
        "reactietermijn herberekend: 18 mei → 15 mei 2026, feestdag 15 mei verwijderd (Niet in het besluit voor 2026)"
    )
    # The extension agreed with the college is the council's decision; an answered advice is closed.
    assert uiterlijk(advies, verlengd) == "2026-05-19"
    assert geschiedenis(advies, beantwoord) == voor_beantwoord
    dag = next(d for d in als_json(advies("feestdag", "lijst", "2026", "--json")) if d["datum"] == "2026-05-15")
    assert (dag["bron"], dag["telt"], dag["grondslag"]) == ("raad", False, "verwijderd: Niet in het besluit voor 2026")
    # Recorded again as the decree: it counts, with the decree as its source, and the advice moves back.
    uit = advies("feestdag", "toevoegen", "2026-05-15", "--bron", "Besluit gelijkstelling van 15 mei 2026")
    assert "18 mei 2026" in uit.stdout
    assert uiterlijk(advies, open_advies) == "2026-05-18"
    dag = next(d for d in als_json(advies("feestdag", "lijst", "2026", "--json")) if d["datum"] == "2026-05-15")
    assert (dag["bron"], dag["grondslag"], dag["telt"]) == ("besluit", "Besluit gelijkstelling van 15 mei 2026", True)


def test_2026_geen_maandag_voor_bevrijdingsdag(advies: Advies, tekst: Callable[..., Path]) -> None:
    # Saturday 21, Sunday 22 and Monday 23 March 2026 + 6 weeks: Monday 4 May, an ordinary day (the
    # decree of 2026 does not equate it), not Wednesday 6 May.
    for verzonden in ("2026-03-21", "2026-03-22", "2026-03-23"):
        assert uiterlijk(advies, verzend(advies, tekst, f"Advies {verzonden}", verzonden)) == "2026-05-04"
    assert weiger("feestdag", "verwijderen", "2026-05-04", "--reden", "x") == (
        "Fout: 2026-05-04 staat niet in de kalender; er is niets verwijderd"
    )


def test_termijn_van_12_en_13_weken_rond_goede_vrijdag(advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("instelling", "termijn.reactie_weken", "12")
    # Friday 9 January 2026 + 12 weeks = Goede Vrijdag 3 April: extended to Tuesday 7 April.
    twaalf = verzend(advies, tekst, "Twaalf", "2026-01-09")
    assert uiterlijk(advies, twaalf) == "2026-04-07"
    # Thirteen weeks: art. 4, the Atw does not extend it. The open advice is recomputed: 9 January + 13
    # weeks = Friday 10 April, an ordinary day.
    uit = advies("instelling", "termijn.reactie_weken", "13")
    assert "Herberekende reactietermijnen (1)" in uit.stdout
    assert uiterlijk(advies, twaalf) == "2026-04-10"
    assert geschiedenis(advies, twaalf)[-1] == (
        "reactietermijn herberekend: 7 april → 10 april 2026, termijn.reactie_weken van 12 naar 13"
    )
    # Friday 2 January 2026 + 13 weeks = Goede Vrijdag 3 April, and there it stays.
    assert uiterlijk(advies, verzend(advies, tekst, "Dertien", "2026-01-02")) == "2026-04-03"
    # The Atw off: 7 April stays the plain date... nothing moves that the law did not move.
    uit = advies("instelling", "termijn.termijnenwet", "nee")
    assert "Geen reactietermijn van een open advies verschuift hierdoor." in uit.stdout


def test_termijnenwet_uit_en_aan_herberekent(advies: Advies, tekst: Callable[..., Path]) -> None:
    kenmerk = verzend(advies, tekst, "Stadjerspas", "2026-02-20")  # due Tuesday 7 April 2026
    advies("instelling", "termijn.termijnenwet", "nee")
    assert uiterlijk(advies, kenmerk) == "2026-04-03"  # Goede Vrijdag, the plain date
    assert geschiedenis(advies, kenmerk)[-1] == (
        "reactietermijn herberekend: 7 april → 3 april 2026, termijn.termijnenwet van ja naar nee"
    )
    advies("instelling", "termijn.termijnenwet", "ja")
    assert uiterlijk(advies, kenmerk) == "2026-04-07"


def test_corrigeer_de_reactietermijn_blijft_staan(advies: Advies, tekst: Callable[..., Path]) -> None:
    kenmerk = verzend(advies, tekst, "Basisbanen", "2026-04-02")  # due Monday 18 May 2026
    advies("corrigeer", kenmerk, "--uiterlijk", "2026-05-20", "--reden", "Brief kwam later aan")
    assert uiterlijk(advies, kenmerk) == "2026-05-20"
    assert geschiedenis(advies, kenmerk)[-1] == (
        "de reactietermijn gecorrigeerd van 2026-05-18 naar 2026-05-20: Brief kwam later aan"
    )
    uit = advies("feestdag", "verwijderen", "2026-05-15", "--reden", "Niet in het besluit")
    assert "Geen reactietermijn van een open advies verschuift hierdoor." in uit.stdout
    assert uiterlijk(advies, kenmerk) == "2026-05-20"
    assert weiger("corrigeer", kenmerk, "--uiterlijk", "2026-04-01", "--reden", "x") == (
        "Fout: de reactietermijn (2026-04-01) ligt vóór de verzending (2026-04-02)"
    )


def test_corrigeer_reactietermijn_alleen_als_open(advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("nieuw", "Nog niet verzonden", "--datum", "2020-01-10")
    assert weiger("corrigeer", "2020-01", "--uiterlijk", "2020-03-01", "--reden", "x") == (
        "Fout: CRA 2020-01 staat op 'concept': alleen een verzonden advies dat nog op de reactie wacht, heeft een "
        "reactietermijn om te corrigeren; er is niets gecorrigeerd"
    )


BESLUIT_2023 = (
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 "
    "met een algemeen erkende feestdag (Staatscourant-nummer niet geverifieerd)"
)
BESLUIT_2026 = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
    "met een algemeen erkende feestdag (Staatscourant-nummer niet geverifieerd)"
)


@pytest.mark.parametrize(
    "datum, naam, titel",
    [
        ("2023-04-28", "vrijdag na Koningsdag", BESLUIT_2023),
        ("2023-05-19", "vrijdag na Hemelvaartsdag", BESLUIT_2023),
        ("2024-05-10", "vrijdag na Hemelvaartsdag", BESLUIT_2023),
        ("2024-12-27", "vrijdag na Tweede Kerstdag", BESLUIT_2023),
        ("2025-05-30", "vrijdag na Hemelvaartsdag", BESLUIT_2023),
        ("2026-01-02", "vrijdag na Nieuwjaarsdag", BESLUIT_2026),
        ("2026-05-15", "vrijdag na Hemelvaartsdag", BESLUIT_2026),
        ("2027-05-07", "vrijdag na Hemelvaartsdag", BESLUIT_2026),
        ("2028-04-28", "vrijdag na Koningsdag", BESLUIT_2026),
        ("2028-05-26", "vrijdag na Hemelvaartsdag", BESLUIT_2026),
    ],
)
def test_elke_besluitdag_met_zijn_bron(advies: Advies, datum: str, naam: str, titel: str) -> None:
    jaar = datum[:4]
    dagen = als_json(advies("feestdag", "lijst", jaar, "--json"))
    assert {"datum": datum, "naam": naam, "bron": "besluit", "grondslag": titel, "telt": True, "door": ""} in dagen
    assert not [d for d in dagen if d["bron"] == "verwacht"]  # a year the decree covers
    assert titel in advies("feestdag", "lijst", jaar).stdout


def test_verwachte_dagen_tot_het_besluit_is_vastgelegd(advies: Advies) -> None:
    verwacht = "Atw art. 3 lid 3: verwacht, geen besluit bekend voor dit jaar"
    dagen = als_json(advies("feestdag", "lijst", "2029", "--json"))
    assert [(d["datum"], d["naam"], d["bron"]) for d in dagen if d["bron"] != "wet"] == [
        ("2029-05-11", "vrijdag na Hemelvaartsdag", "verwacht")
    ]
    assert "verwacht" in advies("feestdag", "lijst", "2029").stdout
    advies("feestdag", "toevoegen", "2029-05-11", "--bron", "Besluit gelijkstelling van 11 mei 2029")
    dag = next(d for d in als_json(advies("feestdag", "lijst", "2029", "--json")) if d["datum"] == "2029-05-11")
    assert (dag["naam"], dag["bron"], dag["grondslag"], dag["door"]) == (
        "vrijdag na Hemelvaartsdag",
        "besluit",
        "Besluit gelijkstelling van 11 mei 2029",
        "els",
    )
    assert verwacht not in advies("feestdag", "lijst", "2029").stdout


def test_lijst_van_2043_met_bronnen(advies: Advies) -> None:
    dagen = als_json(advies("feestdag", "lijst", "2043", "--json"))
    assert [(d["datum"], d["naam"], d["bron"]) for d in dagen] == [
        ("2043-01-01", "Nieuwjaarsdag", "wet"),
        ("2043-01-02", "vrijdag na Nieuwjaarsdag", "verwacht"),  # 1 January 2043 is a Thursday
        ("2043-03-27", "Goede Vrijdag", "wet"),
        ("2043-03-30", "Tweede Paasdag", "wet"),
        ("2043-04-27", "Koningsdag", "wet"),
        ("2043-05-05", "Bevrijdingsdag", "wet"),  # a Tuesday: Monday 4 May is no equated day
        ("2043-05-07", "Hemelvaartsdag", "wet"),
        ("2043-05-08", "vrijdag na Hemelvaartsdag", "verwacht"),
        ("2043-05-18", "Tweede Pinksterdag", "wet"),
        ("2043-12-25", "Eerste Kerstdag", "wet"),
        ("2043-12-26", "Tweede Kerstdag", "wet"),
    ]
    tekst = advies("feestdag", "lijst", "2043").stdout
    assert "8 mei 2043" in tekst and "verwacht, geen besluit bekend voor dit jaar" in tekst


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
            ["feestdag", "toevoegen", "2026-05-15", "--bron", "Besluit"],
            f"Fout: 2026-05-15 staat al in de kalender (vrijdag na Hemelvaartsdag, {BESLUIT_2026}); "
            "er is niets opgeslagen",
        ),
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
    assert weiger("feestdag", "toevoegen", "2026-04-08", code=2) == (
        "Fout: geef --reden of --bron. Zie 'advies feestdag toevoegen --help'."
    )


def test_feestdag_wijzigen_vraagt_de_secretaris(advies: Advies, monkeypatch: pytest.MonkeyPatch) -> None:
    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "fleur", "--rol", "lid")
    voor = advies("feestdag", "lijst", "2026", "--json").stdout
    als_gebruiker(monkeypatch, "fleur")
    assert weiger("feestdag", "toevoegen", "2026-04-08", "--reden", "x") == (
        "Fout: dit vraagt de rol secretaris; 'fleur' heeft de rol lid"
    )
    assert advies("feestdag", "lijst", "2026", "--json").stdout == voor  # reading is allowed
