"""Mending what was entered: correcting registration data, adding a document that came later,
and finding any stored document of an advice to write it out again.

What may be corrected when (the rule `corrigeer` enforces):

- `onderwerp`, `uw_kenmerk` and `ontvangen_op` are printed in the letters (subject, "Uw kenmerk",
  "Uw brief van"). Until the final letter exists they may be corrected; later draft letters show
  the new value, earlier drafts stay as they were stored. Once the advice is sent (`verzonden`,
  `beantwoord`), the final letter and any reminder carry them for good: then they are frozen.
- `ontvangen_op` (only a request has one) stays in the year of the kenmerk, is not in the future
  and not after a later date of the advice: its adviestermijn, meeting, approval, a supplement.
- `adviestermijn` (only a request has one) is in no letter: it may be corrected in every state,
  but not to a day before the request was received.
- `reactie_uiterlijk`, the college's due date, of a sent advice still waiting for its response: for
  what a recomputation cannot know. It is kept as a row of its own (`correctie`, beside suspensions
  and extensions), so a later recomputation leaves it as the council set it; not before the sending.

Every correction is one history entry per field, with the old and the new value and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from adviesfouten import Conflict, NietGevonden, OngeldigeInvoer
from opslag.modellen import Advies, Document
from workflow import brieven
from workflow.adviezen import leg_vast, niet_in_toekomst, niet_voor, verplichte_tekst, zet_stap, zoek
from workflow.bestanden import Bestand, begrens, veilige_bestandsnaam
from workflow.domein.rechten import Rechten
from workflow.domein.woorden import Soort

REACTIE, OVERIG = "reactie", "overig"
BIJLAGESOORTEN = (REACTIE, OVERIG)
DOCUMENTSOORTEN = (*brieven.BRIEFSOORTEN, *BIJLAGESOORTEN)
MAX_BIJLAGE = 50_000_000  # bytes; a scanned letter is far smaller, a mistaken video is refused

_NAMEN = {
    "onderwerp": "het onderwerp",
    "uw_kenmerk": "uw kenmerk",
    "ontvangen_op": "de ontvangstdatum",
    "adviestermijn": "de adviestermijn",
    "reactie_uiterlijk": "de reactietermijn",
}
_SOORTEN: dict[str, str] = {Soort.ONGEVRAAGD: "een ongevraagd advies", Soort.AANVULLING: "een aanvulling"}
_IN_DE_BRIEF = ("onderwerp", "uw_kenmerk", "ontvangen_op")


@dataclass(frozen=True)
class Correctie:
    """The new values; None leaves a field as it is (an empty uw_kenmerk clears it)."""

    onderwerp: str | None = None
    uw_kenmerk: str | None = None
    ontvangen_op: date | None = None
    adviestermijn: date | None = None
    reactie_uiterlijk: date | None = None


def corrigeer(sessie: Session, rechten: Rechten, invoer: str, correctie: Correctie, reden: str) -> Advies:
    """Correct registration data of an advice; refused, with nothing changed, where it would
    contradict a sent letter or the order of the advice's dates."""
    reden = verplichte_tekst(reden, "de reden")
    advies = zoek(sessie, invoer)
    van = zet_stap(advies, rechten, "corrigeer")
    if correctie == Correctie():
        raise OngeldigeInvoer(
            "er is niets om te corrigeren: geef een nieuw onderwerp, uw kenmerk, ontvangstdatum, adviestermijn "
            "of reactietermijn"
        )
    nieuw = _nieuwe_waarden(advies, correctie)
    if not nieuw:
        raise Conflict(f"{advies.kenmerk} heeft die gegevens al; er is niets gecorrigeerd")
    _controleer(sessie, advies, nieuw)
    oud = {veld: getattr(advies, veld) for veld in nieuw}
    for veld, waarde in nieuw.items():
        setattr(advies, veld, waarde)
    if "ontvangen_op" in nieuw and correctie.ontvangen_op is not None:
        advies.geregistreerd_op = correctie.ontvangen_op  # a request is registered on the day it came in
    sessie.add(advies)
    sessie.flush()
    werd, was = nieuw.get("reactie_uiterlijk"), oud.get("reactie_uiterlijk")
    if isinstance(werd, date) and isinstance(was, date):
        from workflow.termijnwijzigingen import leg_correctie_vast

        leg_correctie_vast(sessie, advies, reden, was, werd, rechten.gebruiker)
    for veld, waarde in nieuw.items():
        notitie = f"{_NAMEN[veld]} gecorrigeerd van {_tekst(oud[veld])} naar {_tekst(waarde)}: {reden}"
        leg_vast(sessie, advies, "corrigeer", van, rechten.gebruiker, notitie)
    return advies


