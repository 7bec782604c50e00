"""The year overview: the advices whose kenmerk has that year, and the year's figures.

The rows are plain column selects on `Advies.jaar` (the unique number index starts with it);
the figures are SQL aggregates, so a year of ten thousand advices is counted by the database,
not in Python. Days between two dates go through `DagenTussen`, which compiles to julianday()
on SQLite and to plain date subtraction on PostgreSQL.

An advice counts as uitgebracht once it went out (`verzonden` or `beantwoord`). A withdrawn advice
is listed apart with its reason; an advice that is neither is listed apart as in behandeling.
Responses are judged against the due date as it now stands (an agreed extension counts):
received on or before it is on time, after it late. A sent advice without response whose due date
is before the peildatum is missing, late by the days from the due date to the peildatum; before
that its term is still running.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, case, extract, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement
from sqlmodel import Session, col

from adviesfouten import OngeldigeInvoer
from opslag.modellen import Advies, Document, Geschiedenis, Termijnwijziging
from sjablonen.jaaroverzicht.gegevens import (
    DOORWERKINGEN,
    IN_BEHANDELING,
    ONTBREEKT,
    OP_TIJD,
    SOORTEN,
    TE_LAAT,
    TERMIJN_LOOPT,
    UITGEBRACHT,
    Jaaroverzicht,
    Maand,
    Regel,
)
from sjablonen.jaaroverzicht.gegevens import INGETROKKEN as INGETROKKEN_STAND
from sjablonen.jaaroverzicht.gegevens import Termijnwijziging as Wijziging
from workflow import instellingen
from workflow.domein.datums import lange_datum, maandnamen
from workflow.domein.toestanden import BEANTWOORD, INGETROKKEN, VERZONDEN
from workflow.overzichten import ADVIESSLEUTELS, iso

FORMATEN = ("docx", "xlsx", "csv", "json")
HERINNERING = "herinnering"
# The columns of `lijst` (workflow.overzichten), here of the ORM table this module's query joins.
ADVIESKOLOMMEN = tuple(Advies.metadata.tables["advies"].c[sleutel] for sleutel in ADVIESSLEUTELS)


class DagenTussen(FunctionElement[int]):
    """Whole days from the second date to the first, portable between SQLite and PostgreSQL."""

    type = Integer()
    name = "dagen_tussen"
    inherit_cache = True


@compiles(DagenTussen)
def _dagen_tussen(element: DagenTussen, compiler: Any, **kw: Any) -> str:
    laat, vroeg = (compiler.process(c, **kw) for c in element.clauses)
    return f"({laat} - {vroeg})"  # PostgreSQL: date - date is an integer number of days


@compiles(DagenTussen, "sqlite")
def _dagen_tussen_sqlite(element: DagenTussen, compiler: Any, **kw: Any) -> str:
    laat, vroeg = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({laat}) - julianday({vroeg}) AS INTEGER)"


def regel_als_dict(r: Regel) -> dict[str, Any]:
    """One advice in the JSON: the advice keys (ISO dates), then what the overview says of it."""
    gegevens = {k: iso(v) if isinstance(v, date) else v for k, v in r.advies.items()}
    gegevens["maand"] = r.maand
    gegevens.update(
        reactie=r.reactie,
        dagen_te_laat=r.dagen_te_laat,
        dagen_tot_reactie=r.dagen_tot_reactie,
        doorwerking=r.doorwerking,
        herinneringen=r.herinneringen,
        termijnwijzigingen=[wijziging_als_dict(w) for w in r.termijnwijzigingen],
    )
    if r.stand == INGETROKKEN_STAND:
        gegevens["reden_intrekking"] = r.reden_intrekking
    return gegevens


def wijziging_als_dict(w: Wijziging) -> dict[str, Any]:
    return {
        "soort": w.soort,
        "van": iso(w.van),
        "tot": iso(w.tot),
        "reden": w.reden,
        "uiterlijk_was": iso(w.uiterlijk_was),
        "uiterlijk_werd": iso(w.uiterlijk_werd),
    }


def als_dict(o: Jaaroverzicht) -> dict[str, Any]:
    """The JSON of `advies jaaroverzicht --formaat json`: jaar, aantal_verzonden, adviezen (with
    maand), plus the figures, the withdrawn and the pending advices."""
    return {
        "jaar": o.jaar,
        "aantal_verzonden": o.cijfers["aantal_verzonden"],
        "organisatie": o.organisatie,
        "peildatum": o.peildatum.isoformat(),
        "cijfers": {
            **o.cijfers,
            "per_maand": [
                {"maand": m.naam, **{s: m.per_soort.get(s, 0) for s in SOORTEN}, "totaal": m.totaal}
                for m in o.per_maand
            ],
        },
        "adviezen": [regel_als_dict(r) for r in o.uitgebracht],
        "ingetrokken": [regel_als_dict(r) for r in o.ingetrokken],
        "in_behandeling": [regel_als_dict(r) for r in o.in_behandeling],
    }


def _is_verzonden() -> ColumnElement[bool]:
    return col(Advies.status).in_((VERZONDEN, BEANTWOORD))


def _aantal(voorwaarde: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((voorwaarde, 1), else_=0)), 0)


def maak(sessie: Session, jaar: int, peildatum: date) -> Jaaroverzicht:
    """The overview of `jaar`, with missing responses counted up to `peildatum`."""
    ingesteld = instellingen.lees(sessie)
    return Jaaroverzicht(
        jaar=jaar,
        peildatum=peildatum,
        peildatum_voluit=lange_datum(peildatum),
        organisatie=ingesteld.organisatie_naam,
        reactie_weken=ingesteld.termijn_reactie_weken,
        regels=regels(sessie, jaar, peildatum),
        cijfers=cijfers(sessie, jaar, peildatum),
        per_maand=maanden(per_maand(sessie, jaar)),
    )


def regels(sessie: Session, jaar: int, peildatum: date) -> list[Regel]:
    """The year's advices by number, each with its reminder count, its moved due dates and, if
    withdrawn, the reason."""
    herinneringen = (
        select(col(Document.advies_id).label("advies_id"), func.count().label("aantal"))
        .join(Advies, col(Advies.id) == col(Document.advies_id))
        .where(col(Advies.jaar) == jaar, col(Document.soort) == HERINNERING)
        .group_by(col(Document.advies_id))
        .subquery()
    )
    reden = (
        select(col(Geschiedenis.notitie))
        .where(col(Geschiedenis.advies_id) == col(Advies.id), col(Geschiedenis.gebeurtenis) == "intrekken")
        .order_by(col(Geschiedenis.id).desc())
        .limit(1)
        .correlate(Advies)
        .scalar_subquery()
    )
    vraag = (
        select(
            col(Advies.id),
            *ADVIESKOLOMMEN,
            func.coalesce(herinneringen.c.aantal, 0),
            case((col(Advies.status) == INGETROKKEN, reden), else_=None),
        )
        .outerjoin(herinneringen, herinneringen.c.advies_id == col(Advies.id))
        .where(col(Advies.jaar) == jaar)
        .order_by(col(Advies.volgnummer), col(Advies.achtervoegsel))
    )
    wijzigingen = termijnwijzigingen(sessie, jaar)
    namen = maandnamen()
    uitkomst = []
    rijen: Any = sessie.connection().execute(vraag)  # Core: no ORM result loading for thousands of rows
    for rij in rijen:
        advies = dict(zip(ADVIESSLEUTELS, rij[1 : 1 + len(ADVIESSLEUTELS)], strict=True))
        uitkomst.append(_regel(advies, int(rij[-2]), rij[-1], peildatum, namen, wijzigingen.get(rij[0], ())))
    return uitkomst


def termijnwijzigingen(sessie: Session, jaar: int) -> dict[int, tuple[Wijziging, ...]]:
    """The suspensions and extensions of the year's advices in one query, per advice id, oldest first."""
    w = Termijnwijziging
    velden = (w.soort, w.van, w.tot, w.reden, w.uiterlijk_was, w.uiterlijk_werd)  # in the order of Wijziging
    vraag = (
        select(col(w.advies_id), *(col(veld) for veld in velden))
        .join(Advies, col(Advies.id) == col(w.advies_id))
        .where(col(Advies.jaar) == jaar)
        .order_by(col(w.advies_id), col(w.id))
    )
    per_advies: dict[int, list[Wijziging]] = {}
    rijen: Any = sessie.connection().execute(vraag)
    for advies_id, *waarden in rijen:
        per_advies.setdefault(advies_id, []).append(Wijziging(*waarden))
    return {advies_id: tuple(lijst) for advies_id, lijst in per_advies.items()}


