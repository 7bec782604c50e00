"""What the advice page and the downloads read, through the same reading services as `advies toon`,
`advies brief` and `advies document`."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from opslag.modellen import Advies, Document
from workflow import brieven, levensloop, overzichten
from workflow.adviezen import zoek
from workflow.domein.datums import lange_datum
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import stappen_voor
from workflow.domein.woorden import Oordeel, waarden
from workflow.fouten import AdviesFout
from workflow.web.weergave import groepen

SOORTEN_DOCUMENT = {
    "concept": "Conceptbrief",
    "brief": "Verzonden brief",
    "herinnering": "Herinnering",
    "reactie": "Reactie van het college",
}


def advies(s: Session, wie: Rechten, kenmerk: str, vandaag: date) -> dict[str, Any]:
    """The advice with its history and documents, the latest draft as blocks, and the steps this
    person may take now (with what each form must carry: the row version, the shown version's hash)."""
    gevonden = zoek(s, kenmerk)
    gegevens = overzichten.toon(s.connection(), gevonden.kenmerk)
    laatste = levensloop.laatste_versie(s, gevonden)
    return {
        "advies": gegevens,
        "pad": "/adviezen/" + gevonden.kenmerk.replace(" ", "-"),
        "rijversie": gevonden.rijversie,
        "versie": laatste,
        "tekst": groepen(laatste.blokken) if laatste is not None else [],
        "documenten": documenten(s, gevonden),
        "stappen": stappen_voor(gevonden.status, wie),
        "oordelen": waarden(Oordeel),
        "vandaag": vandaag.isoformat(),
        "lange_datum": lange_datum,
        "fout": None,
    }


def documenten(s: Session, advies: Advies) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id,
            "soort": SOORTEN_DOCUMENT.get(d.soort, d.soort),
            "naam": d.bestandsnaam,
            "datum": d.datum,
            "versie": d.tekstversie,
        }
        for d in s.execute(
            select(
                col(Document.id),
                col(Document.soort),
                col(Document.bestandsnaam),
                col(Document.datum),
                col(Document.tekstversie),
            )
            .where(col(Document.advies_id) == advies.id)
            .order_by(col(Document.id))
        )
    ]


def document(s: Session, kenmerk: str, document_id: int) -> tuple[str, bytes]:
    """A stored document of this advice (never one of another advice, whatever id is asked)."""
    eigenaar = zoek(s, kenmerk)
    gevonden = s.get(Document, document_id)
    if gevonden is None or gevonden.advies_id != eigenaar.id:
        raise AdviesFout(f"onbekend kenmerk of document: {eigenaar.kenmerk} heeft geen document {document_id}")
    return gevonden.bestandsnaam, gevonden.inhoud


def conceptbrief(s: Session, kenmerk: str) -> tuple[str, bytes]:
    """The draft letter of the latest version, as stored when that version was."""
    gevonden = zoek(s, kenmerk)
    laatste = levensloop.laatste_versie(s, gevonden)
    if laatste is None:
        raise AdviesFout(f"{gevonden.kenmerk} heeft nog geen concepttekst")
    brief = brieven.zoek_brief(s, gevonden.kenmerk, versie=laatste.versie)
    return brief.bestandsnaam, brief.inhoud


def jaren(s: Session) -> list[int]:
    """The years the register has advices in, newest first: the choices of the year filter."""
    return [
        int(j) for j in s.execute(select(func.distinct(col(Advies.jaar))).order_by(col(Advies.jaar).desc())).scalars()
    ]
