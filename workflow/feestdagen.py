"""Changing the council's calendar: the rules for a correction of the Atw calendar of
`workflow.domein.termijnen`, and the corrections themselves, stored append-only (reading the
calendar as stored is `workflow.raadskalender`).

A correction may record a decree (`bron`: its title), or be the council's own (`raad`). Every
correction recomputes the open advices whose due date it moves (workflow.herberekening), in the
same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from adviesfouten import Conflict, NietGevonden, OngeldigeInvoer
from opslag.modellen import Feestdagcorrectie
from workflow import datumgrenzen
from workflow.adviezen import nu, verplichte_tekst
from workflow.domein.rechten import Rechten
from workflow.domein.termijnen import (
    BESLUIT,
    RAAD,
    TOEGEVOEGD,
    VERWACHT,
    VERWIJDERD,
    WET,
    Correctie,
    Dag,
    Kalender,
    besluitdagen,
    verwachte_dagen,
)
from workflow.raadskalender import correcties, kalender

if TYPE_CHECKING:
    from workflow.herberekening import Verschuiving

MAX_REDEN = 1000
SOORTEN = (TOEGEVOEGD, VERWIJDERD)


def lijst(sessie: Session, jaar: int) -> list[dict[str, Any]]:
    """The days of `jaar` on which a term does not end, with source; a removed decree or expected day is
    listed too, as not counting."""
    laatste = correcties(sessie)
    eigen = Kalender(laatste)
    regels = [_regel(dag, laatste.get(dag.datum)) for dag in eigen.dagen(jaar)]
    for dag in (*besluitdagen(jaar), *verwachte_dagen(jaar)):
        correctie = laatste.get(dag.datum)
        if correctie is not None and correctie.soort == VERWIJDERD:
            regels.append(
                {
                    "datum": dag.datum.isoformat(),
                    "naam": dag.naam,
                    "bron": RAAD,
                    "grondslag": f"verwijderd: {correctie.reden}",
                    "telt": False,
                    "door": correctie.door,
                }
            )
    return sorted(regels, key=lambda r: r["datum"])


def _regel(dag: Dag, correctie: Correctie | None) -> dict[str, Any]:
    return {
        "datum": dag.datum.isoformat(),
        "naam": dag.naam,
        "bron": dag.bron,
        "grondslag": dag.grondslag,
        "telt": True,
        "door": correctie.door if correctie is not None and dag.bron in (RAAD, BESLUIT) else "",
    }


def controleer_correctie(
    kalender: Kalender, datum: date, soort: str, reden: str, bron: str | None
) -> tuple[str, str | None]:
    """The rules for one correction of the calendar, against the calendar before it: what
    `feestdag toevoegen` and `feestdag verwijderen` enforce, and what an archive's rows must meet.
    Returns the reason and the decree's title, normalised."""
    reden = _tekst(reden, "de reden")
    bron = _tekst(bron, "de bron") if bron is not None else None
    datumgrenzen.kalenderdag(datum, "de datum")
    dag = kalender.dag(datum)
    if soort == TOEGEVOEGD:
        if datum.weekday() >= 5:
            raise OngeldigeInvoer(f"{datum.isoformat()} is een zaterdag of zondag; daarop eindigt een termijn al niet")
        if dag is not None and not (bron is not None and dag.bron == VERWACHT):
            raise Conflict(
                f"{datum.isoformat()} staat al in de kalender ({dag.naam}, {_bron(dag)}); er is niets opgeslagen"
            )
    elif soort == VERWIJDERD:
        if bron is not None:
            raise OngeldigeInvoer("een bron (besluit) hoort bij een toegevoegde dag, niet bij een verwijderde")
        if dag is None:
            raise NietGevonden(f"{datum.isoformat()} staat niet in de kalender; er is niets verwijderd")
        if dag.bron == WET:
            raise OngeldigeInvoer(
                f"{datum.isoformat()} ({dag.naam}) is een feestdag volgens de wet ({dag.grondslag}) en kan niet "
                "worden verwijderd"
            )
    else:
        raise OngeldigeInvoer(f"onbekende soort feestdagcorrectie '{soort}'; kies uit {', '.join(SOORTEN)}")
    return reden, bron


def verwijderbaar(sessie: Session, jaar: int) -> list[date]:
    """The days of `jaar` that `verwijder` takes out: each asked of `controleer_correctie`, the rule
    itself (the law's days stay)."""
    from adviesfouten import AdviesFout

    eigen = kalender(sessie)
    dagen = []
    for dag in eigen.dagen(jaar):
        try:
            controleer_correctie(eigen, dag.datum, VERWIJDERD, "verwijderbaar?", None)
        except AdviesFout:
            continue
        dagen.append(dag.datum)
    return dagen


def controleer_reeks(rijen: Iterable[tuple[date, str, str, str | None]]) -> None:
    """Stored corrections (datum, soort, reden, bron), in the order they were made: each must be one
    the commands could have written at its turn (an archive's rows, for instance)."""
    gezien: dict[date, Correctie] = {}
    for datum, soort, reden, bron in rijen:
        controleer_correctie(Kalender(gezien), datum, soort, reden, bron)
        gezien[datum] = Correctie(datum, soort, reden, "", bron)


def voeg_toe(
    sessie: Session, rechten: Rechten, datum: date, reden: str | None, bron: str | None = None
) -> list[Verschuiving]:
    """Equate `datum`: a decree (`bron`, its title; also to confirm an expected day) or the council's own
    decision. Returns the open advices whose due date moved."""
    rechten.vereis_secretaris()
    reden, bron = controleer_correctie(kalender(sessie), datum, TOEGEVOEGD, reden or bron or "", bron)
    wat = f"{'besluit' if bron else 'feestdag'} {_kort(datum)} toegevoegd ({bron or reden})"
    return _leg_vast(sessie, rechten, datum, TOEGEVOEGD, reden, bron, wat)


def verwijder(sessie: Session, rechten: Rechten, datum: date, reden: str) -> list[Verschuiving]:
    """Take `datum` out of the equated days (a decree's, an expected or the council's own); the law's
    days stay. Returns the open advices whose due date moved."""
    rechten.vereis_secretaris()
    reden, _ = controleer_correctie(kalender(sessie), datum, VERWIJDERD, reden, None)
    return _leg_vast(sessie, rechten, datum, VERWIJDERD, reden, None, f"feestdag {_kort(datum)} verwijderd ({reden})")


def _leg_vast(
    sessie: Session, rechten: Rechten, datum: date, soort: str, reden: str, bron: str | None, aanleiding: str
) -> list[Verschuiving]:
    from workflow.herberekening import volgt

    with volgt(sessie, rechten.gebruiker, lambda: aanleiding) as verschoven:
        rij = Feestdagcorrectie(datum=datum, soort=soort, reden=reden, bron=bron, door=rechten.gebruiker, op=nu())
        sessie.add(rij)
    return verschoven


def _kort(datum: date) -> str:
    from workflow.herberekening import korte_datum

    return korte_datum(datum)


def _tekst(waarde: str, wat: str) -> str:
    waarde = verplichte_tekst(waarde, wat)
    if len(waarde) > MAX_REDEN:
        raise OngeldigeInvoer(f"{wat} is te lang (meer dan {MAX_REDEN} tekens)")
    return waarde


def controleer_reden(reden: str) -> str:
    """The reason of a correction, as `voeg_toe` and `verwijder` store it (and an archive must hold)."""
    return _tekst(reden, "de reden")


def _bron(dag: Dag) -> str:
    return {WET: dag.grondslag, RAAD: f"door de raad: {dag.grondslag}"}.get(dag.bron, dag.grondslag)
