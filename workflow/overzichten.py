"""Reading advices: the list, one advice in full, and what is late on a given day.

Lists may hold tens of thousands of rows, and every command is a new process, so the read commands
run on a plain Core connection (`Register.inzien()`) and select from the lightweight tables of
`opslag.leestabellen`: no sqlmodel, no ORM classes to define, no ORM result loading. They do no
work per row that the database can do per column: dates come as `JJJJ-MM-DD` text and days late
as integers from the database, sorted there, and each row becomes a dict with one `zip`.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar, overload

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    String,
    case,
    cast,
    func,
    literal,
    select,
    type_coerce,
)

from adviesfouten import NietGevonden
from opslag.leestabellen import advies, document, geschiedenis, tekstversie, termijnwijziging
from workflow.domein import kenmerk as kenmerken
from workflow.domein.datums import dagen_tot_en_met
from workflow.domein.woorden import NOG_NIET_VERZONDEN, Status
from workflow.rijen import (
    AchterstalligRij,
    AdviesInFull,
    AdviesRij,
    ConcepttekstRij,
    DocumentRij,
    GeschiedenisRij,
    TekstversieRij,
    TermijnwijzigingRij,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from opslag.modellen import Advies

# A kind of row of workflow.rijen.
R = TypeVar("R", bound="Mapping[str, object]")

# The advice keys of docs/cli.md first, then what people need beyond them: the order of AdviesRij.
ADVIESSLEUTELS: tuple[str, ...] = tuple(AdviesRij.__annotations__)
_DATUMSLEUTELS: tuple[str, ...] = tuple(k for k in ADVIESSLEUTELS if isinstance(advies.c[k].type, Date))
ACHTERSTALLIGSLEUTELS: tuple[str, ...] = tuple(AchterstalligRij.__annotations__)
# Newest first: the order of `lijst` and of the register page.
_NIEUWSTE_EERST = (advies.c.jaar.desc(), advies.c.volgnummer.desc(), advies.c.achtervoegsel.desc())


@overload
def iso(waarde: date | datetime) -> str: ...
@overload
def iso(waarde: None) -> None: ...
@overload
def iso(waarde: date | datetime | None) -> str | None: ...
def iso(waarde: date | datetime | None) -> str | None:
    return waarde.isoformat() if waarde is not None else None


def advies_als_dict(gegevens: Advies) -> AdviesRij:
    """An advice the ORM loaded (after a change) with the keys and values of `lijst`."""
    waarden = [getattr(gegevens, sleutel) for sleutel in ADVIESSLEUTELS]
    return als_rij(
        AdviesRij, [iso(w) if s in _DATUMSLEUTELS else w for s, w in zip(ADVIESSLEUTELS, waarden, strict=True)]
    )


def lijst(verbinding: Connection, jaar: int | None = None, status: str | None = None) -> list[AdviesRij]:
    """The advices, newest first; the keys of ADVIESSLEUTELS, dates as `JJJJ-MM-DD` or None."""
    vraag = _adviezen(verbinding)
    if jaar is not None:
        vraag = vraag.where(advies.c.jaar == jaar)
    if status is not None:
        vraag = vraag.where(advies.c.status == status)
    return als_dicts(AdviesRij, verbinding, vraag.order_by(*_NIEUWSTE_EERST))


def vind(verbinding: Connection, invoer: str, *kolommen: ColumnElement[Any]) -> tuple[Any, ...]:
    """The one lookup of a kenmerk, for the read commands, the web page and the services
    (`adviezen.zoek`): the advice named by `invoer` (`CRA 2020-02`, `2020-2`, `2020-08a`) as a row of
    its id, its kenmerk and then `kolommen`; a Dutch refusal for an unknown kenmerk."""
    gezocht = kenmerken.ontleed(invoer)
    rij = verbinding.execute(
        select(advies.c.id, advies.c.kenmerk, *kolommen).where(
            advies.c.jaar == gezocht.jaar,
            advies.c.volgnummer == gezocht.volgnummer,
            advies.c.achtervoegsel == gezocht.achtervoegsel,
        )
    ).first()
    if rij is None or not kenmerken.past_bij(gezocht, rij[1]):
        raise kenmerken.onbekend(invoer)
    return tuple(rij)


def versie_van(verbinding: Connection, invoer: str) -> tuple[int, int]:
    """The id and row version of the advice named by `invoer`: what a change checks it still has."""
    advies_id, _, rijversie = vind(verbinding, invoer, advies.c.rijversie)
    return int(advies_id), int(rijversie)


def hoofd(verbinding: Connection, invoer: str) -> tuple[str, str]:
    """The kenmerk and status of the advice a supplement to `invoer` belongs to (what
    `registratie.registreer_aanvulling` checks): the advice itself, or for a supplement (`08A`) its
    main advice, the same number without a letter."""
    gezocht = kenmerken.ontleed(invoer)
    rij = verbinding.execute(
        select(advies.c.kenmerk, advies.c.status).where(
            advies.c.jaar == gezocht.jaar, advies.c.volgnummer == gezocht.volgnummer, advies.c.achtervoegsel == ""
        )
    ).first()
    if rij is None:
        raise kenmerken.onbekend(invoer)
    return str(rij[0]), str(rij[1])


@dataclass(frozen=True)
class Inzage:
    """One advice as `toon` gives it, with what a page needs besides: the row's id and version
    (a form carries it back), and the ids of the documents in the order of `gegevens["documenten"]`."""

    id: int
    rijversie: int
    gegevens: AdviesInFull
    document_ids: tuple[int, ...]


def toon(verbinding: Connection, invoer: str) -> AdviesInFull:
    """One advice (`CRA 2020-02`, `2020-2`, ...) with its history, text versions, documents and
    moved due dates; a Dutch refusal for an unknown kenmerk."""
    return lees(verbinding, invoer).gegevens


def lees(verbinding: Connection, invoer: str) -> Inzage:
    """`toon` with the row's id, version and document ids: one read of the advice, one of each of
    its lists."""
    rij = vind(verbinding, invoer, advies.c.rijversie, *_adviesvelden(verbinding))
    advies_id, rijversie = rij[0], rij[2]
    g = geschiedenis.c
    geschiedenisrijen: list[GeschiedenisRij] = [
        {"van": van, "naar": naar, "door": door, "op": _utc(op), "notitie": notitie, "gebeurtenis": gebeurtenis}
        for van, naar, door, op, notitie, gebeurtenis in verbinding.execute(
            select(g.van, g.naar, g.door, g.op, g.notitie, g.gebeurtenis).where(g.advies_id == advies_id).order_by(g.id)
        )
    ]
    t = tekstversie.c
    versies: list[TekstversieRij] = [
        {"versie": versie, "bron": bron, "sha256": sha256, "door": door, "op": _utc(op)}
        for versie, bron, sha256, door, op in verbinding.execute(
            select(t.versie, t.bron_naam, t.sha256, t.door, t.aangemaakt_op)
            .where(t.advies_id == advies_id)
            .order_by(t.versie)
        )
    ]
    d = document.c
    documenten = verbinding.execute(
        select(d.id, d.soort, d.tekstversie, d.kenmerk, d.datum, d.bestandsnaam, d.sha256)
        .where(d.advies_id == advies_id)
        .order_by(d.id)
    ).all()
    documentrijen: list[DocumentRij] = [
        {"soort": soort, "versie": versie, "kenmerk": kenmerk, "datum": iso(datum), "bestandsnaam": naam, "sha256": sha}
        for _, soort, versie, kenmerk, datum, naam, sha in documenten
    ]
    gegevens: AdviesInFull = {
        **als_rij(AdviesRij, rij[3:]),
        "geschiedenis": geschiedenisrijen,
        "versies": versies,
        "documenten": documentrijen,
        "termijnwijzigingen": termijnwijzigingen(verbinding, advies_id),
    }
    return Inzage(advies_id, rijversie, gegevens, tuple(rij[0] for rij in documenten))


def laatste_tekst(verbinding: Connection, advies_id: int) -> ConcepttekstRij | None:
    """The latest draft of an advice with its blocks (JSON text), or None before the first."""
    t = tekstversie.c
    rij = verbinding.execute(
        select(t.versie, t.sha256, t.door, t.bron_naam, t.blokken, t.aangemaakt_op)
        .where(t.advies_id == advies_id)
        .order_by(t.versie.desc())
        .limit(1)
    ).first()
    if rij is None:
        return None
    *velden, op = rij
    return als_rij(ConcepttekstRij, (*velden, _utc(op)))


def tekst_van(verbinding: Connection, advies_id: int, versie: int) -> dict[str, Any] | None:
    """Version `versie` of an advice's draft with its blocks (JSON text), as `laatste_tekst` gives
    the latest; None when there is no such version."""
    t = tekstversie.c
    rij = verbinding.execute(
        select(t.versie, t.sha256, t.door, t.bron_naam, t.blokken).where(t.advies_id == advies_id, t.versie == versie)
    ).first()
    return None if rij is None else dict(zip(("versie", "sha256", "door", "bron_naam", "blokken"), rij, strict=True))


def document_van(verbinding: Connection, invoer: str, document_id: int) -> tuple[str, bytes]:
    """A stored document (file name, content) of this advice, never one of another advice,
    whatever id is asked."""
    advies_id, kenmerk = vind(verbinding, invoer)[:2]
    d = document.c
    rij = verbinding.execute(
        select(d.bestandsnaam, d.inhoud).where(d.id == document_id, d.advies_id == advies_id)
    ).first()
    if rij is None:
        raise NietGevonden(f"onbekend kenmerk of document: {kenmerk} heeft geen document {document_id}")
    return str(rij[0]), bytes(rij[1])


def jaren(verbinding: Connection) -> list[int]:
    """The years the register has advices in, newest first: the choices of the web page's year filter."""
    return [
        int(j) for j in verbinding.execute(select(advies.c.jaar).distinct().order_by(advies.c.jaar.desc())).scalars()
    ]


