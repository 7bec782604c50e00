"""The steps of an advice after registration. Each function is one step: the state machine
decides whether it is allowed, then the change and its history entry are written in the caller's
transaction, so both land or neither does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from adviesfouten import Conflict, NietGevonden, OngeldigeInvoer
from opslag.modellen import Advies, Document, Tekstversie
from workflow import brieven, instellingen, raadskalender, tekst, termijnwijzigingen
from workflow.adviezen import leg_vast, niet_voor, nu, verplichte_tekst, zet_stap, zoek
from workflow.bestanden import STANDAARD_MAXIMUM, Bestand, begrens, veilige_bestandsnaam
from workflow.datumgrenzen import binnen_een_jaar, gebeurd, gepland
from workflow.domein import termijnen, verwachting
from workflow.domein.rechten import Rechten
from workflow.domein.toestanden import Toestand, voer_uit
from workflow.domein.woorden import Oordeel, waarden
from workflow.invoer import SAMENVATTING, regel

OORDELEN = tuple(waarden(Oordeel))


def _stap(sessie: Session, rechten: Rechten, advies: Advies, stap: str) -> str:
    """Run `stap` through the state machine; returns the status before it."""
    heeft_tekst = stap == "agenderen" and laatste_versie(sessie, advies) is not None
    return zet_stap(advies, rechten, stap, heeft_tekst)


def _mag(rechten: Rechten, advies: Advies, stap: str) -> None:
    """Whether the machine allows `stap` now, changing nothing: the checks a confirmation page runs
    before the step itself (which then runs them again through `_stap`)."""
    voer_uit(Toestand(advies.kenmerk, advies.status, rechten), stap)


def laatste_versie(sessie: Session, advies: Advies) -> Tekstversie | None:
    return sessie.exec(
        select(Tekstversie).where(Tekstversie.advies_id == advies.id).order_by(Tekstversie.versie.desc())  # type: ignore[attr-defined]
    ).first()


def conceptbrief(sessie: Session, invoer: str) -> tuple[str, bytes]:
    """The draft letter of the latest version (file name, content), as stored when that version was."""
    gevonden = zoek(sessie, invoer)
    laatste = laatste_versie(sessie, gevonden)
    if laatste is None:
        raise NietGevonden(f"{gevonden.kenmerk} heeft nog geen concepttekst")
    brief = brieven.zoek_brief(sessie, gevonden.kenmerk, versie=laatste.versie)
    return brief.bestandsnaam, brief.inhoud


def versie(sessie: Session, advies: Advies, nummer: int) -> Tekstversie | None:
    return sessie.exec(
        select(Tekstversie).where(Tekstversie.advies_id == advies.id, Tekstversie.versie == nummer)
    ).first()


def sla_concept_op(
    sessie: Session,
    rechten: Rechten,
    invoer: str,
    bron_naam: str,
    bron: bytes,
    blokken: list[tekst.Blok] | None = None,
) -> tuple[Advies, Tekstversie]:
    """Store a new draft version from a file's bytes and its draft letter; from `aangevraagd` this moves
    the advice to `concept`. The CLI and the web page pass `blokken`, read from `bron` with
    `tekst.blokken_uit` before the transaction opened; without them the bytes are read here."""
    advies = zoek(sessie, invoer)
    van = _stap(sessie, rechten, advies, "concept")
    if blokken is None:
        blokken = tekst.blokken_uit(bron, bron_naam)
    vorige = laatste_versie(sessie, advies)
    hash_ = tekst.sha256(blokken)
    if vorige is not None and vorige.sha256 == hash_:
        raise Conflict(f"de tekst is gelijk aan versie {vorige.versie} van {advies.kenmerk}; er is niets opgeslagen")
    assert advies.id is not None
    nieuwe = Tekstversie(
        advies_id=advies.id,
        versie=(vorige.versie + 1) if vorige else 1,
        blokken=tekst.canoniek(blokken),
        sha256=hash_,
        bron_naam=bron_naam,
        bron=bron,
        aangemaakt_op=nu(),
        door=rechten.gebruiker,
    )
    sessie.add(nieuwe)
    sessie.add(advies)
    sessie.flush()
    brief = brieven.bewaar_conceptbrief(sessie, rechten, advies, nieuwe)
    leg_vast(
        sessie,
        advies,
        "concept",
        van,
        rechten.gebruiker,
        f"versie {nieuwe.versie} uit {bron_naam} (sha256 {hash_[:12]}); conceptbrief {brief.bestandsnaam}",
        brief.id,
    )
    return advies, nieuwe


def agendeer(sessie: Session, rechten: Rechten, invoer: str, vergadering: date) -> Advies:
    gepland(vergadering, "de vergaderdatum")
    advies = zoek(sessie, invoer)
    van = _stap(sessie, rechten, advies, "agenderen")
    niet_voor(vergadering, advies.geregistreerd_op, "de vergaderdatum", "de registratie")
    advies.vergadering_op = vergadering
    return _bewaar(sessie, advies, "agenderen", van, rechten, f"plenaire vergadering van {vergadering.isoformat()}")


@dataclass(frozen=True)
class Vaststelling:
    """What `stel_vast` would do: approve version `versie` of `advies` on `datum`."""

    advies: Advies
    versie: Tekstversie
    datum: date


def vaststelling(
    sessie: Session, rechten: Rechten, invoer: str, datum: date, verwachte_sha256: str | None = None
) -> Vaststelling:
    """Every check of `stel_vast`, in its order, changing nothing: what the web page's confirmation
    shows before the chair confirms, and what the step itself runs first."""
    gebeurd(datum, "de datum van vaststelling")
    advies = zoek(sessie, invoer)
    _mag(rechten, advies, "vaststellen")
    niet_voor(datum, advies.vergadering_op, "de datum van vaststelling", "de vergadering")
    goedgekeurd = laatste_versie(sessie, advies)
    assert goedgekeurd is not None, "agenderen requires a draft text"
    if verwachte_sha256 is not None and verwachte_sha256 != goedgekeurd.sha256:
        raise Conflict(
            f"de getoonde tekst is niet de laatste versie van {advies.kenmerk} (dat is versie {goedgekeurd.versie}, "
            f"sha256 {goedgekeurd.sha256[:12]}); er is niets vastgesteld, lees eerst de nieuwe versie"
        )
    return Vaststelling(advies, goedgekeurd, datum)


def stel_vast(
    sessie: Session, rechten: Rechten, invoer: str, datum: date, verwachte_sha256: str | None = None
) -> Advies:
    """The chair approves the latest version; its hash is what may be sent.

    `verwachte_sha256`: the hash of the version the chair was shown (the web page sends it); when
    a newer version was stored meanwhile, nothing is approved."""
    gekozen = vaststelling(sessie, rechten, invoer, datum, verwachte_sha256)
    advies, goedgekeurd = gekozen.advies, gekozen.versie
    van = _stap(sessie, rechten, advies, "vaststellen")
    advies.vastgesteld_op = datum
    advies.vastgestelde_versie = goedgekeurd.versie
    advies.vastgestelde_sha256 = goedgekeurd.sha256
    notitie = f"versie {goedgekeurd.versie} vastgesteld op {datum.isoformat()} (sha256 {goedgekeurd.sha256[:12]})"
    return _bewaar(sessie, advies, "vaststellen", van, rechten, notitie)


def stuur_terug(sessie: Session, rechten: Rechten, invoer: str, reden: str) -> Advies:
    reden = verplichte_tekst(reden, "de reden")
    advies = zoek(sessie, invoer)
    van = _stap(sessie, rechten, advies, "terugsturen")
    advies.vergadering_op = None
    return _bewaar(sessie, advies, "terugsturen", van, rechten, reden)


def goedgekeurde_versie(sessie: Session, advies: Advies) -> Tekstversie:
    """Exactly the version the chair approved, checked against the recorded hash."""
    if advies.vastgestelde_versie is None:
        raise Conflict(f"{advies.kenmerk} heeft geen vastgestelde tekst")
    goedgekeurd = versie(sessie, advies, advies.vastgestelde_versie)
    if goedgekeurd is None or tekst.sha256(json.loads(goedgekeurd.blokken)) != advies.vastgestelde_sha256:
        raise Conflict(f"de tekst van {advies.kenmerk} wijkt af van de vastgestelde versie; er is niets verzonden")
    return goedgekeurd


@dataclass(frozen=True)
class Verzending:
    """What `verzend` would store: the final letter of the approved version dated `datum`
    (`brief`, the .docx bytes, named `bestandsnaam`) and the response due date that follows."""

    advies: Advies
    versie: Tekstversie
    datum: date
    reactie_uiterlijk: date
    bestandsnaam: str
    brief: bytes


def verzending(sessie: Session, rechten: Rechten, invoer: str, datum: date) -> Verzending:
    """Every check of `verzend`, in its order, and the letter and due date it stores, changing
    nothing: the web page shows this before the secretary confirms; the step stores exactly this."""
    gebeurd(datum, "de verzenddatum")
    advies = zoek(sessie, invoer)
    _mag(rechten, advies, "verzenden")
    niet_voor(datum, advies.vastgesteld_op, "de verzenddatum", "de vaststelling")
    vereis_ondertekening(sessie)
    goedgekeurd = goedgekeurde_versie(sessie, advies)
    weken = instellingen.lees(sessie).termijn_reactie_weken
    uiterlijk = termijnen.reactie_uiterlijk(datum, weken, raadskalender.termijnkalender(sessie))
    brief = brieven.adviesbrief(sessie, advies, goedgekeurd, datum, concept=False)
    naam = brieven.bestandsnaam(advies.kenmerk, brieven.EINDBRIEF)
    return Verzending(advies, goedgekeurd, datum, uiterlijk, naam, brief)


def verzend(sessie: Session, rechten: Rechten, invoer: str, datum: date) -> Advies:
    """Send the approved version: its final letter, dated `datum`, is rendered and stored for good."""
    gekozen = verzending(sessie, rechten, invoer, datum)
    advies = gekozen.advies
    van = _stap(sessie, rechten, advies, "verzenden")
    advies.verzonden_op = datum
    advies.reactie_uiterlijk = gekozen.reactie_uiterlijk
    brief = brieven.bewaar_eindbrief(sessie, rechten, advies, gekozen.versie, datum, gekozen.brief)
    notitie = (
        f"verzonden op {datum.isoformat()}; reactie uiterlijk {gekozen.reactie_uiterlijk.isoformat()}; "
        f"brief {brief.bestandsnaam} (sha256 {brief.sha256[:12]})"
    )
    return _bewaar(sessie, advies, "verzenden", van, rechten, notitie, brief.id)


def vereis_ondertekening(sessie: Session) -> None:
    """The final letter is stored for good: it may not go out ending at "Met vriendelijke groet," alone."""
    ingesteld = instellingen.lees(sessie)
    ondertekening = {"brief.ondertekenaar": ingesteld.brief_ondertekenaar, "brief.functie": ingesteld.brief_functie}
    leeg = [sleutel for sleutel, waarde in ondertekening.items() if not waarde.strip()]
    if leeg:
        zetten = " en ".join(f"'advies instelling {sleutel} \"...\"'" for sleutel in leeg)
        wat = f"{' en '.join(leeg)} {'is' if len(leeg) == 1 else 'zijn'} leeg"
        raise Conflict(
            f"de brief heeft nog geen ondertekening ({wat}) en verandert na verzenden nooit meer; "
            f"zet eerst {zetten}; er is niets verzonden"
        )


def registreer_reactie(
    sessie: Session,
    rechten: Rechten,
    invoer: str,
    ontvangen: date,
    oordeel: str | None = None,
    samenvatting: str | None = None,
    document: Bestand | None = None,
) -> Advies:
    """`document`: the college's letter, its name and bytes (the CLI reads the file, the web page gets
    an upload)."""
    gebeurd(ontvangen, "de ontvangstdatum van de reactie")
    samenvatting = regel(samenvatting, "de samenvatting", SAMENVATTING, leeg_mag=True)
    advies = zoek(sessie, invoer)
    van = _stap(sessie, rechten, advies, "reactie")
    niet_voor(ontvangen, advies.verzonden_op, "de ontvangstdatum van de reactie", "de verzending")
    if oordeel is not None and oordeel not in OORDELEN:
        raise OngeldigeInvoer(f"onbekend oordeel '{oordeel}'; kies uit {', '.join(OORDELEN)}")
    advies.reactie_ontvangen_op = ontvangen
    advies.oordeel = oordeel
    advies.reactie_samenvatting = samenvatting or None
    document_id = _bewaar_reactiedocument(sessie, advies, rechten, ontvangen, document) if document else None
    notitie = f"reactie van het college ontvangen op {ontvangen.isoformat()}"
    if oordeel:
        notitie += f"; oordeel: {oordeel}"
    if advies.reactie_samenvatting:
        notitie += f"; {advies.reactie_samenvatting}"
    return _bewaar(sessie, advies, "reactie", van, rechten, notitie, document_id)


def intrekking(sessie: Session, rechten: Rechten, invoer: str, reden: str) -> tuple[Advies, str]:
    """Every check of `trek_in`, changing nothing: the advice and the reason as it will be recorded."""
    reden = verplichte_tekst(reden, "de reden")
    advies = zoek(sessie, invoer)
    _mag(rechten, advies, "intrekken")
    return advies, reden


def trek_in(sessie: Session, rechten: Rechten, invoer: str, reden: str) -> Advies:
    advies, reden = intrekking(sessie, rechten, invoer, reden)
    van = _stap(sessie, rechten, advies, "intrekken")
    return _bewaar(sessie, advies, "intrekken", van, rechten, reden)


def verleng_termijn(sessie: Session, rechten: Rechten, invoer: str, tot: date, reden: str) -> Advies:
    """Record a later response due date agreed with the college."""
    reden = verplichte_tekst(reden, "de reden")
    advies = zoek(sessie, invoer)
    van = _stap(sessie, rechten, advies, "termijn")
    oud = advies.reactie_uiterlijk
    if oud is not None and tot <= oud:
        raise OngeldigeInvoer(f"de nieuwe termijn ({tot.isoformat()}) ligt niet na de huidige ({oud.isoformat()})")
    binnen_een_jaar(tot, oud or advies.verzonden_op or tot, "de nieuwe termijn")
    advies.reactie_uiterlijk = tot
    termijnwijzigingen.leg_verlenging_vast(sessie, advies, reden, oud, tot, rechten.gebruiker)
    oud_tekst = oud.isoformat() if oud else "geen"
    return _bewaar(
        sessie,
        advies,
        "termijn",
        van,
        rechten,
        f"reactietermijn verlengd van {oud_tekst} tot {tot.isoformat()}: {reden}",
    )


def herinner(sessie: Session, rechten: Rechten, invoer: str, datum: date) -> tuple[Advies, Document]:
    """Remind the college of a response that is late on `datum`: a letter with its own number in the
    letter series (CRB), and a new date by which the response is now expected."""
    plan = herinnering(sessie, rechten, invoer, datum)
    advies = zoek(sessie, invoer)
    van = _stap(sessie, rechten, advies, "herinnering")
    uiterlijk, termijn = plan.uiterlijk, plan.nieuwe_termijn
    brief = brieven.bewaar_herinnering(sessie, rechten, advies, datum, termijn)
    notitie = verwachting.notitie(brief.kenmerk or "", datum, uiterlijk, termijn, brief.sha256)
    return _bewaar(sessie, advies, "herinnering", van, rechten, notitie, brief.id), brief


def nieuwe_termijn(sessie: Session, datum: date) -> date:
    """The date a reminder of `datum` asks the response by: `herinnering.nieuwe_termijn_dagen` later,
    on the council's calendar, as the response due date itself is."""
    dagen = instellingen.lees(sessie).herinnering_nieuwe_termijn_dagen
    return termijnen.schuif(datum + timedelta(days=dagen), raadskalender.termijnkalender(sessie))


