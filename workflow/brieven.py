"""The letters of an advice: the draft letter of each version, the final letter sent, reminders.

Every letter is rendered once, in the transaction of the step that makes it, and stored as bytes
with its sha256 in `document`: a shared database shares the letters, and a letter already stored
never changes, whatever happens to the template or the settings afterwards.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from adviesfouten import NietGevonden
from opslag.database import wacht_op_slot
from opslag.modellen import Advies, Document, Tekstversie
from sjablonen import brieven as opmaak
from sjablonen import onderwerp
from workflow import instellingen
from workflow.adviezen import nu, zoek
from workflow.domein import kenmerk as kenmerken
from workflow.domein.datums import lange_datum
from workflow.domein.rechten import Rechten

CONCEPTBRIEF = "concept"
EINDBRIEF = "brief"
HERINNERING = "herinnering"
BRIEFSOORTEN = (CONCEPTBRIEF, EINDBRIEF, HERINNERING)


def bestandsnaam(kenmerk: str, soort: str, versie: int | None = None) -> str:
    """`CRA-2020-02_concept_v1.docx`, `CRA-2020-02_brief.docx`, `CRB-2021-01_herinnering.docx`."""
    basis = kenmerk.replace(" ", "-")
    return f"{basis}_{soort}_v{versie}.docx" if soort == CONCEPTBRIEF else f"{basis}_{soort}.docx"


def _datum(dag: date | None) -> str:
    """A date written out, with non-breaking spaces: "3 augustus 2020" never breaks over a line."""
    return opmaak.vaste_spatie(lange_datum(dag))


def _briefhoofd(ingesteld: instellingen.Instellingen) -> dict[str, Any]:
    """The variables every letter shares: letterhead, addressee, place, signature, copies."""
    return {
        "organisatie": {
            "naam": ingesteld.organisatie_naam,
            "adres": opmaak.regels(ingesteld.organisatie_adres),
            "plaats": ingesteld.organisatie_plaats,
        },
        "geadresseerde": opmaak.regels(ingesteld.brief_geadresseerde),
        "plaats": ingesteld.organisatie_plaats,
        "ondertekenaar": ingesteld.brief_ondertekenaar,
        "functie": ingesteld.brief_functie,
        "afschriften": opmaak.regels(ingesteld.brief_afschrift),
    }


def _eigenschappen(ingesteld: instellingen.Instellingen, kenmerk: str, onderwerpregel: str) -> opmaak.Eigenschappen:
    """Title "CRA 2020-02 – Advies over ...", the council as author: Word's and the PDF's properties."""
    return opmaak.Eigenschappen(
        titel=f"{kenmerk} \u2013 {onderwerpregel}",
        auteur=ingesteld.organisatie_naam,
        onderwerp=onderwerpregel,
        trefwoorden=kenmerk,
    )


def adviesbrief(sessie: Session, advies: Advies, versie: Tekstversie, datum: date, concept: bool) -> bytes:
    """The advice letter for text version `versie`, dated `datum`, as .docx bytes."""
    eigen_regel, blokken = onderwerp.uit_tekst(_zonder_aanhef(json.loads(versie.blokken)))
    blokken = _zonder_aanhef(blokken)
    ingesteld = instellingen.lees(sessie)
    regel = eigen_regel or onderwerp.onderwerpregel(ingesteld.brief_onderwerp, advies.onderwerp, advies.soort)
    gegevens = {
        **_briefhoofd(ingesteld),
        "concept": concept,
        "versie": versie.versie,
        "datum": _datum(datum),
        "kenmerk": advies.kenmerk,
        "uw_kenmerk": advies.uw_kenmerk or "",
        "uw_brief_van": _datum(advies.ontvangen_op),
        "onderwerp": advies.onderwerp,
        "onderwerpregel": regel,
        "soort": advies.soort,
    }
    sjabloon = instellingen.lees_bestand(sessie, "brief.sjabloon") or opmaak.standaardsjabloon(opmaak.ADVIESBRIEF)
    logo = instellingen.lees_bestand(sessie, "organisatie.logo")
    return opmaak.render(sjabloon, gegevens, blokken, logo, _eigenschappen(ingesteld, advies.kenmerk, regel))


def _zonder_aanhef(blokken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The template has the salutation; a text that starts with "Geacht college," does not get it twice."""
    if blokken and "".join(d["tekst"] for d in blokken[0].get("delen", [])).strip().lower() == "geacht college,":
        return blokken[1:]
    return blokken


