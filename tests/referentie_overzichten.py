"""The read commands' JSON as it was before issue #16 (the speed work): the old `overzichten` and
`signalen` functions and `json.dumps(..., indent=2)`, kept verbatim as the reference the new code must match
byte for byte. Only for tests/test_json_ongewijzigd.py; do not change it to make a test pass.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Row, select
from sqlmodel import Session, col

from opslag.modellen import Advies, Document, Geschiedenis, Tekstversie
from workflow import instellingen
from workflow.adviezen import zoek
from workflow.domein.toestanden import NOG_NIET_VERZONDEN, VERZONDEN

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
    """The advices, newest first."""
    vraag = select(*ADVIESKOLOMMEN)
    if jaar is not None:
        vraag = vraag.where(col(Advies.jaar) == jaar)
    if status is not None:
        vraag = vraag.where(col(Advies.status) == status)
    vraag = vraag.order_by(col(Advies.jaar).desc(), col(Advies.volgnummer).desc(), col(Advies.achtervoegsel).desc())
    return [_als_dict(rij) for rij in sessie.connection().execute(vraag)]


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
    return gegevens


def achterstallig(sessie: Session, peildatum: date) -> list[dict[str, Any]]:
    """Late college responses and late own advices on `peildatum`, the longest overdue first."""
    reacties: Any = sessie.connection().execute(
        select(col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.reactie_uiterlijk)).where(
            col(Advies.status) == VERZONDEN, col(Advies.reactie_uiterlijk) < peildatum
        )
    )
    eigen: Any = sessie.connection().execute(
        select(col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.adviestermijn)).where(
            col(Advies.status).in_(NOG_NIET_VERZONDEN), col(Advies.adviestermijn) < peildatum
        )
    )
    regels = [
        {
            "kenmerk": kenmerk,
            "onderwerp": onderwerp,
            "soort_achterstand": soort,
            "uiterlijk": uiterlijk.isoformat(),
            "dagen_te_laat": (peildatum - uiterlijk).days,
        }
        for soort, rijen in (("reactie_college", reacties), ("eigen_advies", eigen))
        for kenmerk, onderwerp, uiterlijk in rijen
    ]
    # Sorted here rather than in SQL: PostgreSQL would order the kenmerken by its collation.
    regels.sort(key=itemgetter("uiterlijk", "kenmerk"))
    return regels


BINNENKORT, TE_LAAT, HERINNEREN, ESCALEREN = "binnenkort", "te_laat", "herinneren", "escaleren"
EIGEN_ADVIES_TE_LAAT = "eigen_advies_te_laat"
SOORTEN = (ESCALEREN, HERINNEREN, TE_LAAT, EIGEN_ADVIES_TE_LAAT, BINNENKORT)
HERINNERING = "herinnering"


# `signalen` as it was before it became one query (issue #16), its web-only helpers left out.
def signalen(sessie: Session, peildatum: date) -> list[dict[str, Any]]:
    """The signals on `peildatum`: `kenmerk`, `onderwerp`, `signaal`, `uiterlijk` and `dagen`."""
    regels = _verzonden(sessie, peildatum) + _eigen_te_laat(sessie, peildatum)
    regels.sort(key=_volgorde)
    return regels


def _volgorde(regel: dict[str, Any]) -> tuple[int, str, str]:
    # Sorted here rather than in SQL: PostgreSQL would order the kenmerken by its collation.
    return SOORTEN.index(regel["signaal"]), regel["uiterlijk"], regel["kenmerk"]


def _verzonden(sessie: Session, peildatum: date) -> list[dict[str, Any]]:
    """The signals of sent advices without a response."""
    ingesteld = instellingen.lees(sessie)
    signaal_dagen = ingesteld.termijn_signaal_dagen
    na_dagen = ingesteld.herinnering_na_dagen
    escalatie_na = ingesteld.herinnering_escalatie_na
    herinneringen = _herinneringen(sessie, peildatum)
    regels = []
    verzonden: Any = sessie.connection().execute(
        select(col(Advies.id), col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.reactie_uiterlijk)).where(
            col(Advies.status) == VERZONDEN, col(Advies.reactie_uiterlijk).is_not(None)
        )
    )
    for advies_id, kenmerk, onderwerp, uiterlijk in verzonden:
        na_termijn = [d for d in herinneringen[advies_id] if d > uiterlijk]
        soort = _soort(peildatum, uiterlijk, na_termijn, signaal_dagen, na_dagen, escalatie_na)
        if soort is not None:
            dagen = (uiterlijk - peildatum).days if soort == BINNENKORT else (peildatum - uiterlijk).days
            regels.append(_regel(kenmerk, onderwerp, soort, uiterlijk, dagen))
    return regels


def _te_laat_eigen(peildatum: date) -> list[ColumnElement[bool]]:
    return [col(Advies.status).in_(NOG_NIET_VERZONDEN), col(Advies.adviestermijn) < peildatum]


def _eigen_te_laat(sessie: Session, peildatum: date) -> list[dict[str, Any]]:
    """Own advices past their adviestermijn."""
    vraag = select(col(Advies.kenmerk), col(Advies.onderwerp), col(Advies.adviestermijn)).where(
        *_te_laat_eigen(peildatum)
    )
    rijen: Any = sessie.connection().execute(vraag).all()  # the WHERE makes adviestermijn a date
    return [
        _regel(kenmerk, onderwerp, EIGEN_ADVIES_TE_LAAT, termijn, (peildatum - termijn).days)
        for kenmerk, onderwerp, termijn in rijen
    ]


def _soort(
    peildatum: date, uiterlijk: date, herinnerd: list[date], signaal_dagen: int, na_dagen: int, escalatie_na: int
) -> str | None:
    if uiterlijk >= peildatum:
        return BINNENKORT if (uiterlijk - peildatum).days <= signaal_dagen else None
    sinds = max(herinnerd, default=uiterlijk)
    if (peildatum - sinds).days < na_dagen:
        return TE_LAAT
    return ESCALEREN if len(herinnerd) >= escalatie_na else HERINNEREN


def _herinneringen(sessie: Session, peildatum: date) -> dict[int, list[date]]:
    """The dates of the reminders sent up to `peildatum`, per advice."""
    per_advies: dict[int, list[date]] = defaultdict(list)
    for advies_id, datum in sessie.connection().execute(
        select(col(Document.advies_id), col(Document.datum)).where(
            col(Document.soort) == HERINNERING, col(Document.datum) <= peildatum
        )
    ):
        per_advies[advies_id].append(datum)
    return per_advies


def _regel(kenmerk: str, onderwerp: str, soort: str, uiterlijk: date, dagen: int) -> dict[str, Any]:
    return {
        "kenmerk": kenmerk,
        "onderwerp": onderwerp,
        "signaal": soort,
        "uiterlijk": uiterlijk.isoformat(),
        "dagen": dagen,
    }


def als_json(gegevens: Any) -> str:
    return json.dumps(gegevens, ensure_ascii=False, indent=2) + "\n"