@dataclass(frozen=True)
class Herinneringsplan:
    """What `herinner` would do on `datum`, checked without changing anything: the date the letter
    asks the response by, and the reminders already made for this advice on that same day."""

    kenmerk: str
    datum: date
    uiterlijk: date
    nieuwe_termijn: date
    zelfde_dag: list[str]


def herinnering(sessie: Session, rechten: Rechten, invoer: str, datum: date) -> Herinneringsplan:
    """The checks of `herinner` (the role, the state, a late response) without making the letter."""
    gebeurd(datum, "de datum van de herinnering")
    advies = zoek(sessie, invoer)
    _mag(rechten, advies, "herinnering")
    uiterlijk = advies.reactie_uiterlijk
    assert uiterlijk is not None, "a sent advice has its due date"
    if not uiterlijk < datum:
        raise OngeldigeInvoer(
            f"de reactie op {advies.kenmerk} is op {datum.isoformat()} niet te laat: het college heeft tot en met "
            f"{uiterlijk.isoformat()}; er is niets opgeslagen"
        )
    zelfde = sessie.exec(
        select(Document.kenmerk).where(
            Document.advies_id == advies.id, Document.soort == brieven.HERINNERING, Document.datum == datum
        )
    ).all()
    return Herinneringsplan(advies.kenmerk, datum, uiterlijk, nieuwe_termijn(sessie, datum), [k or "" for k in zelfde])


def _bewaar(
    sessie: Session,
    advies: Advies,
    gebeurtenis: str,
    van: str,
    rechten: Rechten,
    notitie: str,
    document_id: int | None = None,
) -> Advies:
    sessie.add(advies)
    sessie.flush()
    leg_vast(sessie, advies, gebeurtenis, van, rechten.gebruiker, notitie, document_id)
    return advies


def _bewaar_reactiedocument(sessie: Session, advies: Advies, rechten: Rechten, ontvangen: date, bron: Bestand) -> int:
    inhoud = begrens(bron, STANDAARD_MAXIMUM)  # what `lees_bytes` allows the CLI, for an upload too
    naam = veilige_bestandsnaam(bron.naam)
    document = brieven.bewaar_document(sessie, rechten, advies, "reactie", ontvangen, naam, inhoud)
    assert document.id is not None
    return document.id
