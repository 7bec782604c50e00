"""The small reads of "Mijn werk" beyond the lists of one status (overzichten.zoek_in_register) and
the signals (workflow.signalen): each one query on a plain connection, bounded by an index or by
the rows a page shows, so a large register costs a page no more than the rows it shows.

- `wacht_op_vaststelling`: how many drafts wait for the chair (the count in every page's menu);
- `teruggestuurd`: drafts the chair sent back, with her last reason;
- `verwachtingen`: when the response is expected now, for the advices a page lists (after a
  reminder: the reminder's new date; see workflow.domein.verwachting).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select

from opslag.leestabellen import advies, geschiedenis
from workflow.domein.verwachting import Verwachting, huidige
from workflow.domein.woorden import Status
from workflow.rijen import TeruggestuurdRij

TERUGSTUREN, CONCEPT, HERINNERING = "terugsturen", "concept", "herinnering"


def wacht_op_vaststelling(verbinding: Connection) -> int:
    """One COUNT over the status index (ix_advies_status_*): cheap enough for every page."""
    aantal = verbinding.execute(
        select(func.count()).select_from(advies).where(advies.c.status == Status.TER_VASTSTELLING.value)
    ).scalar_one()
    return int(aantal)


def teruggestuurd(verbinding: Connection, limiet: int) -> tuple[list[TeruggestuurdRij], int]:
    """The drafts (status concept) the chair sent back, newest advice first, at most `limiet`, and
    how many there are: the last `terugsturen` of each, and the versions stored after it."""
    g = geschiedenis.alias("terug")
    laatste = (
        select(func.max(geschiedenis.c.id))
        .where(geschiedenis.c.advies_id == advies.c.id, geschiedenis.c.gebeurtenis == TERUGSTUREN)
        .scalar_subquery()
    )
    later = geschiedenis.alias("later")
    nieuwe = (
        select(func.count())
        .select_from(later)
        .where(later.c.advies_id == advies.c.id, later.c.gebeurtenis == CONCEPT, later.c.id > g.c.id)
        .scalar_subquery()
    )
    bron = advies.join(g, and_(g.c.id == laatste))
    voorwaarde = advies.c.status == Status.CONCEPT.value
    totaal = verbinding.execute(select(func.count()).select_from(bron).where(voorwaarde)).scalar_one()
    vraag = (
        select(advies.c.kenmerk, advies.c.onderwerp, g.c.door, g.c.op, g.c.notitie, nieuwe)
        .select_from(bron)
        .where(voorwaarde)
        .order_by(advies.c.jaar.desc(), advies.c.volgnummer.desc(), advies.c.achtervoegsel.desc())
        .limit(limiet)
    )
    rijen: list[TeruggestuurdRij] = [
        {
            "kenmerk": kenmerk,
            "onderwerp": onderwerp,
            "door": door,
            "op": _utc(op),
            "reden": notitie or "",
            "nieuwe_versies": int(aantal),
        }
        for kenmerk, onderwerp, door, op, notitie, aantal in verbinding.execute(vraag).all()
    ]
    return rijen, int(totaal)


def verwachtingen(verbinding: Connection, kenmerken: Iterable[str]) -> dict[str, Verwachting]:
    """For each sent advice among `kenmerken` (a page's few rows): when its response is expected
    now. One query over those advices and their reminders' history notes."""
    gevraagd = sorted(set(kenmerken))
    if not gevraagd:
        return {}
    vraag = (
        select(advies.c.kenmerk, advies.c.reactie_uiterlijk, geschiedenis.c.notitie)
        .select_from(
            advies.outerjoin(
                geschiedenis,
                and_(geschiedenis.c.advies_id == advies.c.id, geschiedenis.c.gebeurtenis == HERINNERING),
            )
        )
        .where(advies.c.kenmerk.in_(gevraagd), advies.c.reactie_uiterlijk.is_not(None))
        .order_by(advies.c.kenmerk, geschiedenis.c.id)
    )
    notities: dict[str, tuple[date, list[str | None]]] = {}
    for kenmerk, uiterlijk, notitie in verbinding.execute(vraag).all():
        dag = uiterlijk if isinstance(uiterlijk, date) else date.fromisoformat(str(uiterlijk))
        notities.setdefault(kenmerk, (dag, []))[1].append(notitie)
    return {kenmerk: huidige(dag, lijst) for kenmerk, (dag, lijst) in notities.items()}


def _utc(moment: Any) -> str:
    """A stored moment as ISO text in UTC (SQLite keeps UTC without an offset, PostgreSQL with one)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    assert isinstance(moment, datetime)
    return (moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)).isoformat()
