"""The council's calendar: the Atw calendar of `workflow.termijnen` with the council's own corrections,
which are stored (append-only) in the database, and whether the Atw applies at all (a setting).

A due date is computed once, when it is recorded; a later change of the calendar leaves recorded
due dates as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from opslag.modellen import Feestdagcorrectie
from workflow import datumgrenzen, instellingen
from workflow.adviezen import nu, verplichte_tekst
from workflow.fouten import AdviesFout
from workflow.rechten import Rechten
from workflow.termijnen import RAAD, TOEGEVOEGD, VERWIJDERD, WET, Correctie, Dag, Kalender, besluitdagen

MAX_REDEN = 1000


def correcties(sessie: Session) -> dict[date, Correctie]:
    """The council's latest correction of each date."""
    laatste: dict[date, Correctie] = {}
    for rij in sessie.exec(select(Feestdagcorrectie).order_by(col(Feestdagcorrectie.id))):
        laatste[rij.datum] = Correctie(rij.datum, rij.soort, rij.reden, rij.door)
    return laatste


def kalender(sessie: Session) -> Kalender:
    return Kalender(correcties(sessie))


def termijnkalender(sessie: Session) -> Kalender | None:
    """The calendar a due date is computed with, or None when termijn.termijnenwet is `nee`."""
    return kalender(sessie) if instellingen.lees(sessie, "termijn.termijnenwet") == "ja" else None


def lijst(sessie: Session, jaar: int) -> list[dict[str, Any]]:
    """The days of `jaar` on which a term does not end, with source; a removed decree day is listed too."""
    laatste = correcties(sessie)
    eigen = Kalender(laatste)
    regels = [_regel(dag, laatste.get(dag.datum)) for dag in eigen.dagen(jaar)]
    for dag in besluitdagen(jaar):
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
        "door": correctie.door if dag.bron == RAAD and correctie is not None else "",
    }


def voeg_toe(sessie: Session, rechten: Rechten, datum: date, reden: str) -> Feestdagcorrectie:
    """Equate `datum` (a decree that differs from the usual pattern)."""
    rechten.vereis_secretaris()
    reden = controleer_reden(reden)
    datumgrenzen.kalenderdag(datum, "de datum")
    dag = kalender(sessie).dag(datum)
    if dag is not None:
        raise AdviesFout(
            f"{datum.isoformat()} staat al in de kalender ({dag.naam}, {_bron(dag)}); er is niets opgeslagen"
        )
    if datum.weekday() >= 5:
        raise AdviesFout(f"{datum.isoformat()} is een zaterdag of zondag; daarop eindigt een termijn al niet")
    return _leg_vast(sessie, rechten, datum, TOEGEVOEGD, reden)


def verwijder(sessie: Session, rechten: Rechten, datum: date, reden: str) -> Feestdagcorrectie:
    """Take `datum` out of the equated days (a decree or the council's own); the law's days stay."""
    rechten.vereis_secretaris()
    reden = controleer_reden(reden)
    datumgrenzen.kalenderdag(datum, "de datum")
    dag = kalender(sessie).dag(datum)
    if dag is None:
        raise AdviesFout(f"{datum.isoformat()} staat niet in de kalender; er is niets verwijderd")
    if dag.bron == WET:
        raise AdviesFout(
            f"{datum.isoformat()} ({dag.naam}) is een feestdag volgens de wet ({dag.grondslag}) en kan niet worden "
            "verwijderd"
        )
    return _leg_vast(sessie, rechten, datum, VERWIJDERD, reden)


def _leg_vast(sessie: Session, rechten: Rechten, datum: date, soort: str, reden: str) -> Feestdagcorrectie:
    rij = Feestdagcorrectie(datum=datum, soort=soort, reden=reden, door=rechten.gebruiker, op=nu())
    sessie.add(rij)
    sessie.flush()
    return rij


def controleer_reden(reden: str) -> str:
    """The reason of a correction, as `voeg_toe` and `verwijder` store it (and an archive must hold)."""
    reden = verplichte_tekst(reden, "de reden")
    if len(reden) > MAX_REDEN:
        raise AdviesFout(f"de reden is te lang (meer dan {MAX_REDEN} tekens)")
    return reden


def _bron(dag: Dag) -> str:
    return {WET: dag.grondslag, RAAD: f"door de raad: {dag.grondslag}"}.get(dag.bron, dag.grondslag)
