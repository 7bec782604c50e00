"""The typed settings: every setting declared once (type, default, bounds, description), read typed
in one query, and set through the service with a file's name and bytes, without a path."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from adviesfouten import AdviesFout
from opslag import modellen
from tests.brieven_hulp import png
from tests.conftest import FUNCTIE, ONDERTEKENAAR, Advies, als_json
from workflow import instellingen, levensloop
from workflow.bestanden import Bestand
from workflow.instellingen import DEFINITIES, Instellingen, sleutel_van
from workflow.register import Register

VELDEN = dataclasses.fields(Instellingen)
TYPEN = typing.get_type_hints(Instellingen)
GROEPEN = {"organisatie", "kenmerk", "termijn", "herinnering", "brief", "web"}
# A description is Dutch: it has a Dutch word, and none of the English words a hasty one would have.
NEDERLANDS = {"van", "de", "het", "een", "die", "voor", "in", "door", "na", "zoveel", "waarna", "wie", "op", "om"}
ENGELS = {"the", "of the", "and", "number", "days", "file", "name", "letter", "template", "minutes"}


@pytest.mark.parametrize("veld", VELDEN, ids=[v.name for v in VELDEN])
def test_elke_instelling_is_eenmaal_volledig_verklaard(veld: dataclasses.Field[object]) -> None:
    sleutel = sleutel_van(veld.name)
    d = DEFINITIES[sleutel]
    assert sleutel.split(".")[0] in GROEPEN
    # The attribute's type is the declared type; a file setting's attribute is its stored name.
    assert d.soort in (str, int, bool, bytes)
    assert TYPEN[veld.name] is (str if d.soort is bytes else d.soort)
    # The default as stored is what `zet` would store, and reads back as the attribute's default.
    assert d.normaliseer(sleutel, d.standaard) == d.standaard
    assert d.waarde(sleutel, d.standaard) == veld.default
    assert type(veld.default) is TYPEN[veld.name]
    if d.soort is int:
        assert d.laagste is not None and d.hoogste is not None
        assert isinstance(veld.default, int) and d.laagste <= veld.default <= d.hoogste
        for buiten in (d.laagste - 1, d.hoogste + 1):
            with pytest.raises(AdviesFout, match=f"^{sleutel} moet een heel aantal .* van {d.laagste} tot en met "):
                d.normaliseer(sleutel, str(buiten))
    else:
        assert (d.laagste, d.hoogste) == (None, None)
    assert (d.bestand is not None) == (d.soort is bytes)
    if d.soort is bytes:
        assert d.standaard == ""  # no file until one is set
    woorden = set(d.omschrijving.lower().replace(",", " ").replace(":", " ").split())
    assert d.omschrijving == d.omschrijving.strip() and not d.omschrijving.endswith(".")
    assert woorden & NEDERLANDS, d.omschrijving
    assert not any(f" {e} " in f" {d.omschrijving.lower()} " for e in ENGELS), d.omschrijving


def test_de_verklaringen_staan_in_de_volgorde_van_de_lijst() -> None:
    """`advies instelling` lists DEFINITIES; it is the order of the attributes, nothing else."""
    assert list(DEFINITIES) == [sleutel_van(v.name) for v in VELDEN]
    assert [d.standaard for d in DEFINITIES.values()][:3] == ["Cliëntenraad Werk & Inkomen", "", "Groningen"]


@pytest.fixture
def register(advies: Advies) -> Iterator[Register]:
    register = Register()
    yield register
    register.sluit()


def test_lezen_geeft_getypeerde_waarden(advies: Advies, register: Register) -> None:
    with register.inzien() as (verbinding, _wie):
        assert instellingen.lees(verbinding) == dataclasses.replace(
            Instellingen(), brief_ondertekenaar=ONDERTEKENAAR, brief_functie=FUNCTIE
        )
    advies("instelling", "termijn.reactie_weken", " 08 ")
    advies("instelling", "termijn.termijnenwet", "Nee")
    advies("instelling", "kenmerk.advies", "cr")
    advies("instelling", "web.pdf_tegelijk", "3")
    with register.inzien() as (verbinding, _wie):
        gelezen = instellingen.lees(verbinding)
    assert (gelezen.termijn_reactie_weken, gelezen.termijn_termijnenwet) == (8, False)
    assert (gelezen.kenmerk_advies, gelezen.web_pdf_tegelijk, gelezen.herinnering_na_dagen) == ("CR", 3, 14)
    with register.lezen() as (sessie, _wie):
        assert instellingen.lees(sessie) == gelezen  # a session reads the same
    # Stored as text, as before: the listing is unchanged.
    assert als_json(advies("instelling", "--json"))["termijn.reactie_weken"] == "8"
    assert advies("instelling", "termijn.termijnenwet").stdout == "nee\n"


def test_een_kapotte_opgeslagen_waarde_is_een_weigering(advies: Advies, register: Register) -> None:
    """A value written around the service (by hand, in SQL) is refused in Dutch, not a traceback."""
    advies("instelling", "herinnering.na_dagen", "20")
    register.wijzigen(
        lambda s, _wie: s.execute(
            text("UPDATE instelling SET waarde = 'veel' WHERE sleutel = :s"), {"s": "herinnering.na_dagen"}
        )
    )
    with register.inzien() as (verbinding, _wie), pytest.raises(AdviesFout) as fout:
        instellingen.lees(verbinding)
    assert str(fout.value) == "herinnering.na_dagen moet een heel aantal dagen van 1 tot en met 365 zijn, niet 'veel'"


def test_logo_via_de_dienst_met_bytes(advies: Advies, register: Register) -> None:
    opgeslagen = register.wijzigen(
        lambda s, wie: instellingen.zet(s, wie, "organisatie.logo", Bestand("logo.png", png()))
    )
    assert opgeslagen == "logo.png"
    with register.inzien() as (verbinding, _wie):
        assert instellingen.lees(verbinding).organisatie_logo == "logo.png"
        assert instellingen.lees_bestand(verbinding, "organisatie.logo") == png()
    assert advies("instelling", "organisatie.logo").stdout == "logo.png\n"
    # '' clears it, as on the command line.
    assert register.wijzigen(lambda s, wie: instellingen.zet(s, wie, "organisatie.logo", "")) == ""
    with register.inzien() as (verbinding, _wie):
        assert instellingen.lees_bestand(verbinding, "organisatie.logo") is None


@pytest.mark.parametrize(
    "sleutel, waarde, melding",
    [
        (
            "organisatie.logo",
            Bestand("../logo.png", png()),
            "ongeldige bestandsnaam '../logo.png': alleen een naam zonder map is toegestaan",
        ),
        ("organisatie.logo", Bestand("logo.png", b""), "het bestand 'logo.png' is leeg"),
        (
            "organisatie.logo",
            Bestand("logo.png", png() + b"\0" * instellingen.BESTAND_MAXIMUM),
            "het bestand 'logo.png' is te groot (ten hoogste 10 MB)",
        ),
        ("organisatie.logo", Bestand("logo.png", b"geen plaatje"), "het logo moet een PNG- of JPG-afbeelding zijn"),
        (
            "organisatie.logo",
            "/tmp/logo.png",
            "organisatie.logo is een bestand: geef het bestand zelf, of '' om het te wissen",
        ),
        ("organisatie.naam", Bestand("naam.txt", b"Raad"), "organisatie.naam is een tekst, geen bestand"),
    ],
    ids=["map in de naam", "leeg", "te groot", "geen plaatje", "een pad", "tekst als bestand"],
)
def test_de_dienst_weigert_een_verkeerd_bestand(
    advies: Advies, register: Register, sleutel: str, waarde: str | Bestand, melding: str
) -> None:
    voor = advies("instelling", "--json").stdout
    with pytest.raises(AdviesFout) as fout:
        register.wijzigen(lambda s, wie: instellingen.zet(s, wie, sleutel, waarde))
    assert str(fout.value) == melding
    assert advies("instelling", "--json").stdout == voor


def test_reactiebrief_via_de_dienst_met_bytes(advies: Advies, register: Register, tmp_path: Path) -> None:
    concept = tmp_path / "t.txt"
    concept.write_text("Tekst.\n", encoding="utf-8")
    advies("nieuw", "Een", "--datum", "2020-01-29")
    advies("concept", "2020-01", "--tekst", str(concept))
    advies("agenderen", "2020-01", "--vergadering", "2020-01-29")
    advies("vaststellen", "2020-01", "--datum", "2020-01-29")
    advies("verzenden", "2020-01", "--datum", "2020-01-29")

    def reageer(brief: Bestand) -> modellen.Advies:
        return register.wijzig_advies(
            "2020-01",
            lambda s, wie: levensloop.registreer_reactie(s, wie, "2020-01", date(2020, 3, 2), "deels", None, brief),
        )

    for verkeerd, melding in [
        (Bestand("leeg.pdf", b""), "het bestand 'leeg.pdf' is leeg"),
        (
            Bestand("../reactie.pdf", b"%PDF"),
            "ongeldige bestandsnaam '../reactie.pdf': alleen een naam zonder map is toegestaan",
        ),
    ]:
        with pytest.raises(AdviesFout) as fout:
            reageer(verkeerd)
        assert str(fout.value) == melding
    assert als_json(advies("toon", "2020-01", "--json"))["status"] == "verzonden"
    beantwoord = reageer(Bestand("reactie college.pdf", b"%PDF-1.4 reactie"))
    assert beantwoord.status == "beantwoord"
    with register.lezen() as (sessie, _wie):
        reactie = sessie.exec(select(modellen.Document).where(modellen.Document.soort == "reactie")).one()
        assert (reactie.bestandsnaam, reactie.inhoud) == ("reactie college.pdf", b"%PDF-1.4 reactie")
