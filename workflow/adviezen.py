"""Finding an advice by its (forgiving) kenmerk and recording its append-only history."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from adviesfouten import Conflict, OngeldigeInvoer
from opslag.modellen import Advies, Geschiedenis
from workflow import overzichten
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import Toestand, voer_uit
from workflow.invoer import REDEN, regel


def nu() -> datetime:
    return datetime.now(UTC)


def zoek(sessie: Session, invoer: str) -> Advies:
    """The advice named by `invoer` (`CRA 2020-02`, `2020-2`, `2020-08a`), or a Dutch refusal:
    found by the one kenmerk lookup (`overzichten.vind`), then loaded as the ORM object to change."""
    sessie.flush()  # what an ORM query does by itself (autoflush): an advice added in this transaction is found
    advies_id = overzichten.vind(sessie.connection(), invoer)[0]
    return sessie.get_one(Advies, advies_id)


def zet_stap(advies: Advies, rechten: Rechten, stap: str, heeft_concepttekst: bool = False) -> str:
    """Run `stap` through the state machine; returns the status before it.

    Every step updates the advice row, even one that keeps its status, so its version column
    moves on and a concurrent step on the same advice is refused instead of interleaved.
    """
    van = advies.status
    advies.status = voer_uit(Toestand(advies.kenmerk, van, rechten, heeft_concepttekst), stap)
    flag_modified(advies, "status")
    return van


def controleer_ongewijzigd(sessie: Session, advies_id: int, rijversie: int) -> None:
    """Refuse when the advice changed after the command first read it, saying by whom."""
    advies = sessie.get(Advies, advies_id)
    if advies is not None and advies.rijversie != rijversie:
        raise Conflict(gewijzigd_door(sessie, advies_id))


def gewijzigd_door(sessie: Session, advies_id: int) -> str:
    advies = sessie.get(Advies, advies_id, populate_existing=True)
    assert advies is not None
    laatste = sessie.exec(
        select(Geschiedenis).where(Geschiedenis.advies_id == advies_id).order_by(col(Geschiedenis.id).desc())
    ).first()
    wie = f" door {laatste.door} ({laatste.gebeurtenis})" if laatste else ""
    return (
        f"{advies.kenmerk} is intussen gewijzigd{wie} en staat nu op '{advies.status}'; "
        f"er is niets opgeslagen, bekijk het met 'advies toon {advies.kenmerk}'"
    )


def leg_vast(
    sessie: Session,
    advies: Advies,
    gebeurtenis: str,
    van: str | None,
    door: str,
    notitie: str | None = None,
    document_id: int | None = None,
) -> Geschiedenis:
    """Append one history entry: from, to (the advice's status now), who, when, with its note."""
    assert advies.id is not None, "an advice is flushed before its history is written"
    regel = Geschiedenis(
        advies_id=advies.id,
        gebeurtenis=gebeurtenis,
        van=van,
        naar=advies.status,
        door=door,
        op=nu(),
        notitie=notitie,
        document_id=document_id,
    )
    sessie.add(regel)
    return regel


def niet_voor(datum: date, grens: date | None, wat: str, grens_wat: str) -> None:
    """Refuse a date that lies before an earlier step of the same advice."""
    if grens is not None and datum < grens:
        raise OngeldigeInvoer(f"{wat} ({datum.isoformat()}) ligt vóór {grens_wat} ({grens.isoformat()})")


def niet_in_toekomst(datum: date, wat: str) -> None:
    """The date of an event that happened: from 1990 up to today (see workflow.datumgrenzen)."""
    from workflow.datumgrenzen import gebeurd

    gebeurd(datum, wat)


def verplichte_tekst(waarde: str | None, wat: str, maximum: int = REDEN) -> str:
    """A required one-line text field, through the rules of workflow.invoer."""
    return regel(waarde, wat, maximum)
