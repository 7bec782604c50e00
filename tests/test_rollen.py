"""Roles: one-user mode until users exist, then the chair approves and the secretary does the rest."""

from __future__ import annotations

import pytest

from tests.conftest import als_json, momentopname, voer_uit, weiger
from tests.databanken import als_gebruiker


@pytest.fixture
def raad(advies, tekst, monkeypatch):
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


def test_eenpersoonsmodus_mag_alles(advies, tekst):
    assert advies("gebruiker", "lijst").stdout == "Er zijn nog geen gebruikers geregistreerd: iedereen mag alles.\n"
    advies("nieuw", "X", "--datum", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
    advies("vaststellen", "2020-01", "--datum", "2020-01-28")


def test_eerste_gebruiker_moet_secretaris_zijn(advies):
    assert weiger("gebruiker", "toevoegen", "hans", "--rol", "voorzitter") == (
        "Fout: de eerste gebruiker moet een secretaris zijn: die beheert daarna de andere gebruikers"
    )
    assert als_json(advies("gebruiker", "lijst", "--json")) == []


def test_secretaris_kan_niet_vaststellen(raad):
    raad("els")
    voor = momentopname()
    assert weiger("vaststellen", "2020-01", "--datum", "2020-01-28") == (
        "Fout: dit vraagt de rol voorzitter; 'els' heeft de rol secretaris"
    )
    assert momentopname() == voor


def test_voorzitter_stelt_vast_en_staat_in_de_geschiedenis(raad):
    raad("hans")
    voer_uit("vaststellen", "2020-01", "--datum", "2020-01-28")
    geschiedenis = als_json(voer_uit("toon", "2020-01", "--json"))["geschiedenis"]
    assert geschiedenis[-1]["door"] == "hans"
    assert geschiedenis[-1]["naar"] == "vastgesteld"


def test_voorzitter_stelt_vast_maar_verzendt_niet(raad):
    raad("hans")
    voer_uit("vaststellen", "2020-01", "--datum", "2020-01-28")
    voor = momentopname()
    assert weiger("verzenden", "2020-01", "--datum", "2020-01-29") == (
        "Fout: dit vraagt de rol secretaris; 'hans' heeft de rol voorzitter"
    )
    assert momentopname() == voor


def test_voorzitter_stuurt_terug_maar_trekt_niet_in(raad):
    raad("hans")
    voer_uit("terugsturen", "2020-01", "--reden", "Eerst de cijfers")
    voor = momentopname()
    assert weiger("intrekken", "2020-01", "--reden", "x") == (
        "Fout: dit vraagt de rol secretaris; 'hans' heeft de rol voorzitter"
    )
    assert momentopname() == voor


def test_lid_leest_maar_wijzigt_niet(raad):
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


def test_onbekende_gebruiker_leest_niets(raad):
    raad("piet")
    melding = "Fout: gebruiker 'piet' is niet geregistreerd; vraag de secretaris om 'advies gebruiker toevoegen'"
    assert weiger("lijst") == melding
    assert weiger("achterstallig") == melding
    assert weiger("vaststellen", "2020-01") == (
        "Fout: gebruiker 'piet' is niet geregistreerd; dit vraagt de rol voorzitter"
    )


def test_gebruikerslijst(raad):
    raad("fleur")
    assert als_json(voer_uit("gebruiker", "lijst", "--json")) == [
        {"naam": "els", "rol": "secretaris"},
        {"naam": "fleur", "rol": "lid"},
        {"naam": "hans", "rol": "voorzitter"},
    ]
    raad("els")
    assert weiger("gebruiker", "toevoegen", "hans", "--rol", "lid") == "Fout: gebruiker 'hans' bestaat al"
