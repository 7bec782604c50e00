"""What the advice page and the downloads read, through the same reading services as `advies toon`,
`advies brief` and `advies document`: one read of the advice, one query for its documents."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from workflow import overzichten
from workflow.domein.datums import lange_datum
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import TER_VASTSTELLING, stappen_voor
from workflow.domein.verwachting import Verwachting, huidige
from workflow.domein.woorden import Oordeel, Soort, waarden
from workflow.rijen import AdviesInFull, ConcepttekstRij, TekstversieRij
from workflow.web import wijzigingen as vergelijking
from workflow.web.weergave import groepen
from workflow.web.woorden import DOCUMENTWOORDEN

SOORTEN_DOCUMENT = {
    "concept": "Conceptbrief",
    "brief": "Verzonden brief",
    "herinnering": "Herinnering",
    "reactie": "Reactie van het college",
}


def advies(s: Session, wie: Rechten, kenmerk: str, vandaag: date, gezien_sha256: str | None = None) -> dict[str, Any]:
    """The advice with its history and documents, the latest draft as blocks, and the steps this
    person may take now (with what each form must carry: the row version, the shown version's hash).

    For the chair deciding on a draft: what changed since the previous version (or since the
    version she saw, `gezien_sha256`, when a newer one came meanwhile), whether she sent it back
    before and why, and from which day she can approve it."""
    verbinding = s.connection()
    inzage = overzichten.lees(verbinding, kenmerk)
    gegevens = inzage.gegevens
    laatste = overzichten.laatste_tekst(verbinding, inzage.id) if gegevens["versies"] else None
    beslissen = wie.is_voorzitter and laatste is not None and gegevens["status"] == TER_VASTSTELLING
    gezien = _gezien(gegevens["versies"], laatste, gezien_sha256)
    wijzigingen = None
    if laatste is not None and wie.is_voorzitter and (beslissen or gezien is not None):
        wijzigingen = _wijzigingen(verbinding, inzage.id, laatste, gezien)
    stappen = stappen_voor(gegevens["status"], wie)
    return {
        "vaststellen": _vaststellen(gegevens, vandaag),
        "herinnering": _herinnering(gegevens, vandaag),
        "verwachting": _verwachting(gegevens),
        "wijzigingen": wijzigingen,
        "verouderd": gezien,
        "teruggestuurd": _teruggestuurd(gegevens, wie) if beslissen else None,
        "advies": gegevens,
        "pad": "/adviezen/" + gegevens["kenmerk"].replace(" ", "-"),
        "rijversie": inzage.rijversie,
        "versie": laatste,
        "tekst": groepen(laatste["blokken"]) if laatste is not None else [],
        "documenten": documenten(inzage),
        "stappen": stappen,
        "bijwerken": _bijwerken(verbinding, gegevens, wie, stappen),
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


def _bijwerken(verbinding: Any, gegevens: AdviesInFull, wie: Rechten, stappen: list[str]) -> dict[str, Any]:
    """What the secretary can mend or add to this advice, by the services' own rules: the fields
    `corrigeer` allows now (`correcties.corrigeerbaar`), whether a document can be added (the
    machine's step `bijlage`), and the main advice a supplement would join, if one can
    (`registratie.weigering_aanvulling`)."""
    from workflow import correcties, registratie

    velden: tuple[str, ...] = ()
    if "corrigeer" in stappen:
        velden = correcties.corrigeerbaar(gegevens["soort"], gegevens["status"], gegevens["verzonden_op"] is not None)
    aanvulling = None
    if wie.is_secretaris:
        hoofd, status = gegevens["kenmerk"], gegevens["status"]
        if gegevens["soort"] == Soort.AANVULLING:  # a supplement's supplement joins the main advice
            hoofd, status = overzichten.hoofd(verbinding, hoofd)
        aanvulling = hoofd if registratie.weigering_aanvulling(hoofd, status) is None else None
    return {
        "velden": velden,
        "bijlage": "bijlage" in stappen,
        "soorten": [(soort, DOCUMENTWOORDEN[soort]) for soort in correcties.BIJLAGESOORTEN],
        "aanvulling": aanvulling,
    }


def _vaststellen(gegevens: AdviesInFull, vandaag: date) -> dict[str, Any]:
    """The approval date the form proposes (the meeting's), the dates it allows, and whether the
    meeting day has come: before it, approving would be refused, so the page offers no button."""
    vergadering_op = gegevens["vergadering_op"]
    vergadering = date.fromisoformat(vergadering_op) if vergadering_op else None
    kan = vergadering is None or vergadering <= vandaag
    return {
        "kan": kan,
        "vanaf": vergadering,
        "standaard": (vergadering or vandaag).isoformat() if kan else "",
        "min": vergadering.isoformat() if vergadering else "",
        "max": vandaag.isoformat(),
    }


def _verwachting(gegevens: AdviesInFull) -> Verwachting | None:
    """When the response is expected now: after a reminder the date it named (its history note)."""
    uiterlijk = gegevens["reactie_uiterlijk"]
    if uiterlijk is None:
        return None
    notities = (g["notitie"] for g in gegevens["geschiedenis"] if g["gebeurtenis"] == "herinnering")
    return huidige(date.fromisoformat(uiterlijk), notities)


def _herinnering(gegevens: AdviesInFull, vandaag: date) -> dict[str, Any]:
    """Whether a reminder can be made today: only once the response is late (the service refuses
    it before), so the page offers the form from the day after the due date, and says which day."""
    uiterlijk = gegevens["reactie_uiterlijk"]
    if uiterlijk is None:
        return {"kan": False, "vanaf": None, "uiterlijk": None}
    tot_en_met = date.fromisoformat(uiterlijk)
    vanaf = tot_en_met + timedelta(days=1)
    return {"kan": vanaf <= vandaag, "vanaf": vanaf, "uiterlijk": tot_en_met, "min": vanaf.isoformat()}


def _gezien(
    versies: list[TekstversieRij], laatste: ConcepttekstRij | None, sha256: str | None
) -> dict[str, Any] | None:
    """The version the person saw, when it is no longer the latest (None otherwise)."""
    if sha256 is None or laatste is None or sha256 == laatste["sha256"]:
        return None
    oud = next((v for v in versies if v["sha256"] == sha256), None)
    return {"versie": oud["versie"] if oud else None, "nieuw": laatste["versie"], "door": laatste["door"]}


def _wijzigingen(
    verbinding: Any, advies_id: int, laatste: ConcepttekstRij, gezien: dict[str, Any] | None
) -> dict[str, Any]:
    """The shown version against the one the chair saw (when stale) or the previous one."""
    tegen = gezien["versie"] if gezien is not None and gezien["versie"] is not None else laatste["versie"] - 1
    vorige = overzichten.tekst_van(verbinding, advies_id, tegen) if tegen >= 1 else None
    if vorige is None:
        return {"versie": laatste["versie"], "tegen": None, "vergelijking": None}
    return {
        "versie": laatste["versie"],
        "tegen": tegen,
        "vergelijking": vergelijking.vergelijk(vorige["blokken"], laatste["blokken"]),
    }


def _teruggestuurd(gegevens: AdviesInFull, wie: Rechten) -> dict[str, Any] | None:
    """The last time this advice was sent back: by whom, when, why, and whether the text changed
    since (each new version after it is a `concept` entry in the history)."""
    geschiedenis = gegevens["geschiedenis"]
    plekken = [i for i, g in enumerate(geschiedenis) if g["gebeurtenis"] == "terugsturen"]
    if not plekken or not gegevens["versies"]:
        return None
    terug = geschiedenis[plekken[-1]]
    nieuwe = sum(1 for g in geschiedenis[plekken[-1] + 1 :] if g["gebeurtenis"] == "concept")
    versies = {v["versie"]: v["sha256"] for v in gegevens["versies"]}
    nu = gegevens["versies"][-1]
    toen = nu["versie"] - nieuwe
    return {
        "door": terug["door"],
        "zelf": terug["door"] == wie.gebruiker,
        "op": datetime.fromisoformat(terug["op"]).astimezone().date() if terug["op"] else None,
        "reden": terug["notitie"] or "",
        "toen": toen,
        "nu": nu["versie"],
        "gewijzigd": versies.get(toen) != nu["sha256"],
        "keer": len(plekken),
    }
