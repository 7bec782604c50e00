"""Demonstration data: a walk-through of one council's recent months through every state, and
N generated advices spread evenly over 2016-2025 and over all states, inserted in bulk.

Both refuse a database that already holds advices: numbers are never reused, so demo advices
in a real register could never be taken out again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, select

from opslag.database import zet_reeksen_bij
from opslag.modellen import Advies, Geschiedenis, Instelling, Tekstversie
from workflow import instellingen, kenmerk, levensloop, registratie, tekst, termijnen
from workflow.fouten import AdviesFout
from workflow.rechten import Rechten
from workflow.toestanden import STATUSSEN

EERSTE_JAAR, LAATSTE_JAAR = 2016, 2025

_TEKSTEN = {
    "werkprogramma": """De Cliëntenraad heeft met belangstelling kennisgenomen van het werkprogramma.
De analyse is helder en de voorstellen sluiten daarop aan.

We missen wel criteria om de **effectiviteit** te meten. Daarom vragen we u:

- per activering te registreren uit welk programma zij voortkomt;
- jaarlijks te rapporteren over de *armoedeval*.
""",
    "stadjerspas": """De Cliëntenraad vraagt u af te zien van de bezuiniging op de Stadjerspas.
Juist voor huishoudens met een laag inkomen is de pas onmisbaar.
""",
    "armoedemiddelen": """De Cliëntenraad adviseert de extra armoedemiddelen in te zetten voor
schuldhulp aan gezinnen met kinderen.
""",
    "armoedemiddelen2": """De Cliëntenraad adviseert de extra armoedemiddelen in te zetten voor
schuldhulp aan gezinnen met kinderen, en de uitvoering samen met de raad te evalueren.
""",
    "aanvulling": """In aanvulling op ons advies vragen we u ook de ervaringen van deelnemers mee te