def bewaar_conceptbrief(sessie: Session, rechten: Rechten, advies: Advies, versie: Tekstversie) -> Document:
    """The draft letter of a version just stored, dated the day it was stored, marked CONCEPT."""
    dag = versie.aangemaakt_op.astimezone().date()
    inhoud = adviesbrief(sessie, advies, versie, dag, concept=True)
    naam = bestandsnaam(advies.kenmerk, CONCEPTBRIEF, versie.versie)
    return bewaar_document(sessie, rechten, advies, CONCEPTBRIEF, dag, naam, inhoud, tekstversie=versie.versie)


def bewaar_eindbrief(
    sessie: Session, rechten: Rechten, advies: Advies, versie: Tekstversie, datum: date, inhoud: bytes | None = None
) -> Document:
    """The final letter from the approved version, dated the sending date, without the CONCEPT mark.
    `inhoud`: that letter already rendered (`levensloop.verzending`), stored as it is."""
    if inhoud is None:
        inhoud = adviesbrief(sessie, advies, versie, datum, concept=False)
    naam = bestandsnaam(advies.kenmerk, EINDBRIEF)
    return bewaar_document(sessie, rechten, advies, EINDBRIEF, datum, naam, inhoud, tekstversie=versie.versie)


def bewaar_document(
    sessie: Session,
    rechten: Rechten,
    advies: Advies,
    soort: str,
    datum: date,
    naam: str,
    inhoud: bytes,
    **extra: Any,
) -> Document:
    """Store a file of an advice with its sha256; documents are never changed afterwards."""
    assert advies.id is not None
    document = Document(
        advies_id=advies.id,
        soort=soort,
        datum=datum,
        bestandsnaam=naam,
        inhoud=inhoud,
        sha256=hashlib.sha256(inhoud).hexdigest(),
        aangemaakt_op=nu(),
        door=rechten.gebruiker,
        **extra,
    )
    sessie.add(document)
    sessie.flush()
    return document


def volgend_briefnummer(sessie: Session, jaar: int) -> int:
    wacht_op_slot(sessie, "brief.nummering")
    hoogste = sessie.exec(select(func.max(Document.reeks_nummer)).where(Document.reeks_jaar == jaar)).one()
    return (hoogste or 0) + 1


def bewaar_herinnering(
    sessie: Session, rechten: Rechten, advies: Advies, datum: date, nieuwe_termijn: date
) -> Document:
    """The reminder letter of `datum` for a late response to `advies`: the next number of the letter
    series, rendered and stored. The step itself (rights, history) is `levensloop.herinner`."""
    uiterlijk = advies.reactie_uiterlijk
    assert uiterlijk is not None and advies.verzonden_op is not None, "a sent advice has its due date"
    jaar = datum.year
    nummer = volgend_briefnummer(sessie, jaar)
    ingesteld = instellingen.lees(sessie)
    kenmerk = kenmerken.formatteer(ingesteld.kenmerk_brief, jaar, nummer)
    vorige = _herinneringen(sessie, advies)
    gegevens = {
        **_briefhoofd(ingesteld),
        "datum": _datum(datum),
        "kenmerk": kenmerk,
        "uw_kenmerk": advies.uw_kenmerk or "",
        "uw_brief_van": _datum(advies.ontvangen_op),
        "onderwerp": advies.onderwerp,
        "advies_kenmerk": opmaak.vaste_spatie(advies.kenmerk),
        "verzonden_op": _datum(advies.verzonden_op),
        "reactie_uiterlijk": _datum(uiterlijk),
        "nieuwe_termijn": _datum(nieuwe_termijn),
        "herinnering_nummer": len(vorige) + 1,
        "herinnering_titel": herinneringstitel(len(vorige) + 1),
        "vorige_herinneringen": [
            {"kenmerk": opmaak.vaste_spatie(h.kenmerk or ""), "datum": _datum(h.datum)} for h in vorige
        ],
    }
    titel = f"{herinneringstitel(len(vorige) + 1)} \u2013 uw reactie op ons advies {advies.kenmerk}"
    inhoud = opmaak.render(
        instellingen.lees_bestand(sessie, "brief.sjabloon_herinnering") or opmaak.standaardsjabloon(opmaak.HERINNERING),
        gegevens,
        None,
        instellingen.lees_bestand(sessie, "organisatie.logo"),
        _eigenschappen(ingesteld, kenmerk, titel),
    )
    naam = bestandsnaam(kenmerk, HERINNERING)
    return bewaar_document(
        sessie, rechten, advies, HERINNERING, datum, naam, inhoud, kenmerk=kenmerk, reeks_jaar=jaar, reeks_nummer=nummer
    )


