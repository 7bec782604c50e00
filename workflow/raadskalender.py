"""The council's calendar as stored: the Atw calendar of `workflow.domein.termijnen` with the
council's own corrections (append-only rows), and whether the Atw applies at all (a setting).

Apart from `workflow.feestdagen`, which changes the calendar and so recomputes due dates through
`workflow.herberekening`: that one reads the calendar here, without a cycle back.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from opslag.modellen import Feestdagcorrectie
from workflow import instellingen
from workflow.domein.termijnen import Correctie, Kalender


def correcties(sessie: Session) -> dict[date, Correctie]:
    """The council's latest correction of each date."""
    laatste: dict[date, Correctie] = {}
    for rij in sessie.exec(select(Feestdagcorrectie).order_by(col(Feestdagcorrectie.id))):
        laatste[rij.datum] = Correctie(rij.datum, rij.soort, rij.reden, rij.door, rij.bron)
    return laatste


def kalender(sessie: Session) -> Kalender:
    return Kalender(correcties(sessie))


def termijnkalender(sessie: Session) -> Kalender | None:
    """The calendar a due date is computed with, or None when termijn.termijnenwet is `nee`."""
    return kalender(sessie) if instellingen.lees(sessie).termijn_termijnenwet else None