def termijnwijzigingen(verbinding: Connection, advies_id: int) -> list[TermijnwijzigingRij]:
    """How the due date of one advice was moved (issue 10), oldest first."""
    w = termijnwijziging.c
    return [
        {
            "soort": soort,
            "van": iso(van),
            "tot": iso(tot),
            "dagen": dagen_tot_en_met(van, tot) if van is not None and tot is not None else None,
            "reden": reden,
            "uiterlijk_was": iso(was),
            "uiterlijk_werd": iso(werd),
            "door": door,
        }
        for soort, van, tot, reden, was, werd, door in verbinding.execute(
            select(w.soort, w.van, w.tot, w.reden, w.uiterlijk_was, w.uiterlijk_werd, w.door)
            .where(w.advies_id == advies_id)
            .order_by(w.id)
        )
    ]


@overload
def _utc(moment: datetime) -> str: ...
@overload
def _utc(moment: None) -> None: ...
def _utc(moment: datetime | None) -> str | None:
    """A stored moment as ISO text in UTC: SQLite keeps UTC without an offset, PostgreSQL with one."""
    if moment is None:
        return None
    return (moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)).isoformat()


def achterstallig(verbinding: Connection, peildatum: date) -> list[AchterstalligRij]:
    """Late college responses and late own advices on `peildatum`, the longest overdue first.

    One pass over the advices: a sent advice is late after its reactie_uiterlijk, one the council
    still owes after its adviestermijn. With half the register late, reading the table once is
    cheaper than two index searches that each look up every row they find.
    """
    verzonden = advies.c.status == Status.VERZONDEN.value
    uiterlijk = case(
        (verzonden, advies.c.reactie_uiterlijk),
        (advies.c.status.in_(NOG_NIET_VERZONDEN), advies.c.adviestermijn),
    )
    vraag = (
        select(
            advies.c.kenmerk,
            advies.c.onderwerp,
            case((verzonden, literal("reactie_college")), else_=literal("eigen_advies")),
            als_iso(uiterlijk, verbinding),
            dagen_na(uiterlijk, peildatum, verbinding),
        )
        .where(uiterlijk < peildatum)
        .order_by(uiterlijk, in_tekenvolgorde(advies.c.kenmerk, verbinding))
    )
    return als_dicts(AchterstalligRij, verbinding, vraag)