_RANGTELWOORDEN = ("", "Tweede", "Derde", "Vierde", "Vijfde", "Zesde", "Zevende", "Achtste", "Negende", "Tiende")


def herinneringstitel(nummer: int) -> str:
    """'Herinnering', 'Tweede herinnering', ..., '11e herinnering'."""
    if nummer <= 1:
        return "Herinnering"
    rang = _RANGTELWOORDEN[nummer - 1] if nummer <= len(_RANGTELWOORDEN) else f"{nummer}e"
    return f"{rang} herinnering"


def _herinneringen(sessie: Session, advies: Advies) -> list[Document]:
    """The reminders already sent for `advies`, oldest first."""
    return list(
        sessie.exec(
            select(Document)
            .where(Document.advies_id == advies.id, Document.soort == HERINNERING)
            .order_by(col(Document.datum), col(Document.id))
        )
    )


def alle_brieven(sessie: Session) -> list[tuple[str, bytes]]:
    """(file name, content) of every letter in the register, oldest first."""
    return [
        (d.bestandsnaam, d.inhoud)
        for d in sessie.exec(select(Document).where(col(Document.soort).in_(BRIEFSOORTEN)).order_by(col(Document.id)))
    ]


def zoek_brief(sessie: Session, invoer: str, versie: int | None = None) -> Document:
    """The letter to write out: by a letter's own kenmerk (`CRB 2021-02`), or an advice's latest
    letter (the final one once sent, else the latest draft), or with `versie` that version's draft."""
    gezocht = kenmerken.ontleed(invoer)
    briefvoorvoegsel = instellingen.lees(sessie).kenmerk_brief
    if gezocht.voorvoegsel == briefvoorvoegsel and not gezocht.achtervoegsel:
        brief = sessie.exec(
            select(Document).where(Document.reeks_jaar == gezocht.jaar, Document.reeks_nummer == gezocht.volgnummer)
        ).first()
        if brief is None:
            raise NietGevonden(f"onbekende brief '{invoer.strip()}'")
        return brief
    advies = zoek(sessie, invoer)
    brieven = list(
        sessie.exec(
            select(Document)
            .where(Document.advies_id == advies.id, col(Document.soort).in_((CONCEPTBRIEF, EINDBRIEF)))
            .order_by(col(Document.id))
        )
    )
    if versie is not None:
        gevonden = [b for b in brieven if b.soort == CONCEPTBRIEF and b.tekstversie == versie]
        if not gevonden:
            bekend = sorted({b.tekstversie for b in brieven if b.soort == CONCEPTBRIEF and b.tekstversie})
            wel = f" (wel van versie {', '.join(map(str, bekend))})" if bekend else ""
            raise NietGevonden(f"{advies.kenmerk} heeft geen conceptbrief van versie {versie}{wel}")
        return gevonden[-1]
    if not brieven:
        raise NietGevonden(f"{advies.kenmerk} heeft nog geen brief; die ontstaat met 'advies concept {advies.kenmerk}'")
    eind = [b for b in brieven if b.soort == EINDBRIEF]
    return eind[-1] if eind else brieven[-1]
