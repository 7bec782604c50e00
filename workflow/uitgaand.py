"""Effects outside the database, performed after the commit that caused them, once: an outbox.

A unit of work that causes an effect outside the database (a letter file to write; later an
e-mail) does not perform it. It records it with `neem_op(sessie, soort, gegevens)` in its own
transaction: rolled back, the record is gone with everything else; retried as a whole
(`Register._transactie` on a numbering race), only the attempt that commits leaves its record.
After the commit a dispatcher, `verwerk`, performs what is due (the CLI at the end of every
writing command, `advies web` in the background, `advies uitgaand --verwerk` by hand):

- Each row is claimed in its own short writing transaction (PostgreSQL: `SELECT ... FOR UPDATE
  SKIP LOCKED`, so two dispatchers never take the same row nor wait for each other; SQLite: the
  write lock of `BEGIN IMMEDIATE`), performed, and marked `afgehandeld` in that transaction. A row
  marked done is never performed again. A process that dies while performing leaves the row as
  it was (its transaction rolls back) and the next dispatcher performs it again, so a performer is
  idempotent: a letter file is the same bytes at the same name, and a file that already holds
  them counts as written.
- A failure is kept (`laatste_fout`, one Dutch sentence) and tried again after 1, 2, 4, ...
  minutes, at most an hour apart; after MAX_POGINGEN attempts the row stays as failed, and
  `advies signalen`, `advies uitgaand` and the web page show it.

`nu` is the clock, given by the tests; the rows keep aware UTC times.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, func, or_, select

from opslag.database import verbinding_van
from opslag.leestabellen import uitgaand as _lees

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Engine, Table
    from sqlmodel import Session


MAX_POGINGEN = 8
EERSTE_WACHTTIJD = timedelta(minutes=1)
LANGSTE_WACHTTIJD = timedelta(hours=1)

# What performs each kind of effect: "module:function", imported when a row of that kind is due.
# The function takes an `Opdracht` and returns what it did (the caller shows it); it raises an
# AdviesFout (or OSError) when it could not, and must be idempotent (see the module's docstring).
UITVOERDERS: dict[str, str] = {"bestand": "workflow.aflevering:voer_uit"}


@dataclass(frozen=True)
class Opdracht:
    """One recorded effect, as its performer gets it: plain data."""

    id: int
    soort: str
    kenmerk: str | None
    gegevens: dict[str, Any]
    inhoud: bytes | None


@dataclass(frozen=True)
class Uitkomst:
    """What one attempt did: `resultaat` is the performer's answer, `fout` the Dutch sentence why not."""

    id: int
    soort: str
    kenmerk: str | None
    pogingen: int
    resultaat: Any = None
    fout: str | None = None

    @property
    def gelukt(self) -> bool:
        return self.fout is None

    @property
    def opgegeven(self) -> bool:
        return self.fout is not None and self.pogingen >= MAX_POGINGEN


def eigen_plek() -> str:
    """This machine and account: where a file recorded by this process can be written."""
    return f"{socket.gethostname()}:{os.getuid()}"[:255]


def wachttijd(pogingen: int) -> timedelta:
    """How long after the `pogingen`-th failed attempt the next one is due: 1, 2, 4, ... minutes, capped."""
    return min(EERSTE_WACHTTIJD * (1 << min(max(pogingen - 1, 0), 30)), LANGSTE_WACHTTIJD)


def neem_op(
    sessie: Session,
    soort: str,
    gegevens: dict[str, Any],
    *,
    inhoud: bytes | None = None,
    kenmerk: str | None = None,
    plek: str | None = None,
    nu: datetime | None = None,
) -> int:
    """Record an effect in the caller's transaction; it is performed after the commit. Returns its id.

    `gegevens`: plain JSON data (bytes go in `inhoud`); `plek`: where it must be performed
    (`eigen_plek()` for a file), None for any dispatcher."""
    from opslag.modellen import Uitgaand

    if soort not in UITVOERDERS:
        raise ValueError(f"onbekende soort uitgaand: {soort}")
    moment = nu or datetime.now(UTC)
    rij = Uitgaand(
        soort=soort,
        kenmerk=kenmerk,
        plek=plek,
        gegevens=json.dumps(gegevens, ensure_ascii=False, sort_keys=True),
        inhoud=inhoud,
        aangemaakt=moment,
        pogingen=0,
        volgende_poging=moment,
    )
    sessie.add(rij)
    sessie.flush()
    assert rij.id is not None
    return rij.id


