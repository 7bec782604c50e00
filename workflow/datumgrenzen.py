"""Which dates are possible at all, before the order of an advice's steps is checked.

An event that happened (a registration, a receipt, a meeting held, an approval, a sending, a
response, a reminder) lies between 1990 and today; so does the moment a row was written. A
planned date (the meeting on the agenda, the college's adviestermijn) may lie ahead, but not more
than two years; a day of the council's calendar not more than ten (decrees equate days for years
ahead). A new response due date lies within a year of the current one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from adviesfouten import OngeldigeInvoer

EERSTE_DATUM = date(1990, 1, 1)
JAREN_VOORUIT = 2
KALENDER_JAREN_VOORUIT = 10
# Two machines writing one register (PostgreSQL) need not agree on the time to the second.
KLOKVERSCHIL = timedelta(minutes=5)


def gebeurd(datum: date, wat: str, vandaag: date | None = None) -> date:
    """`datum` of something that already happened: from 1990 up to and including today."""
    vandaag = vandaag or date.today()
    _niet_te_vroeg(datum, wat)
    if datum > vandaag:
        raise OngeldigeInvoer(f"{wat} ({datum.isoformat()}) ligt in de toekomst; dit is gebeurd, dus uiterlijk vandaag")
    return datum


def gepland(datum: date, wat: str, vandaag: date | None = None) -> date:
    """A planned `datum`: from 1990 up to two years after today."""
    return _binnen_jaren(datum, wat, JAREN_VOORUIT, vandaag)


def kalenderdag(datum: date, wat: str, vandaag: date | None = None) -> date:
    """A day of the council's calendar: from 1990 up to ten years after today."""
    return _binnen_jaren(datum, wat, KALENDER_JAREN_VOORUIT, vandaag)


def _binnen_jaren(datum: date, wat: str, jaren: int, vandaag: date | None) -> date:
    grens = _jaren_later(vandaag or date.today(), jaren)
    _niet_te_vroeg(datum, wat)
    if datum > grens:
        raise OngeldigeInvoer(f"{wat} ({datum.isoformat()}) ligt te ver vooruit; ten hoogste {jaren} jaar na vandaag")
    return datum


def tijdstip(moment: datetime, wat: str, nu: datetime | None = None) -> datetime:
    """The moment a row was written: from 1990 up to now (give or take the clocks' difference)."""
    nu = nu or datetime.now(UTC)
    _niet_te_vroeg(moment.date(), wat)
    if moment > nu + KLOKVERSCHIL:
        raise OngeldigeInvoer(f"{wat} ({moment.isoformat()}) ligt in de toekomst; dit is al gebeurd")
    return moment


def binnen_een_jaar(datum: date, na: date, wat: str) -> date:
    """A new due date: not more than a year after the current one (`na`)."""
    grens = _jaren_later(na, 1)
    if datum > grens:
        raise OngeldigeInvoer(
            f"{wat} ({datum.isoformat()}) ligt meer dan een jaar na de huidige ({na.isoformat()}); "
            f"ten hoogste tot en met {grens.isoformat()}"
        )
    return datum


def niet_te_vroeg(datum: date, wat: str) -> date:
    """A date of any kind: not before 1990."""
    _niet_te_vroeg(datum, wat)
    return datum


def _niet_te_vroeg(datum: date, wat: str) -> None:
    if datum < EERSTE_DATUM:
        raise OngeldigeInvoer(
            f"{wat} ({datum.isoformat()}) ligt vóór {EERSTE_DATUM.isoformat()}, de vroegst mogelijke datum"
        )


def _jaren_later(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + jaren, day=28)
