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

The database does all of it in one query (the signal, the days, the order), so a register with
tens of thousands of late advices is printed without work per row in Python; it runs on a read
command's plain connection (opslag.leestabellen) as well as on a session's.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, case, func, literal, select, union_all

from opslag.leestabellen import advies, document
from workflow import instellingen
from workflow.overzichten import als_dicts, als_iso, dagen_na, in_tekenvolgorde
from workflow.woorden import NOG_NIET_VERZONDEN, Signaal, Status

if TYPE_CHECKING:
    from sqlmodel import Session

BINNENKORT = Signaal.BINNENKORT.value
TE_LAAT = Signaal.TE_LAAT.value
HERINNEREN = Signaal.HERINNEREN.value
ESCALEREN = Signaal.ESCALEREN.value
EIGEN_ADVIES_TE_LAAT = Signaal.EIGEN_ADVIES_TE_LAAT.value
# Most pressing first: the order of the list.
SOORTEN = (ESCALEREN, HERINNEREN, TE_LAAT, EIGEN_ADVIES_TE_LAAT, BINNENKORT)
HERINNERING = "herinnering"
SLEUTELS = ("kenmerk", "onderwerp", "signaal", "uiterlijk", "dagen")


def signalen(bron: Session | Connection, peildatum: date) -> list[dict[str, Any]]:
    """The signals on `peildatum`: `kenmerk`, `onderwerp`, `signaal`, `uiterlijk` and `dagen`."""
    verbinding = _verbinding(bron)
    return als_dicts(SLEUTELS, verbinding, _op_volgorde(_alle(verbinding, peildatum), verbinding))


def eerste_signalen(bron: Session | Connection, peildatum: date, aantal: int) -> tuple[list[dict[str, Any]], int]:
    """`signalen(...)[:aantal]` and `len(signalen(...))`: the web page shows the first few."""
    verbinding = _verbinding(bron)
    alle = _alle(verbinding, peildatum)
    eerste = als_dicts(SLEUTELS, verbinding, _op_volgorde(alle, verbinding).limit(max(aantal, 0)))
    return eerste, int(verbinding.execute(select(func.count()).select_from(alle)).scalar_one())


def _verbinding(bron: Session | Connection) -> Connection:
    return bron if isinstance(bron, Connection) else bron.connection()


def _alle(verbinding: Connection, peildatum: date) -> Any:
    """Every signal on `peildatum` as one subquery with the columns of SLEUTELS, in no order."""
    return union_all(_verzonden(verbinding, peildatum), _eigen_te_laat(verbinding, peildatum)).subquery("signaal")


def _op_volgorde(alle: Any, verbinding: Connection) -> Select[Any]:
    """Most pressing first, then the earliest due date, then the kenmerk (by code point, as Python sorts)."""
    rang = case(*((alle.c.signaal == soort, literal(i)) for i, soort in enumerate(SOORTEN)))
    return select(*(alle.c[sleutel] for sleutel in SLEUTELS)).order_by(
        rang, alle.c.uiterlijk, in_tekenvolgorde(alle.c.kenmerk, verbinding)
    )


def _verzonden(verbinding: Connection, peildatum: date) -> Select[Any]:
    """The signals of sent advices without a response (see the module's docstring)."""
    signaal_dagen = int(instellingen.lees(verbinding, "termijn.signaal_dagen"))
    na_dagen = int(instellingen.lees(verbinding, "herinnering.na_dagen"))
    escalatie_na = int(instellingen.lees(verbinding, "herinnering.escalatie_na"))
    uiterlijk = advies.c.reactie_uiterlijk
    herinnerd = _herinneringen_na_termijn(peildatum)
    aantal = func.coalesce(herinnerd.c.aantal, 0)
    te_laat = dagen_na(uiterlijk, peildatum, verbinding)  # negative: the days still left
    # Days since the last reminder after the due date, or since the due date itself without one.
    sinds = case((aantal > 0, dagen_na(herinnerd.c.laatste, peildatum, verbinding)), else_=te_laat)
    signaal = case(
        (te_laat <= 0, literal(BINNENKORT)),
        (sinds < na_dagen, literal(TE_LAAT)),
        (aantal >= escalatie_na, literal(ESCALEREN)),
        else_=literal(HERINNEREN),
    )
    return (
        select(
            advies.c.kenmerk.label("kenmerk"),
            advies.c.onderwerp.label("onderwerp"),
            signaal.label("signaal"),
            als_iso(uiterlijk, verbinding).label("uiterlijk"),
            func.abs(te_laat).label("dagen"),
        )
        .select_from(advies.outerjoin(herinnerd, herinnerd.c.advies_id == advies.c.id))
        .where(advies.c.status == Status.VERZONDEN.value, uiterlijk.is_not(None), te_laat >= -signaal_dagen)
    )


def _herinneringen_na_termijn(peildatum: date) -> Any:
    """Per sent advice: how many reminders went out after its due date, up to `peildatum`, and the last one's date."""
    return (
        select(
            document.c.advies_id.label("advies_id"),
            func.count().label("aantal"),
            func.max(document.c.datum).label("laatste"),
        )
        .select_from(document.join(advies, advies.c.id == document.c.advies_id))
        .where(
            and_(
                document.c.soort == HERINNERING,
                document.c.datum <= peildatum,
                document.c.datum > advies.c.reactie_uiterlijk,
            )
        )
        .group_by(document.c.advies_id)
        .subquery("herinnerd")
    )


def _eigen_te_laat(verbinding: Connection, peildatum: date) -> Select[Any]:
    """Own advices past their adviestermijn."""
    termijn = advies.c.adviestermijn
    return select(
        advies.c.kenmerk,
        advies.c.onderwerp,
        literal(EIGEN_ADVIES_TE_LAAT),
        als_iso(termijn, verbinding),
        dagen_na(termijn, peildatum, verbinding),
    ).where(advies.c.status.in_(NOG_NIET_VERZONDEN), termijn < peildatum)