def _regel(
    advies: dict[str, Any],
    herinneringen: int,
    reden: str | None,
    peildatum: date,
    namen: dict[int, str],
    wijzigingen: tuple[Wijziging, ...] = (),
) -> Regel:
    status = advies["status"]
    verzonden: date | None = advies["verzonden_op"]
    uiterlijk: date | None = advies["reactie_uiterlijk"]
    ontvangen: date | None = advies["reactie_ontvangen_op"]
    if status in (VERZONDEN, BEANTWOORD):
        stand = UITGEBRACHT
    elif status == INGETROKKEN:
        stand = INGETROKKEN_STAND
    else:
        stand = IN_BEHANDELING
    reactie: str | None = None
    dagen_te_laat: int | None = None
    dagen_tot_reactie: int | None = None
    if stand == UITGEBRACHT and uiterlijk is not None:
        if ontvangen is not None:
            dagen_te_laat = max((ontvangen - uiterlijk).days, 0)
            reactie = TE_LAAT if dagen_te_laat else OP_TIJD
            if verzonden is not None:
                dagen_tot_reactie = (ontvangen - verzonden).days
        elif uiterlijk < peildatum:
            reactie, dagen_te_laat = ONTBREEKT, (peildatum - uiterlijk).days
        else:
            reactie = TERMIJN_LOOPT
    return Regel(
        advies=advies,
        herinneringen=herinneringen,
        reden_intrekking=reden,
        stand=stand,
        maand=namen[verzonden.month] if stand == UITGEBRACHT and verzonden is not None else None,
        reactie=reactie,
        dagen_te_laat=dagen_te_laat,
        dagen_tot_reactie=dagen_tot_reactie,
        doorwerking=(advies["oordeel"] or "onbekend") if stand == UITGEBRACHT else None,
        termijnwijzigingen=wijzigingen,
    )


