"""What the advice page and the downloads read, through the same reading services as `advies toon`,
`advies brief` and `advies document`: one read of the advice, one query for its documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from workflow import overzichten
from workflow.domein.datums import lange_datum
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import stappen_voor
from workflow.domein.woorden import Oordeel, waarden
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
    verbinding = s.connection()
    inzage = overzichten.lees(verbinding, kenmerk)
    gegevens = inzage.gegevens
    laatste = overzichten.laatste_tekst(verbinding, inzage.id) if gegevens["versies"] else None
    return {
        "advies": gegevens,
        "pad": "/adviezen/" + gegevens["kenmerk"].replace(" ", "-"),
        "rijversie": inzage.rijversie,
        "versie": laatste,
        "tekst": groepen(laatste["blokken"]) if laatste is not None else [],
        "documenten": documenten(inzage),
        "stappen": stappen_voor(gegevens["status"], wie),
        "oordelen": waarden(Oordeel),
        "vandaag": vandaag.isoformat(),
        "lange_datum": lange_datum,
        "fout": None,
    }


def documenten(inzage: overzichten.Inzage) -> list[dict[str, Any]]:
    """The documents as the page lists them, with the id their download link carries."""
    return [
        {
            "id": document_id,
            "soort": SOORTEN_DOCUMENT.get(d["soort"], d["soort"]),
            "code": d["soort"],  # what `woorden.document` names it by
            "naam": d["bestandsnaam"],
            "datum": d["datum"],
            "versie": d["versie"],
            "kenmerk": d["kenmerk"],
        }
        for document_id, d in zip(inzage.document_ids, inzage.gegevens["documenten"], strict=True)
    ]