def verwerk(bron: MetEngine | Engine, *, nu: datetime | None = None, plek: str | None = None) -> list[Uitkomst]:
    """Perform every due effect this dispatcher may perform (`plek`: default this machine and
    account; rows without a plek are anyone's), each in its own transaction; returns what happened."""
    engine = _engine(bron)
    moment = nu or datetime.now(UTC)
    waar = plek or eigen_plek()
    if not _iets_te_doen(engine, moment, waar):
        return []  # the common case after a command: no write lock taken for nothing
    uitkomsten: list[Uitkomst] = []
    gezien: set[int] = set()
    while True:
        uitkomst = _een_ronde(engine, moment, waar, gezien)
        if uitkomst is None:
            return uitkomsten
        gezien.add(uitkomst.id)
        uitkomsten.append(uitkomst)


def verwerk_een(bron: MetEngine | Engine, nummer: int, *, nu: datetime | None = None) -> Uitkomst | None:
    """Perform effect `nummer` now (the command that recorded it, right after its commit); None when
    it is done already or another dispatcher holds it."""
    return _een_ronde(_engine(bron), nu or datetime.now(UTC), None, set(), nummer=nummer)


class MetEngine(Protocol):
    """What the dispatcher needs of a register (a service does not import the register layer)."""

    def engine(self) -> Engine: ...


def _engine(bron: MetEngine | Engine) -> Engine:
    from sqlalchemy.engine import Engine

    return bron if isinstance(bron, Engine) else bron.engine()


def _te_doen(tabel: Table, nu: datetime, plek: str | None) -> tuple[ColumnElement[bool], ...]:
    return (
        tabel.c.afgehandeld.is_(None),
        tabel.c.pogingen < MAX_POGINGEN,
        tabel.c.volgende_poging <= nu,
        or_(tabel.c.plek.is_(None), tabel.c.plek == plek),
    )


def _iets_te_doen(engine: Engine, nu: datetime, plek: str) -> bool:
    from opslag.database import leesverbinding

    tabel = _tabel()
    with leesverbinding(engine) as verbinding:
        return verbinding.execute(select(tabel.c.id).where(*_te_doen(tabel, nu, plek)).limit(1)).first() is not None


def _een_ronde(
    engine: Engine, nu: datetime, plek: str | None, gezien: set[int], *, nummer: int | None = None
) -> Uitkomst | None:
    """Claim one row, perform it and mark it, in one writing transaction."""
    from sqlalchemy import update

    from opslag.database import sessie

    tabel = _tabel()
    with sessie(engine, schrijven=True) as s:
        if nummer is not None:
            vraag = select(tabel).where(
                tabel.c.id == nummer, tabel.c.afgehandeld.is_(None), tabel.c.pogingen < MAX_POGINGEN
            )
        else:
            vraag = select(tabel).where(*_te_doen(tabel, nu, plek))
            if gezien:  # an effect tried in this run waits for a later one, whatever the clock says
                vraag = vraag.where(tabel.c.id.not_in(gezien))
        rij = s.execute(vraag.order_by(tabel.c.id).limit(1).with_for_update(skip_locked=True)).first()
        if rij is None:
            return None
        opdracht = Opdracht(rij.id, rij.soort, rij.kenmerk, json.loads(rij.gegevens), rij.inhoud)
        pogingen = rij.pogingen + 1
        try:
            resultaat = _uitvoerder(rij.soort)(opdracht)
        except Exception as fout:  # noqa: BLE001 - any failure is kept on the row and tried again
            tekst = _foutzin(fout)
            s.execute(
                update(tabel)
                .where(tabel.c.id == rij.id)
                .values(pogingen=pogingen, laatste_fout=tekst, volgende_poging=nu + wachttijd(pogingen))
            )
            return Uitkomst(rij.id, rij.soort, rij.kenmerk, pogingen, fout=tekst)
        s.execute(
            update(tabel).where(tabel.c.id == rij.id).values(pogingen=pogingen, laatste_fout=None, afgehandeld=nu)
        )
        return Uitkomst(rij.id, rij.soort, rij.kenmerk, pogingen, resultaat=resultaat)


def _tabel() -> Table:
    from opslag.modellen import Uitgaand

    tabel: Table = Uitgaand.__table__  # type: ignore[attr-defined]
    return tabel


def _uitvoerder(soort: str) -> Callable[[Opdracht], Any]:
    if soort not in UITVOERDERS:
        raise ValueError(f"onbekende soort '{soort}'; deze versie van advies kan dit niet uitvoeren")
    module, naam = UITVOERDERS[soort].split(":")
    uitvoerder: Callable[[Opdracht], Any] = getattr(importlib.import_module(module), naam)
    return uitvoerder


def _foutzin(fout: Exception) -> str:
    """A Dutch sentence for the row and the signals: a refusal as it is, anything else by its kind."""
    from adviesfouten import AdviesFout
    from opslag.diagnose import bestandsoorzaak

    if isinstance(fout, AdviesFout):
        return str(fout)
    if isinstance(fout, OSError):
        return f"kan niet uitvoeren: {bestandsoorzaak(fout)}"
    return f"onverwachte fout ({type(fout).__name__}: {fout})"


