"""Due dates that follow the calendar: when a change of the calendar or of the term settings moves
the due date of an open advice (sent, not yet answered), it is recomputed in the same transaction,
with a history entry that says from what to what and why.

An open advice's due date is its sending date plus the term (Atw art. 1, 2 and 4), then each of its
recorded changes in order: a suspension moves it on by its days (and art. 1 again); an extension
agreed with the college or a correction by hand (`corrigeer --uiterlijk`) sets it to its own date,
which no recomputation touches. An advice is affected when that computation differs under the old
and the new calendar or settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from opslag.modellen import Advies, Termijnwijziging
from workflow import instellingen, raadskalender
from workflow.adviezen import leg_vast
from workflow.bestanden import Bestand
from workflow.domein import termijnen
from workflow.domein.datums import dagen_tot_en_met, lange_datum
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import VERZONDEN


@dataclass(frozen=True)
class Stand:
    """What a due date is computed with: the weeks and the calendar (None: the Atw does not apply)."""

    weken: int
    kalender: termijnen.Kalender | None


@dataclass(frozen=True)
class Verschuiving:
    """One recomputed due date."""

    kenmerk: str
    was: date
    werd: date


def stand(sessie: Session) -> Stand:
    return Stand(instellingen.lees(sessie).termijn_reactie_weken, raadskalender.termijnkalender(sessie))


def bereken(verzonden_op: date, wijzigingen: list[Termijnwijziging], stand: Stand) -> date:
    """The due date of an advice sent on `verzonden_op` with its recorded changes, under `stand`."""
    uiterlijk = termijnen.reactie_uiterlijk(verzonden_op, stand.weken, stand.kalender)
    for wijziging in wijzigingen:
        if wijziging.van is not None and wijziging.tot is not None:  # a suspension
            dagen = dagen_tot_en_met(wijziging.van, wijziging.tot)
            uiterlijk = termijnen.schuif(uiterlijk + timedelta(days=dagen), stand.kalender)
        else:  # an extension or a correction: the council's own date
            uiterlijk = wijziging.uiterlijk_werd
    return uiterlijk


def herbereken(sessie: Session, oud: Stand, door: str, aanleiding: str) -> list[Verschuiving]:
    """Recompute every open advice whose due date moves from `oud` to the state in `sessie` now."""
    nieuw = stand(sessie)
    open_adviezen = list(
        sessie.exec(select(Advies).where(Advies.status == VERZONDEN).order_by(col(Advies.jaar), col(Advies.volgnummer)))
    )
    wijzigingen = _wijzigingen(sessie, [a.id for a in open_adviezen if a.id is not None])
    verschoven = []
    for advies in open_adviezen:
        if advies.verzonden_op is None or advies.reactie_uiterlijk is None:
            continue
        eigen = wijzigingen.get(advies.id or 0, [])
        werd = bereken(advies.verzonden_op, eigen, nieuw)
        if werd == bereken(advies.verzonden_op, eigen, oud) or werd == advies.reactie_uiterlijk:
            continue
        was = advies.reactie_uiterlijk
        advies.reactie_uiterlijk = werd
        sessie.add(advies)
        sessie.flush()
        leg_vast(
            sessie,
            advies,
            "termijn",
            advies.status,
            door,
            f"reactietermijn herberekend: {van_naar(was, werd)}, {aanleiding}",
        )
        verschoven.append(Verschuiving(advies.kenmerk, was, werd))
    return verschoven


@contextmanager
def volgt(sessie: Session, door: str, aanleiding: Callable[[], str]) -> Iterator[list[Verschuiving]]:
    """Around a change of the calendar or a setting: the open advices it moves are recomputed at the end."""
    oud = stand(sessie)
    verschoven: list[Verschuiving] = []
    yield verschoven
    sessie.flush()
    verschoven.extend(herbereken(sessie, oud, door, aanleiding()))


TERMIJNINSTELLINGEN = ("termijn.reactie_weken", "termijn.termijnenwet")


def zet_instelling(
    sessie: Session, rechten: Rechten, sleutel: str, waarde: str | Bestand
) -> tuple[str, list[Verschuiving] | None]:
    """`instellingen.zet`; for a setting a due date is computed with, the open advices it moves are
    recomputed (returned; None for any other setting)."""
    if sleutel not in TERMIJNINSTELLINGEN:
        return instellingen.zet(sessie, rechten, sleutel, waarde), None
    was = instellingen.lees_tekst(sessie, sleutel)
    opgeslagen = ""

    def aanleiding() -> str:
        return f"{sleutel} van {was} naar {opgeslagen}"

    with volgt(sessie, rechten.gebruiker, aanleiding) as verschoven:
        opgeslagen = instellingen.zet(sessie, rechten, sleutel, waarde)
    return opgeslagen, verschoven


def _wijzigingen(sessie: Session, ids: list[int]) -> dict[int, list[Termijnwijziging]]:
    gevonden: dict[int, list[Termijnwijziging]] = {}
    if not ids:
        return gevonden
    rijen = sessie.exec(
        select(Termijnwijziging).where(col(Termijnwijziging.advies_id).in_(ids)).order_by(col(Termijnwijziging.id))
    )
    for rij in rijen:
        gevonden.setdefault(rij.advies_id, []).append(rij)
    return gevonden


def van_naar(was: date, werd: date) -> str:
    """ "6 mei → 4 mei 2026"; with both years when they differ."""
    if was.year == werd.year:
        return f"{lange_datum(was).removesuffix(f' {was.year}')} → {lange_datum(werd)}"
    return f"{lange_datum(was)} → {lange_datum(werd)}"


def korte_datum(dag: date) -> str:
    """ "4 mei": the day and month of `dag`."""
    return lange_datum(dag).removesuffix(f" {dag.year}")