def zoek_in_register(
    verbinding: Connection,
    jaar: int | None = None,
    status: str | None = None,
    zoekterm: str | None = None,
    limiet: int = 200,
) -> tuple[list[AdviesRij], int]:
    """The register page: the advices matching the filters, newest first, at most `limiet` of them,
    and how many match in all. `zoekterm` looks in the kenmerk, the subject and the college's kenmerk."""
    from sqlalchemy import or_

    voorwaarden: list[ColumnElement[bool]] = []
    if jaar is not None:
        voorwaarden.append(advies.c.jaar == jaar)
    if status is not None:
        voorwaarden.append(advies.c.status == status)
    if zoekterm:
        patroon = "%" + zoekterm.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        voorwaarden.append(
            or_(
                *(
                    func.lower(kolom).like(patroon, escape="\\")
                    for kolom in (advies.c.kenmerk, advies.c.onderwerp, advies.c.uw_kenmerk)
                )
            )
        )
    totaal = verbinding.execute(select(func.count()).select_from(advies).where(*voorwaarden)).scalar_one()
    vraag = _adviezen(verbinding).where(*voorwaarden).order_by(*_NIEUWSTE_EERST).limit(limiet)
    return als_dicts(AdviesRij, verbinding, vraag), int(totaal)


def _adviezen(verbinding: Connection) -> Select[Any]:
    return select(*_adviesvelden(verbinding))