# Reading: what is not done yet, for `advies uitgaand`, `advies signalen` and the web page. Plain
# Core on the read tables, so a read command loads no ORM.


@dataclass(frozen=True)
class Openstaand:
    id: int
    soort: str
    kenmerk: str | None
    pogingen: int
    laatste_fout: str | None

    @property
    def toestand(self) -> str:
        if self.pogingen >= MAX_POGINGEN:
            return f"opgegeven na {self.pogingen} pogingen"
        if self.pogingen:
            return f"mislukt ({self.pogingen} van {MAX_POGINGEN} pogingen), wordt opnieuw geprobeerd"
        return "wacht"

    @property
    def omschrijving(self) -> str:
        wat = SOORTNAMEN.get(self.soort, self.soort)
        return f"{wat} {self.kenmerk}" if self.kenmerk else wat


SOORTNAMEN = {"bestand": "brief naar een bestand"}


def openstaand(bron: Session | Connection, *, alleen_mislukt: bool = False) -> list[Openstaand]:
    """The effects not done yet, oldest first; `alleen_mislukt`: those that failed at least once."""
    verbinding = verbinding_van(bron)
    vraag = select(_lees.c.id, _lees.c.soort, _lees.c.kenmerk, _lees.c.pogingen, _lees.c.laatste_fout).where(
        _lees.c.afgehandeld.is_(None)
    )
    if alleen_mislukt:
        vraag = vraag.where(_lees.c.pogingen > 0)
    return [Openstaand(*rij) for rij in verbinding.execute(vraag.order_by(_lees.c.id))]


def aantal_mislukt(bron: Session | Connection) -> int:
    verbinding = verbinding_van(bron)
    vraag = select(func.count()).where(_lees.c.afgehandeld.is_(None), _lees.c.pogingen > 0)
    return int(verbinding.execute(vraag).scalar_one())


def regels(uitkomsten: Iterable[Uitkomst]) -> list[str]:
    """One Dutch line per attempt, for the end of a command."""
    uit: list[str] = []
    for u in uitkomsten:
        if u.gelukt:
            uit.extend(_beschrijf(u))
        elif u.opgegeven:
            uit.append(f"Let op: {u.fout} (opgegeven na {u.pogingen} pogingen; zie 'advies uitgaand')")
        else:
            uit.append(f"Let op: {u.fout} (poging {u.pogingen} van {MAX_POGINGEN}; er volgt een nieuwe poging)")
    return uit


def _beschrijf(uitkomst: Uitkomst) -> list[str]:
    """The performer's own lines (its result's `beschrijving()`), or a plain one."""
    beschrijving = getattr(uitkomst.resultaat, "beschrijving", None)
    if callable(beschrijving):
        return [str(regel) for regel in beschrijving()]
    return [f"{SOORTNAMEN.get(uitkomst.soort, uitkomst.soort)} {uitkomst.kenmerk or ''} afgehandeld".strip()]


class Achtergrond:
    """The dispatcher of a long-running server (`advies web`): a thread that runs `verwerk` every
    `elke` seconds and at once when woken (`wek()`, after each write request), until `stop()`.

    A failing round (the database away) is logged and the next round tries again; what it could
    not do stays in the outbox."""

    def __init__(self, bron: MetEngine | Engine, *, elke: float = 30.0, plek: str | None = None) -> None:
        self._bron = bron
        self._elke = elke
        self._plek = plek
        self._wekker = threading.Event()
        self._stoppen = threading.Event()
        self._draad: threading.Thread | None = None
        self._klaar = threading.Condition()
        self.rondes = 0  # finished rounds, for whoever waits for one (the tests)

    def start(self) -> None:
        if self._draad is None:
            self._stoppen.clear()
            self._draad = threading.Thread(target=self._draai, name="advies-uitgaand", daemon=True)
            self._draad.start()

    def wek(self) -> None:
        self._wekker.set()

    def stop(self, wachttijd: float = 30.0) -> None:
        """Stop after the round under way (an effect is never cut off halfway by us)."""
        draad, self._draad = self._draad, None
        if draad is not None:
            self._stoppen.set()
            self._wekker.set()
            draad.join(wachttijd)

    def wacht_op_ronde(self, na: int, wachttijd: float) -> bool:
        """Wait (at most `wachttijd` seconds) until more than `na` rounds have finished."""
        with self._klaar:
            return self._klaar.wait_for(lambda: self.rondes > na, wachttijd)

    def _draai(self) -> None:
        while not self._stoppen.is_set():
            self._wekker.clear()
            try:
                verwerk(self._bron, plek=self._plek)
            except Exception:  # noqa: BLE001 - a server's background work must outlive a bad moment
                logging.getLogger("advies.uitgaand").exception("uitgaand werk kon niet worden verwerkt")
            with self._klaar:
                self.rondes += 1
                self._klaar.notify_all()
            self._wekker.wait(self._elke)
