"""The register's dates as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Thunderbird import.

One all-day event per date of an advice: the college's response due date, the council's own
adviestermijn and the plenary meeting it is on. Each event's UID is fixed by the advice and the kind
of date, and its SEQUENCE is the advice's row version, so importing a newer file updates the event
instead of adding a second one. A withdrawn advice's events are marked cancelled, and so is the
response event of an answered advice (its summary then starts with "Beantwoord:"): a cancelled event
updates both an imported file and a subscribed feed, where an event that merely disappeared would
stay behind in every calendar that imported it once.

Each person has a private feed, `/agenda/<token>.ics` on the web page, with the same events: a
calendar cannot log in, so the token is the key, and renewing it closes the old address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session, col

from adviesfouten import NietGevonden, OngeldigeInvoer
from opslag.modellen import Advies
from workflow import instellingen
from workflow.bestanden import controleer_doel, schrijf_veilig
from workflow.domein.datums import lange_datum
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import BEANTWOORD, INGETROKKEN

TIJDZONE = "Europe/Amsterdam"
REACTIE = "reactie"
ADVIESTERMIJN = "adviestermijn"
VERGADERING = "vergadering"
_KOP = {
    REACTIE: "Reactie college uiterlijk",
    ADVIESTERMIJN: "Adviestermijn",
    VERGADERING: "Plenaire vergadering",
}


@dataclass(frozen=True)
class Afspraak:
    """One all-day event of the agenda."""

    uid: str
    soort: str
    kenmerk: str
    onderwerp: str
    datum: date
    status: str
    volgnummer: int  # SEQUENCE: the advice's row version

    @property
    def vervallen(self) -> bool:
        """Withdrawn, or the response that was due has come: the event no longer stands."""
        return self.status == INGETROKKEN or (self.soort == REACTIE and self.status == BEANTWOORD)

    @property
    def samenvatting(self) -> str:
        kop = f"{_KOP[self.soort]}: {self.kenmerk} {self.onderwerp}"
        return f"Beantwoord: {kop}" if self.soort == REACTIE and self.status == BEANTWOORD else kop


def afspraken(sessie: Session) -> list[Afspraak]:
    """The events, by date, then kenmerk."""
    gevonden = []
    for kenmerk, onderwerp, status, rijversie, reactie, termijn, vergadering in sessie.connection().execute(
        select(
            col(Advies.kenmerk),
            col(Advies.onderwerp),
            col(Advies.status),
            col(Advies.rijversie),
            col(Advies.reactie_uiterlijk),
            col(Advies.adviestermijn),
            col(Advies.vergadering_op),
        )
    ):
        for soort, datum in ((REACTIE, reactie), (ADVIESTERMIJN, termijn), (VERGADERING, vergadering)):
            if datum is not None:
                uid = f"{soort}-{kenmerk.replace(' ', '-')}@advieswerk"
                gevonden.append(Afspraak(uid, soort, kenmerk, onderwerp, datum, status, rijversie))
    return sorted(gevonden, key=lambda a: (a.datum, a.kenmerk, a.soort))


def als_ical(sessie: Session, lijst: list[Afspraak]) -> bytes:
    from icalendar import Calendar, Event

    agenda = Calendar()
    agenda.add("prodid", "-//Advieswerk//advies agenda//NL")
    agenda.add("version", "2.0")
    agenda.add("calscale", "GREGORIAN")
    agenda.add("method", "PUBLISH")
    agenda.add("x-wr-calname", f"Termijnen {instellingen.lees(sessie).organisatie_naam}")
    agenda.add("x-wr-timezone", TIJDZONE)
    stempel = datetime.now(UTC)
    for afspraak in lijst:
        gebeurtenis = Event()
        gebeurtenis.add("uid", afspraak.uid)
        gebeurtenis.add("dtstamp", stempel)
        gebeurtenis.add("sequence", afspraak.volgnummer)
        gebeurtenis.add("summary", afspraak.samenvatting)
        gebeurtenis.add("description", _omschrijving(afspraak))
        gebeurtenis.add("dtstart", afspraak.datum)  # a date: an all-day event
        gebeurtenis.add("dtend", afspraak.datum + timedelta(days=1))
        gebeurtenis.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        gebeurtenis.add("categories", [afspraak.soort])
        if afspraak.vervallen:
            gebeurtenis.add("status", "CANCELLED")
        agenda.add_component(gebeurtenis)
    return bytes(agenda.to_ical())


def _omschrijving(afspraak: Afspraak) -> str:
    return f"{_KOP[afspraak.soort]} {lange_datum(afspraak.datum)}. {afspraak.kenmerk} staat op '{afspraak.status}'."


def schrijf(sessie: Session, pad: Path, overschrijf: bool) -> int:
    """Write the agenda to `pad` (.ics); an existing file only with `overschrijf`. Returns the number of events."""
    if pad.suffix.lower() != ".ics":
        raise OngeldigeInvoer(f"een agenda is een .ics-bestand, niet '{pad.name}'")
    controleer_doel(pad, overschrijf)  # before the work; schrijf_veilig checks again as it writes
    lijst = afspraken(sessie)
    inhoud = als_ical(sessie, lijst)

    def schrijf_naar(tijdelijk: Path) -> None:
        tijdelijk.write_bytes(inhoud)

    schrijf_veilig(pad, schrijf_naar, overschrijf=overschrijf)
    return len(lijst)


def token(sessie: Session, rechten: Rechten, vernieuw: bool = False) -> str:
    """The acting person's feed token; made the first time, or anew with `vernieuw` (the old one then
    stops working)."""
    import secrets

    from opslag.modellen import Gebruiker

    gebruiker = sessie.scalars(select(Gebruiker).where(col(Gebruiker.naam) == rechten.gebruiker)).first()
    if gebruiker is None:
        raise NietGevonden(
            f"een agenda-adres hoort bij een gebruiker, en '{rechten.gebruiker}' staat niet in het register; "
            f"voeg eerst toe met 'advies gebruiker toevoegen {rechten.gebruiker} --rol ...'"
        )
    if gebruiker.agenda_token is None or vernieuw:
        gebruiker.agenda_token = secrets.token_urlsafe(32)
        sessie.add(gebruiker)
        sessie.flush()
    return gebruiker.agenda_token


def adres(sessie: Session, rechten: Rechten) -> str | None:
    """The person's feed path, if they made one: for Mijn werk."""
    from opslag.modellen import Gebruiker

    gevonden = select(col(Gebruiker.agenda_token)).where(col(Gebruiker.naam) == rechten.gebruiker)
    token = sessie.connection().execute(gevonden).scalar()
    return None if token is None else f"/agenda/{token}.ics"


def feed(sessie: Session, gegeven: str) -> bytes | None:
    """The feed of the person whose token is `gegeven`, or None for a token nobody has."""
    from opslag.modellen import Gebruiker

    if not gegeven or len(gegeven) > 64:
        return None
    bekend = sessie.connection().execute(select(col(Gebruiker.naam)).where(col(Gebruiker.agenda_token) == gegeven))
    if bekend.first() is None:
        return None
    return als_ical(sessie, afspraken(sessie))