def cijfers(sessie: Session, jaar: int, peildatum: date) -> dict[str, Any]:
    """The year's figures, counted by the database in one pass over the year's advices."""
    verzonden = _is_verzonden()
    beantwoord = col(Advies.status) == BEANTWOORD
    wacht = col(Advies.status) == VERZONDEN
    soort = col(Advies.soort)
    oordeel = col(Advies.oordeel)
    ontvangen, uiterlijk = col(Advies.reactie_ontvangen_op), col(Advies.reactie_uiterlijk)
    kolommen: dict[str, ColumnElement[Any]] = {
        "aantal_geregistreerd": func.count(),
        "aantal_verzonden": _aantal(verzonden),
        "verzonden_gevraagd": _aantal(verzonden & (soort == "gevraagd")),
        "verzonden_ongevraagd": _aantal(verzonden & (soort == "ongevraagd")),
        "verzonden_aanvulling": _aantal(verzonden & (soort == "aanvulling")),
        # Counted with the year of its kenmerk, but sent after that year ended.
        "verzonden_na_het_jaar": _aantal(verzonden & (extract("year", col(Advies.verzonden_op)) > jaar)),
        "aantal_ingetrokken": _aantal(col(Advies.status) == INGETROKKEN),
        "aantal_in_behandeling": _aantal(~verzonden & (col(Advies.status) != INGETROKKEN)),
        "reacties_op_tijd": _aantal(beantwoord & (ontvangen <= uiterlijk)),
        "reacties_te_laat": _aantal(beantwoord & (ontvangen > uiterlijk)),
        "reacties_ontbrekend": _aantal(wacht & (uiterlijk < peildatum)),
        "reacties_termijn_loopt": _aantal(wacht & (uiterlijk >= peildatum)),
        "gemiddelde_reactietijd_dagen": func.avg(
            case((beantwoord, DagenTussen(ontvangen, col(Advies.verzonden_op))), else_=None)
        ),
        "overgenomen": _aantal(verzonden & (oordeel == "overgenomen")),
        "deels": _aantal(verzonden & (oordeel == "deels")),
        "niet": _aantal(verzonden & (oordeel == "niet")),
        "onbekend": _aantal(verzonden & oordeel.is_(None)),
    }
    rij = sessie.execute(select(*kolommen.values()).where(col(Advies.jaar) == jaar)).one()
    waarden = dict(zip(kolommen, rij, strict=True))
    uitkomst: dict[str, Any] = {
        k: int(v or 0) for k, v in waarden.items() if k not in DOORWERKINGEN and k != "gemiddelde_reactietijd_dagen"
    }
    gemiddeld = waarden["gemiddelde_reactietijd_dagen"]
    uitkomst["gemiddelde_reactietijd_dagen"] = round(float(gemiddeld), 1) if gemiddeld is not None else None
    uitkomst["doorwerking"] = {k: int(waarden[k] or 0) for k in DOORWERKINGEN}
    uitkomst["herinneringen"] = int(
        sessie.execute(
            select(func.count())
            .select_from(Document)
            .join(Advies, col(Advies.id) == col(Document.advies_id))
            .where(col(Advies.jaar) == jaar, col(Document.soort) == HERINNERING)
        ).scalar_one()
    )
    return uitkomst