def _nieuwe_waarden(advies: Advies, correctie: Correctie) -> dict[str, str | date | None]:
    gegeven: dict[str, str | date | None] = {}
    if correctie.onderwerp is not None:
        gegeven["onderwerp"] = verplichte_tekst(correctie.onderwerp, "het onderwerp")
    if correctie.uw_kenmerk is not None:
        gegeven["uw_kenmerk"] = correctie.uw_kenmerk.strip() or None
    if correctie.ontvangen_op is not None:
        gegeven["ontvangen_op"] = correctie.ontvangen_op
    if correctie.adviestermijn is not None:
        gegeven["adviestermijn"] = correctie.adviestermijn
    if correctie.reactie_uiterlijk is not None:
        gegeven["reactie_uiterlijk"] = correctie.reactie_uiterlijk
    return {veld: waarde for veld, waarde in gegeven.items() if getattr(advies, veld) != waarde}


def corrigeerbaar(soort: str, status: str, verzonden: bool) -> tuple[str, ...]:
    """The fields `corrigeer` may change on an advice of this kind and state (sent or not): what the
    advice page offers in its form. `_controleer` refuses every other field by the same rule."""
    return tuple(veld for veld in _NAMEN if _waarom_niet(veld, soort, status, verzonden) is None)


def _waarom_niet(veld: str, soort: str, status: str, verzonden: bool) -> str | None:
    """Why `veld` cannot be corrected here (a key of the refusals in `_controleer`), or None."""
    from workflow.domein.toestanden import VERZONDEN

    if verzonden and veld in _IN_DE_BRIEF:
        return "bevroren"
    if veld == "reactie_uiterlijk" and (status != VERZONDEN or not verzonden):
        return "niet_verzonden"
    if veld in ("ontvangen_op", "adviestermijn") and soort != Soort.GEVRAAGD:
        return "soort"
    return None


def _controleer(sessie: Session, advies: Advies, nieuw: dict[str, str | date | None]) -> None:
    verzonden = advies.verzonden_op is not None
    redenen = {veld: _waarom_niet(veld, advies.soort, advies.status, verzonden) for veld in nieuw}
    bevroren = [_NAMEN[veld] for veld, reden in redenen.items() if reden == "bevroren"]
    if bevroren:
        raise Conflict(
            f"{' en '.join(bevroren)} van {advies.kenmerk} {'staat' if len(bevroren) == 1 else 'staan'} in de "
            f"brief die op {_tekst(advies.verzonden_op)} is verzonden en kan daarom niet meer veranderen; "
            "er is niets gecorrigeerd"
        )
    if "reactie_uiterlijk" in nieuw:
        _controleer_uiterlijk(advies, nieuw["reactie_uiterlijk"], redenen["reactie_uiterlijk"] is None)
    datumvelden = [veld for veld in ("ontvangen_op", "adviestermijn") if veld in nieuw]
    if datumvelden and redenen[datumvelden[0]] == "soort":
        raise OngeldigeInvoer(
            f"{advies.kenmerk} is {_SOORTEN.get(advies.soort, advies.soort)}: dat heeft geen "
            f"{_NAMEN[datumvelden[0]].removeprefix('de ')}; "
            "er is niets gecorrigeerd"
        )
    if not datumvelden:
        return
    ontvangen = nieuw.get("ontvangen_op", advies.ontvangen_op)
    termijn = nieuw.get("adviestermijn", advies.adviestermijn)
    assert isinstance(ontvangen, date) and (termijn is None or isinstance(termijn, date))
    if "ontvangen_op" in nieuw:
        _controleer_ontvangen(sessie, advies, ontvangen)
    if termijn is not None:
        niet_voor(termijn, ontvangen, "de adviestermijn", "de ontvangstdatum")


def _controleer_uiterlijk(advies: Advies, uiterlijk: str | date | None, mag: bool) -> None:
    from workflow.datumgrenzen import binnen_een_jaar

    if not mag or advies.verzonden_op is None:
        raise Conflict(
            f"{advies.kenmerk} staat op '{advies.status}': alleen een verzonden advies dat nog op de reactie wacht, "
            "heeft een reactietermijn om te corrigeren; er is niets gecorrigeerd"
        )
    assert isinstance(uiterlijk, date)
    niet_voor(uiterlijk, advies.verzonden_op, "de reactietermijn", "de verzending")
    binnen_een_jaar(uiterlijk, advies.verzonden_op, "de reactietermijn")