nemen in de evaluatie.
""",
}


def zeker_leeg(sessie: Session, rechten: Rechten) -> Rechten:
    """Refuse a database with advices; the demo acts with every role of one-user mode."""
    rechten.vereis_secretaris()
    if sessie.exec(select(func.count()).select_from(Advies)).one():
        raise AdviesFout(
            "de database bevat al adviezen; demo vult alleen een lege database (kies een andere map met ADVIES_HOME)"
        )
    return replace(rechten, eenpersoonsmodus=True)


def rondleiding(sessie: Session, rechten: Rechten, vandaag: date) -> list[str]:
    """A few advices through every state, dated in the months before `vandaag`; returns their kenmerken."""
    wie = zeker_leeg(sessie, rechten)

    def dag(dagen_geleden: int) -> date:
        return vandaag - timedelta(days=dagen_geleden)

    def concept(advies: Advies, sleutel: str) -> None:
        levensloop.sla_concept_op(sessie, wie, advies.kenmerk, f"{sleutel}.md", _TEKSTEN[sleutel].encode())

    _briefinstellingen(sessie, wie)
    # Requested, sent, answered.
    werk = registratie.registreer_aanvraag(sessie, wie, "Werkprogramma 2020-2022", dag(80), "WI/0042", dag(50))
    concept(werk, "werkprogramma")
    levensloop.agendeer(sessie, wie, werk.kenmerk, dag(62))
    levensloop.stel_vast(sessie, wie, werk.kenmerk, dag(62))
    levensloop.verzend(sessie, wie, werk.kenmerk, dag(60))
    levensloop.registreer_reactie(
        sessie, wie, werk.kenmerk, dag(20), "deels", "Criteria komen er; armoedeval wordt onderzocht"
    )
    # Requested and sent, but the college's response is late: a reminder goes out today.
    pas = registratie.registreer_aanvraag(sessie, wie, "Bezuinigingen Stadjerspas", dag(110), "WI/0017", dag(80))
    concept(pas, "stadjerspas")
    levensloop.agendeer(sessie, wie, pas.kenmerk, dag(92))
    levensloop.stel_vast(sessie, wie, pas.kenmerk, dag(92))
    levensloop.verzend(sessie, wie, pas.kenmerk, dag(90))
    levensloop.herinner(sessie, wie, pas.kenmerk, vandaag)
    # Unsolicited: sent back by the chair, revised, and on the agenda again.
    armoede = registratie.registreer_ongevraagd(sessie, wie, "Inzet armoedemiddelen", dag(45))
    concept(armoede, "armoedemiddelen")
    levensloop.agendeer(sessie, wie, armoede.kenmerk, dag(30))
    levensloop.stuur_terug(sessie, wie, armoede.kenmerk, "Eerst de evaluatie met de raad uitwerken")
    concept(armoede, "armoedemiddelen2")
    levensloop.agendeer(sessie, wie, armoede.kenmerk, vandaag)
    # Requested, no draft yet and past the college's adviestermijn: the council itself is late.
    banen = registratie.registreer_aanvraag(sessie, wie, "Plan van aanpak Basisbanen", dag(30), None, dag(3))
    # Requested and withdrawn.
    vervoer = registratie.registreer_aanvraag(sessie, wie, "Aanpassing WMO-Vervoer", dag(25))
    levensloop.trek_in(sessie, wie, vervoer.kenmerk, "Het college heeft de aanvraag teruggenomen")
    # A supplement to the first advice, approved and ready to send.
    extra = registratie.registreer_aanvulling(
        sessie, wie, werk.kenmerk, "Werkprogramma: ervaringen deelnemers", dag(10)
    )
    concept(extra, "aanvulling")
    levensloop.agendeer(sessie, wie, extra.kenmerk, dag(2))
    levensloop.stel_vast(sessie, wie, extra.kenmerk, dag(1))
    return [a.kenmerk for a in (werk, pas, armoede, banen, vervoer, extra)]


# Letterhead and signature for the walk-through's letters, where the council has not set its own.
_BRIEFINSTELLINGEN = {
    "organisatie.adres": "Postbus 30026;9700 RM Groningen",
    "brief.ondertekenaar": "Hans Alderkamp",
    "brief.functie": "Voorzitter a.i. Cliëntenraad Werk & Inkomen",
    "brief.afschrift": "Raadscommissie Werk en Inkomen gemeente Groningen;Directiecontact",
}


def _briefinstellingen(sessie: Session, wie: Rechten) -> None:
    for sleutel, waarde in _BRIEFINSTELLINGEN.items():
        if sessie.get(Instelling, sleutel) is None:
            instellingen.zet(sessie, wie, sleutel, waarde)


# The path of each generated advice: the events that lead to its final state.
_PAD_GEVRAAGD = [
    ("registreren", "aangevraagd"),
    ("concept", "concept"),
    ("agenderen", "ter_vaststelling"),
    ("vaststellen", "vastgesteld"),
    ("verzenden", "verzonden"),
    ("reactie", "beantwoord"),
]
_OORDELEN = ("overgenomen", "deels", "niet", None)


def genereer(sessie: Session, rechten: Rechten, aantal: int) -> int:
    """Insert `aantal` advices spread evenly over 2016-2025 and over all states, with their history."""
    wie = zeker_leeg(sessie, rechten)
    if aantal < 1:
        raise AdviesFout("het aantal moet minstens 1 zijn")
    voorvoegsel = instellingen.lees(sessie, "kenmerk.advies")
    weken = int(instellingen.lees(sessie, "termijn.reactie_weken"))
    blokken = tekst.blokken_uit(b"Gegenereerde adviestekst.", "demo.txt")
    tekstrij: dict[str, Any] = {
        "blokken": tekst.canoniek(blokken),
        "sha256": tekst.sha256(blokken),
        "bron_naam": "demo.txt",
        "bron": b"Gegenereerde adviestekst.",
    }
    moment = datetime.now(UTC)
    adviezen: list[dict[str, Any]] = []
    geschiedenis: list[dict[str, Any]] = []
    versies: list[dict[str, Any]] = []
    for id_, (jaar, volgnummer, plek, status) in enumerate(_verdeling(aantal), start=1):
        advies, pad = _advies(id_, jaar, volgnummer, plek, status, voorvoegsel, weken, tekstrij["sha256"])
        adviezen.append(advies)
        for gebeurtenis, van, naar in pad:
            geschiedenis.append(
                {
                    "advies_id": id_,
                    "gebeurtenis": gebeurtenis,
                    "van": van,
                    "naar": naar,
                    "door": wie.gebruiker,
                    "op": moment,
                    "notitie": "gegenereerd door advies demo",
                }
            )
        if status != "aangevraagd":
            versies.append({"advies_id": id_, "versie": 1, **tekstrij, "aangemaakt_op": moment, "door": wie.gebruiker})
    for tabel, rijen in ((Advies, adviezen), (Tekstversie, versies), (Geschiedenis, geschiedenis)):
        for begin in range(0, len(rijen), 20_000):
            sessie.execute(insert(tabel), rijen[begin : begin + 20_000])
    zet_reeksen_bij(sessie)  # the advices came with their own ids
    return aantal


def _verdeling(aantal: int) -> Iterator[tuple[int, int, float, str]]:
    """(year, number in that year, place in the year from 0 to 1, status) for each advice."""
    jaren = LAATSTE_JAAR - EERSTE_JAAR + 1
    per_jaar = [(aantal * (j + 1)) // jaren - (aantal * j) // jaren for j in range(jaren)]
    teller = 0
    for j, in_jaar in enumerate(per_jaar):
        for n in range(in_jaar):
            yield EERSTE_JAAR + j, n + 1, n / max(in_jaar, 1), STATUSSEN[teller % len(STATUSSEN)]
            teller += 1


def _advies(
    id_: int, jaar: int, volgnummer: int, plek: float, status: str, voorvoegsel: str, weken: int, tekst_sha256: str
) -> tuple[dict[str, Any], list[tuple[str, str | None, str]]]:
    gevraagd = status == "aangevraagd" or volgnummer % 2 == 0
    begin = date(jaar, 1, 2) + timedelta(days=int(plek * 300))
    advies: dict[str, Any] = {
        "id": id_,
        "kenmerk": kenmerk.formatteer(voorvoegsel, jaar, volgnummer),
        "jaar": jaar,
        "volgnummer": volgnummer,
        "achtervoegsel": "",
        "onderwerp": f"Gegenereerd advies {volgnummer} over {jaar}",
        "soort": "gevraagd" if gevraagd else "ongevraagd",
        "status": status,
        "geregistreerd_op": begin,
        "ontvangen_op": begin if gevraagd else None,
        "adviestermijn": begin + timedelta(days=42) if gevraagd else None,
        "rijversie": 1,
    }
    stappen = _PAD_GEVRAAGD if gevraagd else [("registreren", "concept")] + _PAD_GEVRAAGD[2:]
    if status == "ingetrokken":
        eind = 2 if gevraagd else 1
        stappen = stappen[:eind] + [("intrekken", "ingetrokken")]
    else:
        eind = next(i for i, (_, naar) in enumerate(stappen) if naar == status)
        stappen = stappen[: eind + 1]
    bereikt = {naar for _, naar in stappen}
    if "ter_vaststelling" in bereikt:
        advies["vergadering_op"] = begin + timedelta(days=14)
    if "vastgesteld" in bereikt:
        advies.update(
            vastgesteld_op=begin + timedelta(days=14), vastgestelde_versie=1, vastgestelde_sha256=tekst_sha256
        )
    if "verzonden" in bereikt:
        verzonden = begin + timedelta(days=16)
        advies.update(verzonden_op=verzonden, reactie_uiterlijk=termijnen.reactie_uiterlijk(verzonden, weken))
    if "beantwoord" in bereikt:
        # One in three responses comes late.
        advies.update(
            reactie_ontvangen_op=advies["verzonden_op"] + timedelta(days=60 if volgnummer % 3 == 0 else 30),
            oordeel=_OORDELEN[volgnummer % 4],
        )
    pad: list[tuple[str, str | None, str]] = []
    vorige: str | None = None
    for gebeurtenis, naar in stappen:
        pad.append((gebeurtenis, vorige, naar))
        vorige = naar
    return advies, pad