def _adviesvelden(verbinding: Connection) -> list[ColumnElement[Any]]:
    """The columns of ADVIESSLEUTELS, the dates as ISO text."""
    return [
        als_iso(advies.c[sleutel], verbinding) if sleutel in _DATUMSLEUTELS else advies.c[sleutel]
        for sleutel in ADVIESSLEUTELS
    ]


# Where a row of the driver becomes a dict of workflow.rijen: the only casts of the reading services.
# The keys are those of the type, in its order, and the queries select their columns in that order;
# tests/test_rijen.py compares each type with what the commands print.


def als_dicts(soort: type[R], verbinding: Connection, vraag: Select[Any]) -> list[R]:
    """Run `vraag` and make each row a dict of the keys of `soort` (a TypedDict of workflow.rijen)."""
    sleutels = tuple(soort.__annotations__)
    return typing.cast(
        "list[R]", [dict(zip(sleutels, rij, strict=False)) for rij in rijen(verbinding, vraag, len(sleutels))]
    )


def als_rij(soort: type[R], rij: Sequence[Any]) -> R:
    """One row (the driver's tuple, or its columns after the ones a caller takes) as a dict of `soort`."""
    return typing.cast(R, dict(zip(soort.__annotations__, rij, strict=True)))


def rijen(verbinding: Connection, vraag: Select[Any], breedte: int) -> list[tuple[Any, ...]]:
    """Run `vraag`, which selects `breedte` columns, and return its rows as the driver's own tuples.

    The read queries select only text and integers, which SQLAlchemy would not convert, so building
    its Row objects would only cost time (for 50,000 rows as much as making the dicts). The width
    is checked once here, not per row.
    """
    resultaat = verbinding.execute(vraag)
    try:
        assert len(resultaat.cursor.description) == breedte, "one key per selected column"
        return list(resultaat.cursor.fetchall())
    finally:
        resultaat.close()


def als_iso(datum: ColumnElement[Any], verbinding: Connection) -> ColumnElement[str]:
    """A date column as `JJJJ-MM-DD` text, made by the database for the whole column."""
    if verbinding.dialect.name == "sqlite":
        return type_coerce(datum, String)  # SQLite already stores a date as exactly this text
    return func.to_char(datum, "YYYY-MM-DD")  # not a cast: that would follow the server's DateStyle


def dagen_na(datum: ColumnElement[Any], peildatum: date, verbinding: Connection) -> ColumnElement[int]:
    """The whole days from `datum` to `peildatum`, counted by the database."""
    if verbinding.dialect.name == "sqlite":
        return cast(func.julianday(peildatum.isoformat()) - func.julianday(datum), Integer)
    return type_coerce(literal(peildatum, Date) - datum, Integer)  # date minus date is an integer there


def in_tekenvolgorde(tekst: ColumnElement[str], verbinding: Connection) -> ColumnElement[str]:
    """Sorted by code point, as Python sorts, not by PostgreSQL's collation of the server's language."""
    return tekst if verbinding.dialect.name == "sqlite" else tekst.collate("C")