def _controleer_ontvangen(sessie: Session, advies: Advies, ontvangen: date) -> None:
    niet_in_toekomst(ontvangen, "de ontvangstdatum")
    if ontvangen.year != advies.jaar:
        raise OngeldigeInvoer(
            f"de ontvangstdatum moet in {advies.jaar} blijven: het kenmerk {advies.kenmerk} hoort bij dat jaar; "
            "er is niets gecorrigeerd"
        )
    latere = [
        (advies.vergadering_op, "de vergadering"),
        (advies.vastgesteld_op, "de vaststelling"),
        *((a.geregistreerd_op, f"de aanvulling {a.kenmerk}") for a in _aanvullingen(sessie, advies)),
    ]
    for grens, wat in latere:
        if grens is not None and ontvangen > grens:
            raise OngeldigeInvoer(
                f"de ontvangstdatum ({ontvangen.isoformat()}) ligt na {wat} ({grens.isoformat()}); "
                "er is niets gecorrigeerd"
            )


def _aanvullingen(sessie: Session, advies: Advies) -> list[Advies]:
    return list(sessie.exec(select(Advies).where(Advies.ouder_id == advies.id)))


def _tekst(waarde: str | date | None) -> str:
    if waarde is None:
        return "(leeg)"
    return waarde.isoformat() if isinstance(waarde, date) else f"'{waarde}'"


def voeg_bijlage_toe(
    sessie: Session, rechten: Rechten, invoer: str, bestand: Bestand, soort: str, datum: date
) -> tuple[Advies, Document]:
    """Store a document that came later (the college's letter after `reactie`, a note), in any state.
    `bestand`: its name and bytes (the CLI reads the file, bounded by MAX_BIJLAGE)."""
    if soort not in BIJLAGESOORTEN:
        raise OngeldigeInvoer(f"onbekende soort bijlage '{soort}'; kies uit {', '.join(BIJLAGESOORTEN)}")
    advies = zoek(sessie, invoer)
    van = zet_stap(advies, rechten, "bijlage")
    inhoud = begrens(bestand, MAX_BIJLAGE)
    naam = veilige_bestandsnaam(bestand.naam)
    document = brieven.bewaar_document(sessie, rechten, advies, soort, datum, naam, inhoud)
    sessie.add(advies)
    notitie = f"bijlage ({soort}) {naam} van {datum.isoformat()} toegevoegd (sha256 {document.sha256[:12]})"
    leg_vast(sessie, advies, "bijlage", van, rechten.gebruiker, notitie, document.id)
    return advies, document


def zoek_document(sessie: Session, invoer: str, soort: str | None, versie: int | None) -> Document:
    """A stored document of an advice. Without `soort` and `versie`: the letter `advies brief`
    writes. With `soort`: the latest of that kind; `versie` N picks the draft letter of text version N
    (concept) or the N-th document of that kind (the others)."""
    if soort is None and versie is None:
        return brieven.zoek_brief(sessie, invoer)
    soort = soort or brieven.CONCEPTBRIEF
    if soort not in DOCUMENTSOORTEN:
        raise OngeldigeInvoer(f"onbekende soort document '{soort}'; kies uit {', '.join(DOCUMENTSOORTEN)}")
    advies = zoek(sessie, invoer)
    alle = list(sessie.exec(select(Document).where(Document.advies_id == advies.id).order_by(col(Document.id))))
    van_soort = [d for d in alle if d.soort == soort]
    if not van_soort:
        soorten = sorted({d.soort for d in alle})
        wel = f" (wel: {', '.join(soorten)})" if soorten else ""
        raise NietGevonden(f"{advies.kenmerk} heeft geen document van de soort '{soort}'{wel}")
    if versie is None:
        return van_soort[-1]
    if soort == brieven.CONCEPTBRIEF:
        gevonden = [d for d in van_soort if d.tekstversie == versie]
        if gevonden:
            return gevonden[-1]
    elif versie <= len(van_soort):
        return van_soort[versie - 1]
    raise NietGevonden(
        f"{advies.kenmerk} heeft geen document '{soort}' met versie {versie} ({_welke(van_soort, soort)})"
    )


def _welke(documenten: list[Document], soort: str) -> str:
    if soort == brieven.CONCEPTBRIEF:
        return f"wel van versie {', '.join(str(d.tekstversie) for d in documenten)}"
    return f"wel versie 1 tot en met {len(documenten)}" if len(documenten) > 1 else "alleen versie 1"
