"""The register as every face uses it: the CLI, the web page, a script or a test.

A `Register` owns one engine and hands out units of work:

- `lezen()`: a reading transaction and the acting user's rights (any registered user may read);
- `inzien()`: the same on a plain Core connection, for the read commands that print many rows:
  it loads neither sqlmodel nor the ORM (see opslag.leestabellen);
- `wijzigen(werk)`: one writing transaction around `werk(sessie, rechten)`: all of it is stored,
  or nothing; a numbering race on PostgreSQL is retried as a whole;
- `wijzig_advies(kenmerk, werk)`: the same for one advice, refused when someone else changed that
  advice after this unit of work first read it (optimistic locking on its row version).

An effect outside the database (a file, an e-mail) is never performed inside `werk`: the service
records it with `uitgaand.neem_op` in the transaction, and after the commit the face runs
`uitgaand.verwerk(register)` (`geschreven` says a unit of work was committed).

The services in `workflow/` (`registratie`, `levensloop`, `brieven`, `instellingen`, `gebruikers`,
...) are plain functions `f(sessie, rechten, ...)` that check their own rights; a face only parses
its input, picks the service and shows the result. Nothing here knows about click or HTTP.

    register = Register()                       # ADVIES_DATABASE_URL or the SQLite file in ADVIES_HOME
    with register.lezen() as (sessie, wie):
        advies = adviezen.zoek(sessie, "2020-02")
    register.wijzig_advies("2020-02", lambda s, wie: levensloop.stel_vast(s, wie, "2020-02", datum))
    register.als("hans")                        # the web page: act as the person logged in
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import Session

    from workflow.domein.rechten import Rechten

T = TypeVar("T")
POGINGEN = 10  # a numbering race on PostgreSQL is retried as a whole transaction

# The unique constraints a concurrent registration can hit while taking the next number.
_NUMMERBEPERKINGEN = frozenset({"uq_advies_nummer", "uq_advies_kenmerk", "uq_document_reeks"})


class Register:
    def __init__(self, url: str | None = None, *, gebruiker: str | None = None) -> None:
        """`url`: a SQLAlchemy URL (default: ADVIES_DATABASE_URL or the SQLite file in ADVIES_HOME).
        `gebruiker`: act as this registered user instead of the process's own identity; only a
        face that authenticates people itself (the web page) sets it."""
        self._url = url
        self._gebruiker = gebruiker
        self._engine: Engine | None = None
        self._eigen_engine = True
        # A unit of work was committed: a face then runs the outbox's dispatcher (workflow.uitgaand).
        self.geschreven = False

    def als(self, gebruiker: str) -> Register:
        """The same register, on the same engine, acting as `gebruiker`."""
        ander = Register(self._url, gebruiker=gebruiker)
        ander._engine = self.engine()
        ander._eigen_engine = False
        return ander

    def engine(self, *, controleer_schema: bool = True) -> Engine:
        if self._engine is None:
            from adviesfouten import OpslagFout
            from opslag import schema
            from opslag.configuratie import database_url, sqlite_bestand
            from opslag.database import controleer_url, maak_engine

            url = self._url or database_url()
            controleer_url(url)  # an unsupported driver is named before "not initialised" is considered
            bestand = sqlite_bestand(url)
            if controleer_schema and bestand is not None and not bestand.exists():
                # Connecting would leave an empty database (and its folder) behind: only init makes one.
                raise OpslagFout("de database is nog niet ingericht; voer eerst 'advies init' uit")
            self._engine = maak_engine(url)
            if controleer_schema:
                schema.controleer(self._engine)
        return self._engine

    def sluit(self) -> None:
        if self._engine is not None and self._eigen_engine:
            self._engine.dispose()
        self._engine = None

    @contextmanager
    def lezen(self) -> Iterator[tuple[Session, Rechten]]:
        """A reading transaction with the acting user's rights; refused for an unregistered user."""
        from opslag.database import sessie

        with sessie(self.engine(), schrijven=False) as s:
            wie = self._rechten(s)
            wie.vereis_lezen()
            yield s, wie

    @contextmanager
    def inzien(self) -> Iterator[tuple[Connection, Rechten]]:
        """`lezen()` on a plain Core connection: the read commands' path, without the ORM."""
        from opslag.database import leesverbinding
        from workflow.rechten import bepaal

        with leesverbinding(self.engine()) as verbinding:
            wie = bepaal(verbinding, self._gebruiker)
            wie.vereis_lezen()
            yield verbinding, wie

    def wijzigen(self, werk: Callable[[Session, Rechten], T]) -> T:
        """Run `werk` in one writing transaction: all of it is stored, or nothing."""
        from sqlalchemy.orm.exc import StaleDataError

        from adviesfouten import Conflict

        try:
            return self._transactie(werk)
        except StaleDataError:
            raise Conflict(
                "het advies is intussen door iemand anders gewijzigd; er is niets opgeslagen, probeer het opnieuw"
            ) from None

    def wijzig_advies(self, invoer: str, werk: Callable[[Session, Rechten], T]) -> T:
        """`wijzigen` for one advice, refused if someone else changed it after this unit of work read it.

        The advice's version is read first, outside the writing transaction; inside it the version
        must still be the same. On PostgreSQL the row version also guards the UPDATE itself.
        """
        from opslag.database import leesverbinding
        from workflow.overzichten import versie_van

        with leesverbinding(self.engine()) as verbinding:
            advies_id, rijversie = versie_van(verbinding, invoer)
        return self.wijzig_advies_versie(advies_id, rijversie, werk)

    def wijzig_advies_versie(self, advies_id: int, rijversie: int, werk: Callable[[Session, Rechten], T]) -> T:
        """`wijzigen`, refused unless advice `advies_id` still has row version `rijversie`: the
        version a person saw (a web form carries it) or a command read."""
        from sqlalchemy.orm.exc import StaleDataError

        from adviesfouten import Conflict
        from opslag.database import sessie
        from workflow.adviezen import controleer_ongewijzigd, gewijzigd_door

        def na_controle(s: Session, wie: Rechten) -> T:
            controleer_ongewijzigd(s, advies_id, rijversie)
            return werk(s, wie)

        try:
            return self._transactie(na_controle)
        except StaleDataError:
            with sessie(self.engine(), schrijven=False) as s:
                raise Conflict(gewijzigd_door(s, advies_id)) from None

    def _transactie(self, werk: Callable[[Session, Rechten], T]) -> T:
        """One writing transaction, retried as a whole when a concurrent registration took the number."""
        from sqlalchemy.exc import IntegrityError

        from adviesfouten import Conflict
        from opslag.database import sessie

        # An attempt that fails rolls back everything it did, its outbox rows too
        # (workflow.uitgaand.neem_op): only the attempt that commits leaves effects to perform.
        for poging in range(POGINGEN):
            try:
                with sessie(self.engine(), schrijven=True) as s:
                    uitkomst = werk(s, self._rechten(s, schrijven=True))
                self.geschreven = True
                return uitkomst
            except IntegrityError as fout:
                if not is_nummerconflict(fout):
                    raise
                if poging == POGINGEN - 1:
                    raise Conflict(
                        "kon geen vrij nummer krijgen; er is niets opgeslagen, probeer het opnieuw"
                    ) from None
        raise AssertionError("unreachable")

    def _rechten(self, s: Session, *, schrijven: bool = False) -> Rechten:
        from opslag.database import wacht_op_slot
        from workflow.rechten import bepaal

        wie = bepaal(s.connection(), self._gebruiker)
        if schrijven and wie.eenpersoonsmodus and s.get_bind().dialect.name == "postgresql":
            # While nobody is registered everyone may do everything, and the first user registered
            # ends that. Writers in that state queue (SQLite's write lock does this by itself) and
            # look again once it is their turn: a second "first secretary" sees the first and is
            # refused, instead of twelve at once each seeing an empty table.
            wacht_op_slot(s, "advies.eerste_gebruiker")
            wie = bepaal(s.connection(), self._gebruiker)
        return wie


def is_nummerconflict(fout: IntegrityError) -> bool:
    """Whether `fout` is a registration that lost the race for a number: told by the name of the
    constraint it broke (opslag.diagnose.beperking), never by the wording of a message."""
    from opslag.diagnose import beperking

    return beperking(fout) in _NUMMERBEPERKINGEN
