"""Roles: one-user mode until users exist, then the chair approves and the secretary does the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger
from tests.databanken import BACKEND, als_gebruiker


@pytest.fixture
def raad(advies: Advies, tekst: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """els is secretaris, hans voorzitter, fleur lid; one advice on the agenda."""
    advies("nieuw", "Werkprogramma", "--datum", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
    assert advies("gebruiker", "toevoegen", "els", "--rol", "secretaris").stdout == (
        "Gebruiker els geregistreerd als secretaris.\n"
    )
    advies("gebruiker", "toevoegen", "hans", "--rol", "voorzitter")
    advies("gebruiker", "toevoegen", "fleur", "--rol", "lid")

    return lambda naam: als_gebruiker(monkeypatch, naam)


def test_eenpersoonsmodus_mag_alles(advies: Advies, tekst: Callable[..., Path]) -> None:
    assert advies("gebruiker", "lijst").stdout == "Er zijn nog geen gebruikers geregistreerd: iedereen mag alles.\n"
    advies("nieuw", "X", "--datum", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
    advies("vaststellen", "2020-01", "--datum", "2020-01-28")


def test_eerste_gebruiker_moet_secretaris_zijn(advies: Advies) -> None:
    assert weiger("gebruiker", "toevoegen", "hans", "--rol", "voorzitter") == (
        "Fout: de eerste gebruiker moet een secretaris zijn: die beheert daarna de andere gebruikers"
    )
    assert als_json(advies("gebruiker", "lijst", "--json")) == []


def test_secretaris_kan_niet_vaststellen(raad: Callable[[str], None]) -> None:
    raad("els")
    voor = momentopname()
    assert weiger("vaststellen", "2020-01", "--datum", "2020-01-28") == (
        "Fout: dit vraagt de rol voorzitter; 'els' heeft de rol secretaris"
    )
    assert momentopname() == voor


def test_voorzitter_stelt_vast_en_staat_in_de_geschiedenis(raad: Callable[[str], None]) -> None:
    raad("hans")
    voer_uit("vaststellen", "2020-01", "--datum", "2020-01-28")
    geschiedenis = als_json(voer_uit("toon", "2020-01", "--json"))["geschiedenis"]
    assert geschiedenis[-1]["door"] == "hans"
    assert geschiedenis[-1]["naar"] == "vastgesteld"


def test_voorzitter_stelt_vast_maar_verzendt_niet(raad: Callable[[str], None]) -> None:
    raad("hans")
    voer_uit("vaststellen", "2020-01", "--datum", "2020-01-28")
    voor = momentopname()
    assert weiger("verzenden", "2020-01", "--datum", "2020-01-29") == (
        "Fout: dit vraagt de rol secretaris; 'hans' heeft de rol voorzitter"
    )
    assert momentopname() == voor


def test_voorzitter_stuurt_terug_maar_trekt_niet_in(raad: Callable[[str], None]) -> None:
    raad("hans")
    voer_uit("terugsturen", "2020-01", "--reden", "Eerst de cijfers")
    voor = momentopname()
    assert weiger("intrekken", "2020-01", "--reden", "x") == (
        "Fout: dit vraagt de rol secretaris; 'hans' heeft de rol voorzitter"
    )
    assert momentopname() == voor


def test_lid_leest_maar_wijzigt_niet(raad: Callable[[str], None]) -> None:
    raad("fleur")
    assert als_json(voer_uit("lijst", "--json"))[0]["kenmerk"] == "CRA 2020-01"
    voor = momentopname()
    assert weiger("nieuw", "Iets", "--datum", "2020-02-01") == (
        "Fout: dit vraagt de rol secretaris; 'fleur' heeft de rol lid"
    )
    assert weiger("instelling", "organisatie.plaats", "Haren") == (
        "Fout: dit vraagt de rol secretaris; 'fleur' heeft de rol lid"
    )
    assert weiger("gebruiker", "toevoegen", "piet", "--rol", "lid") == (
        "Fout: dit vraagt de rol secretaris; 'fleur' heeft de rol lid"
    )
    assert momentopname() == voor


def test_onbekende_gebruiker_leest_niets(raad: Callable[[str], None]) -> None:
    raad("piet")
    if BACKEND == "postgresql":
        wie, hoe = "gebruiker 'piet' (de databaselogin)", "; vraag de secretaris om 'advies gebruiker toevoegen piet'"
    else:
        wie = "gebruiker 'piet' (uit ADVIES_GEBRUIKER)"
        hoe = (
            "; zet ADVIES_GEBRUIKER op uw geregistreerde naam of "
            "vraag de secretaris om 'advies gebruiker toevoegen piet'"
        )
    assert weiger("lijst") == f"Fout: {wie} is niet geregistreerd{hoe}"
    assert weiger("achterstallig") == f"Fout: {wie} is niet geregistreerd{hoe}"
    assert weiger("vaststellen", "2020-01") == f"Fout: {wie} is niet geregistreerd; dit vraagt de rol voorzitter{hoe}"


@pytest.mark.sqlite
def test_zonder_advies_gebruiker_noemt_de_melding_de_inlognaam(
    raad: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ADVIES_GEBRUIKER")
    monkeypatch.setenv("LOGNAME", "root")  # what getpass reads first
    assert weiger("lijst") == (
        "Fout: gebruiker 'root' (de inlognaam; ADVIES_GEBRUIKER is niet gezet) is niet geregistreerd; "
        "zet ADVIES_GEBRUIKER op uw geregistreerde naam of vraag de secretaris om 'advies gebruiker toevoegen root'"
    )


def test_rol_wijzigen_en_toegang_beeindigen(raad: Callable[[str], None]) -> None:
    raad("els")
    assert voer_uit("gebruiker", "wijzig", "fleur", "--rol", "voorzitter").stdout == (
        "Gebruiker fleur heeft nu de rol voorzitter (was lid).\n"
    )
    raad("fleur")
    voer_uit("terugsturen", "2020-01", "--reden", "Eerst de cijfers")
    raad("els")
    assert (
        voer_uit("gebruiker", "verwijder", "fleur").stdout == "Gebruiker fleur (voorzitter) heeft geen toegang meer.\n"
    )
    assert [g["naam"] for g in als_json(voer_uit("gebruiker", "lijst", "--json"))] == ["els", "hans"]
    assert als_json(voer_uit("toon", "2020-01", "--json"))["geschiedenis"][-1]["door"] == "fleur"
    raad("fleur")
    assert weiger("lijst").startswith("Fout: gebruiker 'fleur' ")


def test_de_laatste_secretaris_blijft(raad: Callable[[str], None]) -> None:
    raad("els")
    voor = momentopname()
    assert weiger("gebruiker", "verwijder", "els") == (
        "Fout: 'els' kan niet worden verwijderd: dat is de laatste secretaris en dan kan niemand de gebruikers "
        "nog beheren; registreer eerst een andere secretaris"
    )
    assert weiger("gebruiker", "wijzig", "els", "--rol", "lid") == (
        "Fout: de rol van 'els' kan niet lid worden: dat is de laatste secretaris en dan kan niemand de gebruikers "
        "nog beheren; registreer eerst een andere secretaris"
    )
    assert weiger("gebruiker", "wijzig", "hans", "--rol", "voorzitter") == (
        "Fout: gebruiker 'hans' heeft de rol voorzitter al; er is niets gewijzigd"
    )
    assert weiger("gebruiker", "verwijder", "piet") == (
        "Fout: gebruiker 'piet' is niet geregistreerd; 'advies gebruiker lijst' toont wie wel"
    )
    assert als_json(voer_uit("gebruiker", "lijst", "--json"))[0] == {"naam": "els", "rol": "secretaris"}
    assert momentopname() == voor
    voer_uit("gebruiker", "wijzig", "hans", "--rol", "secretaris")
    voer_uit("gebruiker", "wijzig", "els", "--rol", "lid")
    assert als_json(voer_uit("gebruiker", "lijst", "--json"))[0] == {"naam": "els", "rol": "lid"}


def test_alleen_de_secretaris_beheert_gebruikers(raad: Callable[[str], None]) -> None:
    raad("hans")
    assert weiger("gebruiker", "verwijder", "fleur") == (
        "Fout: dit vraagt de rol secretaris; 'hans' heeft de rol voorzitter"
    )
    assert weiger("gebruiker", "wijzig", "hans", "--rol", "secretaris") == (
        "Fout: dit vraagt de rol secretaris; 'hans' heeft de rol voorzitter"
    )


def test_gebruikerslijst(raad: Callable[[str], None]) -> None:
    raad("fleur")
    assert als_json(voer_uit("gebruiker", "lijst", "--json")) == [
        {"naam": "els", "rol": "secretaris"},
        {"naam": "fleur", "rol": "lid"},
        {"naam": "hans", "rol": "voorzitter"},
    ]
    raad("els")
    assert weiger("gebruiker", "toevoegen", "hans", "--rol", "lid") == "Fout: gebruiker 'hans' bestaat al"
