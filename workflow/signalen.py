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
tens of thousands of late advices is printed with no more work per row in Python than making its
dict; it runs on a read command's plain connection (opslag.leestabellen) as well as on a session's.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Date, ScalarSelect, Select, case, func, literal, select

from opslag.database import verbinding_van
from opslag.leestabellen import advies, document
from workflow import instellingen
from workflow.domein.woorden import NOG_NIET_VERZONDEN, Signaal, Status
from workflow.overzichten import als_iso, dagen_na, in_tekenvolgorde, rijen
from workflow.rijen import SignaalRij

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
SLEUTELS: tuple[str, ...] = tuple(SignaalRij.__annotations__)


def signalen(bron: Session | Connection, peildatum: date) -> list[SignaalRij]:
    """The signals on `peildatum`: `kenmerk`, `onderwerp`, `signaal`, `uiterlijk` and `dagen`."""
    verbinding = verbinding_van(bron)
    return _als_regels(rijen(verbinding, _alle(verbinding, peildatum), len(SLEUTELS)))


def eerste_signalen(bron: Session | Connection, peildatum: date, aantal: int) -> tuple[list[SignaalRij], int]:
    """`signalen(...)[:aantal]` and `len(signalen(...))`: the web page shows the first few."""
    verbinding = verbinding_van(bron)
    alle = _alle(verbinding, peildatum)
    eerste = _als_regels(rijen(verbinding, alle.limit(max(aantal, 0)), len(SLEUTELS)))
    totaal = verbinding.execute(select(func.count()).select_from(alle.order_by(None).subquery())).scalar_one()
    return eerste, int(totaal)


def _als_regels(gevonden: list[tuple[Any, ...]]) -> list[SignaalRij]:
    """The rows of `_alle` as dicts; the database gives the signal as its place in SOORTEN."""
    return [
        {"kenmerk": kenmerk, "onderwerp": onderwerp, "signaal": SOORTEN[rang], "uiterlijk": uiterlijk, "dagen": dagen}
        for kenmerk, onderwerp, rang, uiterlijk, dagen in gevonden
    ]


def _alle(verbinding: Connection, peildatum: date) -> Select[Any]:
    """Every signal on `peildatum`, most pressing first, then the earliest due date, then the
    kenmerk (by code point, as Python sorts); the signal as its place in SOORTEN.

    One pass over the advices, like `achterstallig`: with most of a large register late, reading
    the table once is cheaper than index searches that each look up every row they find. Dates
    are compared as dates (the bounds computed here), so the days are counted only once per row,
    and the reminders only for a sent advice past its due date (a CASE stops at its first match).
    """
    ingesteld = instellingen.lees(verbinding)
    signaal_dagen = ingesteld.termijn_signaal_dagen
    na_dagen = ingesteld.herinnering_na_dagen
    escalatie_na = ingesteld.herinnering_escalatie_na
    verzonden = advies.c.status == Status.VERZONDEN.value
    uiterlijk = case(
        (verzonden, advies.c.reactie_uiterlijk),
        (advies.c.status.in_(NOG_NIET_VERZONDEN), advies.c.adviestermijn),
    )
    aantal, laatste = _herinneringen_na_termijn(peildatum)
    rang = case(
        (~verzonden, literal(SOORTEN.index(EIGEN_ADVIES_TE_LAAT))),
        (uiterlijk >= peildatum, literal(SOORTEN.index(BINNENKORT))),
        # Fewer than `na_dagen` days since the last reminder after the due date, or since the due
        # date itself without one: late, but reminding is not due yet.
        (func.coalesce(laatste, uiterlijk) > peildatum - timedelta(days=na_dagen), literal(SOORTEN.index(TE_LAAT))),
        (aantal >= escalatie_na, literal(SOORTEN.index(ESCALEREN))),
        else_=literal(SOORTEN.index(HERINNEREN)),
    ).label("rang")
    iso = als_iso(uiterlijk, verbinding).label("uiterlijk")
    # A sent advice from `termijn.signaal_dagen` days before its due date on; an own advice once late.
    laatste_dag = case(
        (verzonden, literal(peildatum + timedelta(days=signaal_dagen), Date)),
        else_=literal(peildatum - timedelta(days=1), Date),
    )
    return (
        select(
            advies.c.kenmerk,
            advies.c.onderwerp,
            rang,
            iso,
            func.abs(dagen_na(uiterlijk, peildatum, verbinding)),
        )
        .where(uiterlijk <= laatste_dag)
        .order_by(rang, iso, in_tekenvolgorde(advies.c.kenmerk, verbinding))
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