def per_maand(sessie: Session, jaar: int) -> dict[int, dict[str, int]]:
    """Advices sent in each month of `jaar`, per soort (a later sending is not in any month)."""
    maand = extract("month", col(Advies.verzonden_op))
    vraag = (
        select(maand, col(Advies.soort), func.count())
        .where(col(Advies.jaar) == jaar, _is_verzonden(), extract("year", col(Advies.verzonden_op)) == jaar)
        .group_by(maand, col(Advies.soort))
    )
    uitkomst: dict[int, dict[str, int]] = {}
    for m, soort, aantal in sessie.execute(vraag):
        uitkomst.setdefault(int(m), {})[soort] = int(aantal)
    return uitkomst


def maanden(aantallen: dict[int, dict[str, int]]) -> list[Maand]:
    """January to December with their Dutch names and the advices sent in each, per soort."""
    from babel.dates import get_month_names

    korte = get_month_names("abbreviated", locale="nl")
    return [
        Maand(naam, str(korte[nummer]).rstrip("."), aantallen.get(nummer, {})) for nummer, naam in maandnamen().items()
    ]


def json_tekst(o: Jaaroverzicht) -> str:
    """The JSON file of `--formaat json` (and of the web page's download)."""
    import json

    return json.dumps(als_dict(o), ensure_ascii=False, indent=2) + "\n"


def inhoud(o: Jaaroverzicht, formaat: str) -> bytes:
    """The overview as the file `advies jaaroverzicht --formaat FORMAAT` writes, as bytes: the Word
    report made in the bounded worker process, the others here."""
    if formaat == "json":
        return json_tekst(o).encode("utf-8")
    if formaat == "csv":
        from sjablonen.jaaroverzicht.csvbestand import csv_bytes

        return csv_bytes(o)
    if formaat == "xlsx":
        from sjablonen.jaaroverzicht.excel import xlsx_bytes

        return xlsx_bytes(o)
    if formaat == "docx":
        from sjablonen.jaaroverzicht.word import docx_in_werker

        return docx_in_werker(o)
    raise OngeldigeInvoer(f"onbekend formaat '{formaat}'; kies uit {', '.join(FORMATEN)}")


def standaardnaam(jaar: int, formaat: str) -> str:
    return f"jaaroverzicht-{jaar}.{formaat}"


def kies_formaat(formaat: str | None, uit: Path | None) -> str:
    """The format asked for, else the one `--uit` names by its extension, else docx."""
    bekend = uit.suffix.lower().lstrip(".") if uit is not None and uit.suffix.lower().lstrip(".") in FORMATEN else None
    if formaat is None:
        return bekend or "docx"
    if formaat not in FORMATEN:
        raise OngeldigeInvoer(f"onbekend formaat '{formaat}'; kies uit {', '.join(FORMATEN)}")
    if bekend is not None and bekend != formaat:
        raise OngeldigeInvoer(f"--uit eindigt op .{bekend} maar het formaat is {formaat}; maak die twee gelijk")
    return formaat
