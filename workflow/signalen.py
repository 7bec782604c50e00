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

from sqlalchemy import select
from sqlmodel import Session, col

from opslag.modellen import Advies, Document
from workflow import instellingen
from workflow.toestanden import NOG_NIET_VERZONDEN, VERZONDEN
from workflow.woorden import Signaal

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
    signaal_dagen = int(instellingen.lees(sessie, "termijn.signaal_dagen"))
    na_dagen = int(instellingen.lees(sessie, "herinnering.na_dagen"))
    escalatie_na = int(instellingen.lees(sessie, "herinnering.escalatie_na"))
    herinneringen = _herinneringen(sessie, peildatum)
    regels = []
    verbinding = sessie.connection()
    verzonden: Any = verbinding.execute(
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
    eigen: Any = verbinding.execute(
        select(col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.adviestermijn)).where(
            col(Advies.status).in_(NOG_NIET_VERZONDEN), col(Advies.adviestermijn) < peildatum
        )
    )
    for kenmerk, onderwerp, termijn in eigen:
        regels.append(_regel(kenmerk, onderwerp, EIGEN_ADVIES_TE_LAAT, termijn, (peildatum - termijn).days))
    # Sorted here rather than in SQL: PostgreSQL would order the kenmerken by its collation.
    regels.sort(key=lambda r: (SOORTEN.index(r["signaal"]), r["uiterlijk"], r["kenmerk"]))
    return regels


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
