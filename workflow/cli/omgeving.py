"""The database as the commands use it: one engine per process, a reading or a writing
transaction, and the acting user's rights resolved inside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

import click

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from workflow.rechten import Rechten

T = TypeVar("T")
POGINGEN = 10  # a numbering race on PostgreSQL is retried as a whole transaction


class Omgeving:
    def __init__(self) -> None:
        self._engine: Engine | None = None

    def engine(self, *, controleer_schema: bool = True) -> Engine:
        if self._engine is None:
            from opslag import schema
            from opslag.configuratie import database_url, sqlite_bestand
            from opslag.database import maak_engine
            from opslag.fouten import OpslagFout

            url = database_url()
            bestand = sqlite_bestand(url)
            if controleer_schema and bestand is not None and not bestand.exists():
                # Connecting would leave an empty database (and its folder) behind: only init makes one.
                raise OpslagFout("de database is nog niet ingericht; voer eerst 'advies init' uit")
            self._engine = maak_engine(url)
            if controleer_schema:
                schema.controleer(self._engine)
        return self._engine

    def sluit(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    @contextmanager
    def lezen(self) -> Iterator[tuple[Session, Rechten]]:
        from opslag.database import sessie
        from workflow.gebruikers import rechten

        with sessie(self.engine(), schrijven=False) as s:
            wie = rechten(s)
            wie.vereis_lezen()
            yield s, wie

    def wijzigen(self, werk: Callable[[Session, Rechten], T]) -> T:
        """Run `werk` in one writing transaction: all of it is stored, or nothing."""
        from sqlalchemy.exc import IntegrityError

        from opslag.database import sessie
        from workflow.fouten import AdviesFout
        from workflow.gebruikers import rechten

        for poging in range(POGINGEN):
            try:
                with sessie(self.engine(), schrijven=True) as s:
                    return werk(s, rechten(s))
            except IntegrityError as fout:
                if not _is_nummerconflict(fout):
                    raise
                if poging == POGINGEN - 1:
                    raise AdviesFout(
                        "kon geen vrij nummer krijgen; er is niets opgeslagen, probeer het opnieuw"
                    ) from None
        raise AssertionError("unreachable")

    def wijzig_advies(self, invoer: str, werk: Callable[[Session, Rechten], T]) -> T:
        """`wijzigen` for one advice, refused if someone else changed it after this command read it.

        The advice's version is read first, outside the writing transaction; inside it the version
        must still be the same. On PostgreSQL the row version also guards the UPDATE itself.
        """
        from sqlalchemy.orm.exc import StaleDataError

        from opslag.database import sessie
        from workflow.adviezen import controleer_ongewijzigd, gewijzigd_door, zoek
        from workflow.fouten import AdviesFout

        with sessie(self.engine(), schrijven=False) as s:
            gezien = zoek(s, invoer)
            advies_id, rijversie = gezien.id, gezien.rijversie
        assert advies_id is not None

        def na_controle(s: Session, wie: Rechten) -> T:
            controleer_ongewijzigd(s, advies_id, rijversie)
            return werk(s, wie)

        try:
            return self.wijzigen(na_controle)
        except StaleDataError:
            with sessie(self.engine(), schrijven=False) as s:
                raise AdviesFout(gewijzigd_door(s, advies_id)) from None


def _is_nummerconflict(fout: Exception) -> bool:
    tekst = str(fout)
    return any(
        naam in tekst
        for naam in ("uq_advies_nummer", "uq_advies_kenmerk", "uq_document_reeks", "advies.kenmerk", "advies.jaar")
    )


def omgeving() -> Omgeving:
    """The process's Omgeving, kept on the root click context and closed with it."""
    ctx = click.get_current_context().find_root()
    if not isinstance(ctx.obj, Omgeving):
        ctx.obj = Omgeving()
        ctx.call_on_close(ctx.obj.sluit)
    return ctx.obj
