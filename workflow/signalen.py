"""What needs attention on a peildatum: one signal per advice, the most pressing.

For a sent advice without response, with due date U and the reminders sent after U:
- `binnenkort`: U is today or within `termijn.signaal_dagen` days; `dagen` is the days left;
- once U has passed, `dagen` is the days late, and the signal is
  - `herinneren` when the last reminder (or, without one, U itself) is `herinnering.na_dagen` or
    more days ago and fewer than `herinnering.escalatie_na` reminders were sent;
  - `escaleren` in that same case when `herinnering.escalatie_na` reminders were sent already:
    reminding does not help, tell the raad;
  - `te_laat` otherwise (a reminder went out recently).
For an advice the council has not sent yet: `eigen_advies_te_laat` when its adviestermijn has passed.

Reminders dated on or before U (a term that was extended or suspended later) do not count.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session, col

from opslag.modellen import Advies, Document
from workflow import instellingen
from workflow.toestanden import VERZONDEN
from workflow.woorden import NOG_NIET_VERZONDEN, Signaal

BINNENKORT = Signaal.BINNENKORT.value
TE_LAAT = Signaal.TE_LAAT.value
HERINNEREN = Signaal.HERINNEREN.value
ESCALEREN = Signaal.ESCALEREN.value
EIGEN_ADVIES_TE_LAAT = Signaal.EIGEN_ADVIES_TE_LAAT.value
# Most pressing first: the order of the list.
SOORTEN = (ESCALEREN, HERINNEREN, TE_LAAT, EIGEN_ADVIES_TE_LAAT, BINNENKORT)
HERINNERING = "herinnering"


def signalen(sessie: Session, peildatum: date) -> list[dict[str, Any]]:
    """The signals on `peildatum`: `kenmerk`, `onderwerp`, `signaal`, `uiterlijk` and `dagen`."""
    regels = _verzonden(sessie, peildatum) + _eigen_te_laat(sessie, peildatum)
    regels.sort(key=_volgorde)
    return regels


def eerste_signalen(sessie: Session, peildatum: date, aantal: int) -> tuple[list[dict[str, Any]], int]:
    """`signalen(...)[:aantal]` and `len(signalen(...))`, without reading every late own advice: the
    web page shows the first few, and in a large register most signals are own advices past their term."""
    eigen = _eigen_te_laat(sessie, peildatum, _grens_eigen(sessie, peildatum, aantal))
    regels = _verzonden(sessie, peildatum) + eigen
    regels.sort(key=_volgorde)
    totaal = len(regels) - len(eigen) + _aantal_eigen_te_laat(sessie, peildatum)
    return regels[:aantal], totaal


def _volgorde(regel: dict[str, Any]) -> tuple[int, str, str]:
    # Sorted here rather than in SQL: PostgreSQL would order the kenmerken by its collation.
    return SOORTEN.index(regel["signaal"]), regel["uiterlijk"], regel["kenmerk"]


def _verzonden(sessie: Session, peildatum: date) -> list[dict[str, Any]]:
    """The signals of sent advices without a response."""
    signaal_dagen = int(instellingen.lees(sessie, "termijn.signaal_dagen"))
    na_dagen = int(instellingen.lees(sessie, "herinnering.na_dagen"))
    escalatie_na = int(instellingen.lees(sessie, "herinnering.escalatie_na"))
    herinneringen = _herinneringen(sessie, peildatum)
    regels = []
    verzonden: Any = sessie.connection().execute(
        select(col(Advies.id), col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.reactie_uiterlijk)).where(
            col(Advies.status) == VERZONDEN, col(Advies.reactie_uiterlijk).is_not(None)
        )
    )
    for advies_id, kenmerk, onderwerp, uiterlijk in verzonden:
        na_termijn = [d for d in herinneringen[advies_id] if d > uiterlijk]
        soort = _soort(peildatum, uiterlijk, na_termijn, signaal_dagen, na_dagen, escalatie_na)
        if soort is not None:
            dagen = (uiterlijk - peildatum).days if soort == BINNENKORT else (peildatum - uiterlijk).days
            regels.append(_regel(kenmerk, onderwerp, soort, uiterlijk, dagen))
    return regels


def _te_laat_eigen(peildatum: date) -> list[ColumnElement[bool]]:
    return [col(Advies.status).in_(NOG_NIET_VERZONDEN), col(Advies.adviestermijn) < peildatum]


def _eigen_te_laat(sessie: Session, peildatum: date, tot_en_met: date | None = None) -> list[dict[str, Any]]:
    """Own advices past their adviestermijn; with `tot_en_met`, only those whose term ended by then."""
    vraag = select(col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.adviestermijn)).where(
        *_te_laat_eigen(peildatum)
    )
    if tot_en_met is not None:
        vraag = vraag.where(col(Advies.adviestermijn) <= tot_en_met)
    rijen: Any = sessie.connection().execute(vraag).all()  # the WHERE makes adviestermijn a date
    return [
        _regel(kenmerk, onderwerp, EIGEN_ADVIES_TE_LAAT, termijn, (peildatum - termijn).days)
        for kenmerk, onderwerp, termijn in rijen
    ]


def _grens_eigen(sessie: Session, peildatum: date, aantal: int) -> date | None:
    """The adviestermijn of the `aantal`-th late own advice, the earliest first (None: fewer are late).
    Those up to and including it are all of them the first `aantal` signals can hold."""
    if aantal <= 0:
        return date.min
    vraag = (
        select(col(Advies.adviestermijn))
        .where(*_te_laat_eigen(peildatum))
        .order_by(col(Advies.adviestermijn))
        .limit(1)
        .offset(aantal - 1)
    )
    grens: date | None = sessie.connection().execute(vraag).scalar()
    return grens


def _aantal_eigen_te_laat(sessie: Session, peildatum: date) -> int:
    vraag = select(func.count()).select_from(Advies).where(*_te_laat_eigen(peildatum))
    return int(sessie.connection().execute(vraag).scalar_one())


def _soort(
    peildatum: date, uiterlijk: date, herinnerd: list[date], signaal_dagen: int, na_dagen: int, escalatie_na: int
) -> str | None:
    if uiterlijk >= peildatum:
        return BINNENKORT if (uiterlijk - peildatum).days <= signaal_dagen else None
    sinds = max(herinnerd, default=uiterlijk)
    if (peildatum - sinds).days < na_dagen:
        return TE_LAAT
    return ESCALEREN if len(herinnerd) >= escalatie_na else HERINNEREN


def _herinneringen(sessie: Session, peildatum: date) -> dict[int, list[date]]:
    """The dates of the reminders sent up to `peildatum`, per advice."""
    per_advies: dict[int, list[date]] = defaultdict(list)
    for advies_id, datum in sessie.connection().execute(
        select(col(Document.advies_id), col(Document.datum)).where(
            col(Document.soort) == HERINNERING, col(Document.datum) <= peildatum
        )
    ):
        per_advies[advies_id].append(datum)
    return per_advies


def _regel(kenmerk: str, onderwerp: str, soort: str, uiterlijk: date, dagen: int) -> dict[str, Any]:
    return {
        "kenmerk": kenmerk,
        "onderwerp": onderwerp,
        "signaal": soort,
        "uiterlijk": uiterlijk.isoformat(),
        "dagen": dagen,
    }
