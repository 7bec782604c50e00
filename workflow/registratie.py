"""Registering an advice: a request (gevraagd), an unsolicited advice or a supplement.

The number is the year's highest plus one. On SQLite the writing transaction holds the write
lock from its start (see opslag.database), so parallel registrations queue; on PostgreSQL the
unique constraint catches a race and the CLI retries the whole transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from adviesfouten import Conflict
from opslag.database import wacht_op_slot
from opslag.modellen import Advies
from workflow import instellingen
from workflow.adviezen import leg_vast, niet_in_toekomst, niet_voor, verplichte_tekst, zoek
from workflow.datumgrenzen import gepland
from workflow.domein import kenmerk as kenmerken
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import BEGINSTATUS, INGETROKKEN, REGISTREREN
from workflow.domein.woorden import Soort
from workflow.invoer import ONDERWERP, UW_KENMERK, regel

GEVRAAGD = Soort.GEVRAAGD.value
ONGEVRAAGD = Soort.ONGEVRAAGD.value
AANVULLING = Soort.AANVULLING.value
NUMMERING = "advies.nummering"


def volgend_nummer(sessie: Session, jaar: int) -> int:
    wacht_op_slot(sessie, NUMMERING)
    hoogste = sessie.exec(select(func.max(Advies.volgnummer)).where(Advies.jaar == jaar)).one()
    return (hoogste or 0) + 1


def registreer_aanvraag(
    sessie: Session,
    rechten: Rechten,
    onderwerp: str,
    ontvangen: date,
    uw_kenmerk: str | None = None,
    adviestermijn: date | None = None,
) -> Advies:
    rechten.vereis_secretaris()
    onderwerp = verplichte_tekst(onderwerp, "het onderwerp", ONDERWERP)
    niet_in_toekomst(ontvangen, "de ontvangstdatum")
    uw_kenmerk = regel(uw_kenmerk, "uw kenmerk", UW_KENMERK, leeg_mag=True)
    if adviestermijn is not None:
        gepland(adviestermijn, "de adviestermijn")
        niet_voor(adviestermijn, ontvangen, "de adviestermijn", "de ontvangstdatum")
    advies = _nieuw_advies(sessie, onderwerp, GEVRAAGD, ontvangen)
    advies.ontvangen_op = ontvangen
    advies.uw_kenmerk = uw_kenmerk or None
    advies.adviestermijn = adviestermijn
    notitie = f"adviesaanvraag ontvangen op {ontvangen.isoformat()}"
    if advies.uw_kenmerk:
        notitie += f" (uw kenmerk {advies.uw_kenmerk})"
    return _bewaar(sessie, advies, rechten, notitie)


def registreer_ongevraagd(sessie: Session, rechten: Rechten, onderwerp: str, datum: date) -> Advies:
    rechten.vereis_secretaris()
    onderwerp = verplichte_tekst(onderwerp, "het onderwerp", ONDERWERP)
    niet_in_toekomst(datum, "de datum")
    advies = _nieuw_advies(sessie, onderwerp, ONGEVRAAGD, datum)
    return _bewaar(sessie, advies, rechten, "ongevraagd advies")


def registreer_aanvulling(sessie: Session, rechten: Rechten, invoer: str, onderwerp: str, datum: date) -> Advies:
    """A supplement takes its parent's number with the next letter: 08A, 08B, ..."""
    rechten.vereis_secretaris()
    onderwerp = verplichte_tekst(onderwerp, "het onderwerp", ONDERWERP)
    niet_in_toekomst(datum, "de datum")
    ouder = zoek(sessie, invoer)
    if ouder.ouder_id is not None:  # a supplement to 08A is one more supplement to 08
        hoofd = sessie.get(Advies, ouder.ouder_id)
        assert hoofd is not None
        ouder = hoofd
    weigering = weigering_aanvulling(ouder.kenmerk, ouder.status)
    if weigering is not None:
        raise weigering
    niet_voor(datum, ouder.geregistreerd_op, "de datum", f"de registratie van {ouder.kenmerk}")
    wacht_op_slot(sessie, NUMMERING)
    gebruikt = sessie.exec(
        select(Advies.achtervoegsel).where(
            Advies.jaar == ouder.jaar, Advies.volgnummer == ouder.volgnummer, Advies.achtervoegsel != ""
        )
    ).all()
    letter = kenmerken.volgende_letter(list(gebruikt))
    voorvoegsel = ouder.kenmerk.split(" ", 1)[0]
    advies = Advies(
        kenmerk=kenmerken.formatteer(voorvoegsel, ouder.jaar, ouder.volgnummer, letter),
        jaar=ouder.jaar,
        volgnummer=ouder.volgnummer,
        achtervoegsel=letter,
        ouder_id=ouder.id,
        onderwerp=onderwerp,
        soort=AANVULLING,
        status=BEGINSTATUS[AANVULLING],
        geregistreerd_op=datum,
    )
    return _bewaar(sessie, advies, rechten, f"aanvulling op {ouder.kenmerk}")


def weigering_aanvulling(hoofd_kenmerk: str, hoofd_status: str) -> Conflict | None:
    """Why no supplement can be added to the main advice in this state (None: it can). The rule of
    `registreer_aanvulling`, and what the advice page asks before it offers the form."""
    if hoofd_status == INGETROKKEN:
        return Conflict(f"{hoofd_kenmerk} is ingetrokken; daar kan geen aanvulling op komen")
    return None


def _nieuw_advies(sessie: Session, onderwerp: str, soort: str, datum: date) -> Advies:
    voorvoegsel = instellingen.lees(sessie).kenmerk_advies
    nummer = volgend_nummer(sessie, datum.year)
    return Advies(
        kenmerk=kenmerken.formatteer(voorvoegsel, datum.year, nummer),
        jaar=datum.year,
        volgnummer=nummer,
        onderwerp=onderwerp,
        soort=soort,
        status=BEGINSTATUS[soort],
        geregistreerd_op=datum,
    )


def _bewaar(sessie: Session, advies: Advies, rechten: Rechten, notitie: str) -> Advies:
    sessie.add(advies)
    sessie.flush()
    leg_vast(sessie, advies, REGISTREREN, None, rechten.gebruiker, notitie)
    return advies
