"""Reading advices: the list, one advice in full, and what is late on a given day.

Lists may hold tens of thousands of rows, and every command is a new process, so they do no work
per row that the database can do per column: they select plain columns on the session's
connection (SQLAlchemy Core, no ORM result loading), get dates as `JJJJ-MM-DD` text and days late
as integers from the database, sort there, and turn each row into a dict with one `zip`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Row, String, case, cast, func, literal, select, type_coerce
from sqlmodel import Session, col

from opslag.modellen import Advies, Document, Geschiedenis, Tekstversie
from workflow.adviezen import zoek
from workflow.toestanden import NOG_NIET_VERZONDEN, VERZONDEN

# The advice keys of docs/cli.md first, then what people need beyond them.
ADVIESKOLOMMEN = tuple(
    col(kolom)
    for kolom in (
        Advies.kenmerk,
        Advies.onderwerp,
        Advies.soort,
        Advies.status,
        Advies.ontvangen_op,
        Advies.adviestermijn,
        Advies.vastgesteld_op,
        Advies.verzonden_op,
        Advies.reactie_uiterlijk,
        Advies.reactie_ontvangen_op,
        Advies.oordeel,
        Advies.uw_kenmerk,
        Advies.geregistreerd_op,
        Advies.vergadering_op,
        Advies.reactie_samenvatting,
    )
)
ADVIESSLEUTELS: tuple[str, ...] = tuple(str(getattr(k, "key")) for k in ADVIESKOLOMMEN)  # noqa: B009
_DATUMSLEUTELS: tuple[str, ...] = tuple(
    sleutel for sleutel in ADVIESSLEUTELS if Advies.metadata.tables["advies"].c[sleutel].type.python_type is date
)
ACHTERSTALLIGSLEUTELS = ("kenmerk", "onderwerp", "soort_achterstand", "uiterlijk", "dagen_te_laat")


def iso(waarde: date | datetime | None) -> str | None:
    return waarde.isoformat() if waarde is not None else None


def _als_dict(rij: Row[Any] | tuple[Any, ...]) -> dict[str, Any]:
    gegevens = dict(zip(ADVIESSLEUTELS, rij, strict=True))
    for sleutel in _DATUMSLEUTELS:
        waarde = gegevens[sleutel]
        if waarde is not None:
            gegevens[sleutel] = waarde.isoformat()
    return gegevens


def advies_als_dict(advies: Advies) -> dict[str, Any]:
    return _als_dict(tuple(getattr(advies, sleutel) for sleutel in ADVIESSLEUTELS))


def lijst(sessie: Session, jaar: int | None = None, status: str | None = None) -> list[dict[str, Any]]:
    """The advices, newest first; the keys of ADVIESSLEUTELS, dates as `JJJJ-MM-DD` or None."""
    vraag = select(*_adviesvelden(_dialect(sessie)))
    if jaar is not None:
        vraag = vraag.where(col(Advies.jaar) == jaar)
    if status is not None:
        vraag = vraag.where(col(Advies.status) == status)
    vraag = vraag.order_by(col(Advies.jaar).desc(), col(Advies.volgnummer).desc(), col(Advies.achtervoegsel).desc())
    return _als_dicts(ADVIESSLEUTELS, sessie.connection().execute(vraag).all())


def toon(sessie: Session, invoer: str) -> dict[str, Any]:
    """One advice with its history, its text versions and its documents."""
    advies = zoek(sessie, invoer)
    gegevens = advies_als_dict(advies)
    gegevens["geschiedenis"] = [
        {
            "van": g.van,
            "naar": g.naar,
            "door": g.door,
            "op": iso(g.op),
            "notitie": g.notitie,
            "gebeurtenis": g.gebeurtenis,
        }
        for g in sessie.execute(
            select(Geschiedenis).where(col(Geschiedenis.advies_id) == advies.id).order_by(col(Geschiedenis.id))
        ).scalars()
    ]
    gegevens["versies"] = [
        {"versie": v.versie, "bron": v.bron_naam, "sha256": v.sha256, "door": v.door, "op": iso(v.aangemaakt_op)}
        for v in sessie.execute(
            select(
                col(Tekstversie.versie),
                col(Tekstversie.bron_naam),
                col(Tekstversie.sha256),
                col(Tekstversie.door),
                col(Tekstversie.aangemaakt_op),
            )
            .where(col(Tekstversie.advies_id) == advies.id)
            .order_by(col(Tekstversie.versie))
        )
    ]
    gegevens["documenten"] = [
        {
            "soort": d.soort,
            "versie": d.tekstversie,
            "kenmerk": d.kenmerk,
            "datum": iso(d.datum),
            "bestandsnaam": d.bestandsnaam,
            "sha256": d.sha256,
        }
        for d in sessie.execute(
            select(
                col(Document.soort),
                col(Document.tekstversie),
                col(Document.kenmerk),
                col(Document.datum),
                col(Document.bestandsnaam),
                col(Document.sha256),
            )
            .where(col(Document.advies_id) == advies.id)
            .order_by(col(Document.id))
        )
    ]
    # Termijnen (issue 10): how the response due date was moved, by suspension or extension.
    from workflow.termijnwijzigingen import wijzigingen

    assert advies.id is not None
    gegevens["termijnwijzigingen"] = wijzigingen(sessie, advies.id)
    return gegevens


def achterstallig(sessie: Session, peildatum: date) -> list[dict[str, Any]]:
    """Late college responses and late own advices on `peildatum`, the longest overdue first.

    One pass over the advices: a sent advice is late after its reactie_uiterlijk, one the council
    still owes after its adviestermijn. With half the register late, reading the table once is
    cheaper than two index searches that each look up every row they find.
    """
    dialect = _dialect(sessie)
    verzonden = col(Advies.status) == VERZONDEN
    uiterlijk = case(
        (verzonden, col(Advies.reactie_uiterlijk)),
        (col(Advies.status).in_(NOG_NIET_VERZONDEN), col(Advies.adviestermijn)),
    )
    vraag = (
        select(
            col(Advies.kenmerk),
            col(Advies.onderwerp),
            case((verzonden, literal("reactie_college")), else_=literal("eigen_advies")),
            _als_iso(uiterlijk, dialect),
            _dagen_na(uiterlijk, peildatum, dialect),
        )
        .where(uiterlijk < peildatum)
        .order_by(uiterlijk, _in_tekenvolgorde(Advies.metadata.tables["advies"].c.kenmerk, dialect))
    )
    return _als_dicts(ACHTERSTALLIGSLEUTELS, sessie.connection().execute(vraag).all())


def _adviesvelden(dialect: str) -> list[Any]:
    """ADVIESKOLOMMEN with the dates as ISO text."""
    return [
        _als_iso(kolom, dialect) if sleutel in _DATUMSLEUTELS else kolom
        for kolom, sleutel in zip(ADVIESKOLOMMEN, ADVIESSLEUTELS, strict=True)
    ]


def _als_dicts(sleutels: tuple[str, ...], rijen: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(sleutels, rij, strict=True)) for rij in rijen]


def _dialect(sessie: Session) -> str:
    return sessie.get_bind().dialect.name


def _als_iso(datum: Any, dialect: str) -> ColumnElement[str]:
    """A date column as `JJJJ-MM-DD` text, made by the database for the whole column."""
    if dialect == "sqlite":
        return type_coerce(datum, String)  # SQLite already stores a date as exactly this text
    return func.to_char(datum, "YYYY-MM-DD")  # not a cast: that would follow the server's DateStyle


def _dagen_na(datum: ColumnElement[Any], peildatum: date, dialect: str) -> ColumnElement[int]:
    """The whole days from `datum` to `peildatum`, counted by the database."""
    if dialect == "sqlite":
        return cast(func.julianday(peildatum.isoformat()) - func.julianday(datum), Integer)
    return type_coerce(literal(peildatum) - datum, Integer)  # date minus date is an integer there


def _in_tekenvolgorde(tekst: ColumnElement[str], dialect: str) -> ColumnElement[str]:
    """Sorted by code point, as Python sorts, not by PostgreSQL's collation of the server's language."""
    return tekst if dialect == "sqlite" else tekst.collate("C")


def zoek_in_register(
    sessie: Session,
    jaar: int | None = None,
    status: str | None = None,
    zoekterm: str | None = None,
    limiet: int = 200,
) -> tuple[list[dict[str, Any]], int]:
    """The register page: the advices matching the filters, newest first, at most `limiet` of them,
    and how many match in all. `zoekterm` looks in the kenmerk, the subject and the college's kenmerk."""
    from sqlalchemy import func, or_

    voorwaarden: list[Any] = []
    if jaar is not None:
        voorwaarden.append(col(Advies.jaar) == jaar)
    if status is not None:
        voorwaarden.append(col(Advies.status) == status)
    if zoekterm:
        patroon = "%" + zoekterm.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        voorwaarden.append(
            or_(
                *(
                    func.lower(kolom).like(patroon, escape="\\")
                    for kolom in (col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.uw_kenmerk))
                )
            )
        )
    verbinding = sessie.connection()
    totaal = verbinding.execute(select(func.count()).select_from(Advies).where(*voorwaarden)).scalar_one()
    vraag = (
        select(*_adviesvelden(_dialect(sessie)))
        .where(*voorwaarden)
        .order_by(col(Advies.jaar).desc(), col(Advies.volgnummer).desc(), col(Advies.achtervoegsel).desc())
        .limit(limiet)
    )
    return _als_dicts(ADVIESSLEUTELS, verbinding.execute(vraag).all()), int(totaal)
