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

from sqlalchemy import Connection, ScalarSelect, Select, Subquery, case, func, literal, select

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


def _alle(verbinding: Connection, peildatum: date) -> Subquery:
    """Every signal on `peildatum` as one subquery with the columns of SLEUTELS, in no order.

    One pass over the advices, like `achterstallig`: with most of a large register late, reading
    the table once is cheaper than index searches that each look up every row they find. The
    reminders are counted only for a sent advice past its due date (a CASE stops at its first match).
    """
    signaal_dagen = int(instellingen.lees(verbinding, "termijn.signaal_dagen"))
    na_dagen = int(instellingen.lees(verbinding, "herinnering.na_dagen"))
    escalatie_na = int(instellingen.lees(verbinding, "herinnering.escalatie_na"))
    verzonden = advies.c.status == Status.VERZONDEN.value
    uiterlijk = case(
        (verzonden, advies.c.reactie_uiterlijk),
        (advies.c.status.in_(NOG_NIET_VERZONDEN), advies.c.adviestermijn),
    )
    te_laat = dagen_na(uiterlijk, peildatum, verbinding)  # negative: the days still left
    aantal, laatste = _herinneringen_na_termijn(peildatum)
    signaal = case(
        (~verzonden, literal(EIGEN_ADVIES_TE_LAAT)),
        (te_laat <= 0, literal(BINNENKORT)),
        # Days since the last reminder after the due date, or since the due date without one.
        (dagen_na(func.coalesce(laatste, uiterlijk), peildatum, verbinding) < na_dagen, literal(TE_LAAT)),
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
        # A sent advice from `termijn.signaal_dagen` days before its due date; an own advice once late.
        .where(te_laat >= case((verzonden, literal(-signaal_dagen)), else_=literal(1)))
        .subquery("signaal")
    )


def _op_volgorde(alle: Subquery, verbinding: Connection) -> Select[Any]:
    """Most pressing first, then the earliest due date, then the kenmerk (by code point, as Python sorts)."""
    rang = case(*((alle.c.signaal == soort, literal(i)) for i, soort in enumerate(SOORTEN)))
    return select(*(alle.c[sleutel] for sleutel in SLEUTELS)).order_by(
        rang, alle.c.uiterlijk, in_tekenvolgorde(alle.c.kenmerk, verbinding)
    )


def _herinneringen_na_termijn(peildatum: date) -> tuple[ScalarSelect[int], ScalarSelect[date]]:
    """For the advice of the outer query: how many reminders went out after its due date, up to
    `peildatum`, and the date of the last one (reminders from before a term was moved do not count)."""
    na_termijn = (
        document.c.advies_id == advies.c.id,
        document.c.soort == HERINNERING,
        document.c.datum > advies.c.reactie_uiterlijk,
        document.c.datum <= peildatum,
    )
    return (
        select(func.count()).where(*na_termijn).scalar_subquery(),
        select(func.max(document.c.datum)).where(*na_termijn).scalar_subquery(),
    )
