"""When the college's response is expected now: the register's due date (`reactie_uiterlijk`, moved
by an extension or a suspension), or, after a reminder sent once that date had passed, the new date
the reminder letter named. That new date is stored in one place only, the reminder's history note
that `levensloop.herinner` writes (`notitie`); `uit_notitie` reads it back from there, so the two
stay one format.

Reminders dated on or before the due date (a term that was extended or suspended later) do not
count, as in `workflow.signalen`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

_NOTITIE = re.compile(
    r"^herinnering (?P<kenmerk>.*?) van (?P<op>\d{4}-\d{2}-\d{2}): reactie was uiterlijk (?P<was>\d{4}-\d{2}-\d{2}) "
    r"verwacht, nu uiterlijk (?P<nu>\d{4}-\d{2}-\d{2})"
)


def notitie(kenmerk: str, op: date, was: date, nu: date, sha256: str) -> str:
    """The history note of a reminder: its letter, its date, the due date before and the new one."""
    return (
        f"herinnering {kenmerk} van {op.isoformat()}: reactie was uiterlijk {was.isoformat()} "
        f"verwacht, nu uiterlijk {nu.isoformat()} (sha256 {sha256[:12]})"
    )


@dataclass(frozen=True)
class Herinnering:
    kenmerk: str
    op: date
    nu_uiterlijk: date


def uit_notitie(tekst: str | None) -> Herinnering | None:
    """The reminder a history note records; None for a note in another form."""
    gevonden = _NOTITIE.match(tekst or "")
    if gevonden is None:
        return None
    try:
        return Herinnering(gevonden["kenmerk"], date.fromisoformat(gevonden["op"]), date.fromisoformat(gevonden["nu"]))
    except ValueError:
        return None


@dataclass(frozen=True)
class Verwachting:
    """`uiterlijk`: the date the response is expected by now; `oorspronkelijk`: the register's due
    date; `herinnering`: the last reminder that moved it (None: none did)."""

    uiterlijk: date
    oorspronkelijk: date
    herinnering: Herinnering | None

    def dagen_te_laat(self, peildatum: date) -> int:
        return (peildatum - self.uiterlijk).days


def huidige(reactie_uiterlijk: date, notities: Iterable[str | None]) -> Verwachting:
    """The expected date from the due date and the history notes of the reminders (oldest first)."""
    laatste: Herinnering | None = None
    for tekst in notities:
        herinnering = uit_notitie(tekst)
        if herinnering is not None and herinnering.op > reactie_uiterlijk:
            laatste = herinnering
    if laatste is None:
        return Verwachting(reactie_uiterlijk, reactie_uiterlijk, None)
    return Verwachting(max(laatste.nu_uiterlijk, reactie_uiterlijk), reactie_uiterlijk, laatste)
