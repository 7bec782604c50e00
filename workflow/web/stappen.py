"""The forms of the advice page, each turned into a call of the service the CLI uses for the same
step. Nothing here decides whether a step is allowed: the role check uses the state machine's own
table (`toestanden.mag_stap`), and the service refuses what the register does not allow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session
from starlette.datastructures import UploadFile
from starlette.requests import Request

from adviesfouten import NietGevonden, OngeldigeInvoer
from workflow import levensloop, registratie, tekst, termijnwijzigingen
from workflow.bestanden import Bestand
from workflow.domein.rechten import Rechten

Werk = Callable[[Session, Rechten], Any]
MAX_TEKST = 5 * 1024 * 1024  # a draft text
MAX_DOCUMENT = 20 * 1024 * 1024  # the college's letter, a scan perhaps
MAX_VELD = 10_000  # characters of a text field


@dataclass
class Formulier:
    """The fields of a posted form as text, and its files as (name, bytes)."""

    velden: dict[str, str]
    bestanden: dict[str, Bestand] = field(default_factory=dict)

    def tekst(self, naam: str) -> str:
        waarde = self.velden.get(naam, "")
        if len(waarde) > MAX_VELD:
            raise OngeldigeInvoer(f"het veld '{naam}' is te lang (hoogstens {MAX_VELD} tekens)")
        return waarde

    def rijversie(self) -> int:
        """The row version of the advice the page showed (a hidden field)."""
        try:
            return int(self.tekst("rijversie"))
        except ValueError:
            raise OngeldigeInvoer("het formulier mist de versie van het advies; laad de pagina opnieuw") from None

    def datum(self, naam: str, omschrijving: str) -> date:
        waarde = self.tekst(naam).strip()
        if not waarde:
            raise OngeldigeInvoer(f"vul {omschrijving} in")
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            raise OngeldigeInvoer(f"{omschrijving} '{waarde}' is geen geldige datum (JJJJ-MM-DD)") from None

    def optionele_datum(self, naam: str, omschrijving: str) -> date | None:
        return self.datum(naam, omschrijving) if self.tekst(naam).strip() else None

    def bestand(self, naam: str, omschrijving: str) -> Bestand:
        if naam not in self.bestanden:
            raise OngeldigeInvoer(f"kies {omschrijving}")
        return self.bestanden[naam]


async def ontvang(
    request: Request, *, max_bestand: int, max_bestanden: int, max_velden: int, max_deel: int
) -> tuple[dict[str, str], dict[str, Bestand]]:
    """The posted fields and files of `request`. A file is read up to `max_bestand` plus one byte, so
    the service's bound refuses a larger one; Starlette refuses more files, fields or a longer part."""
    gelezen = await request.form(max_files=max_bestanden, max_fields=max_velden, max_part_size=max_deel)
    velden: dict[str, str] = {}
    bestanden: dict[str, Bestand] = {}
    for sleutel, waarde in gelezen.multi_items():
        if isinstance(waarde, UploadFile):
            if waarde.filename:
                naam = waarde.filename.replace("\\", "/").rsplit("/", 1)[-1][:200] or "bestand"
                bestanden[sleutel] = Bestand(naam, await waarde.read(max_bestand + 1))
        else:
            velden[sleutel] = waarde
    await gelezen.close()
    return velden, bestanden


def werk_voor(stap: str, kenmerk: str, formulier: Formulier) -> Werk:
    """The unit of work for `stap` on advice `kenmerk`; reads and checks the form's fields first."""
    f = formulier
    if stap == "vaststellen":
        sha = f.tekst("sha256").strip()
        if not sha:
            raise OngeldigeInvoer("het formulier mist de versie die u zag; laad de pagina opnieuw")
        op = f.datum("datum", "de datum van vaststelling")
        return lambda s, wie: levensloop.stel_vast(s, wie, kenmerk, op, verwachte_sha256=sha)
    if stap == "terugsturen":
        reden = f.tekst("reden")
        return lambda s, wie: levensloop.stuur_terug(s, wie, kenmerk, reden)
    if stap == "concept":
        naam, inhoud = f.bestand("tekst", "een bestand met de concepttekst (.md, .txt of .docx)")
        if len(inhoud) > MAX_TEKST:
            raise OngeldigeInvoer(f"de concepttekst is te groot (hoogstens {MAX_TEKST // (1024 * 1024)} MB)")
        blokken = tekst.blokken_uit(inhoud, naam)  # in the worker, before the transaction opens
        return lambda s, wie: levensloop.sla_concept_op(s, wie, kenmerk, naam, inhoud, blokken)
    if stap == "agenderen":
        vergadering = f.datum("vergadering", "de vergaderdatum")
        return lambda s, wie: levensloop.agendeer(s, wie, kenmerk, vergadering)
    if stap == "verzenden":
        verzonden = f.datum("datum", "de verzenddatum")
        return lambda s, wie: levensloop.verzend(s, wie, kenmerk, verzonden)
    if stap == "reactie":
        return _reactie(kenmerk, f)
    if stap == "termijn":
        tot = f.datum("tot", "de nieuwe termijn")
        reden = f.tekst("reden")
        return lambda s, wie: levensloop.verleng_termijn(s, wie, kenmerk, tot, reden)
    if stap == "herinnering":
        dag = f.datum("datum", "de datum van de herinnering")
        return lambda s, wie: levensloop.herinner(s, wie, kenmerk, dag)
    if stap == "intrekken":
        reden = f.tekst("reden")
        return lambda s, wie: levensloop.trek_in(s, wie, kenmerk, reden)
    if stap == "opschorten":
        van = f.datum("van", "de eerste dag van de opschorting")
        tot = f.datum("tot", "de laatste dag van de opschorting")
        reden = f.tekst("reden")
        return lambda s, wie: termijnwijzigingen.schort_op(s, wie, kenmerk, van, tot, reden)
    if stap == "corrigeer":
        return _correctie(kenmerk, f)
    if stap == "bijlage":
        return _bijlage(kenmerk, f)
    raise NietGevonden(f"onbekende stap '{stap}'")


def _reactie(kenmerk: str, f: Formulier) -> Werk:
    ontvangen = f.datum("ontvangen", "de ontvangstdatum")
    oordeel = f.tekst("oordeel").strip() or None
    samenvatting = f.tekst("samenvatting")
    document = f.bestanden.get("document")
    if document is not None and len(document[1]) > MAX_DOCUMENT:
        raise OngeldigeInvoer(f"de reactiebrief is te groot (hoogstens {MAX_DOCUMENT // (1024 * 1024)} MB)")
    return lambda s, wie: levensloop.registreer_reactie(s, wie, kenmerk, ontvangen, oordeel, samenvatting, document)


def _correctie(kenmerk: str, f: Formulier) -> Werk:
    """`advies corrigeer`: the form shows each field the advice allows with its value now; the
    service leaves out what did not change and refuses a field the advice does not allow."""
    from workflow import correcties

    def tekst_of_niets(naam: str) -> str | None:
        return f.tekst(naam) if naam in f.velden else None

    correctie = correcties.Correctie(
        onderwerp=tekst_of_niets("onderwerp"),
        uw_kenmerk=tekst_of_niets("uw_kenmerk"),
        ontvangen_op=f.optionele_datum("ontvangen_op", "de ontvangstdatum"),
        adviestermijn=f.optionele_datum("adviestermijn", "de adviestermijn"),
        reactie_uiterlijk=f.optionele_datum("reactie_uiterlijk", "de reactietermijn"),
    )
    reden = f.tekst("reden")
    return lambda s, wie: correcties.corrigeer(s, wie, kenmerk, correctie, reden)


def _bijlage(kenmerk: str, f: Formulier) -> Werk:
    """`advies bijlage`: the file (bounded here by the upload, then by the service as for the CLI)."""
    from workflow import correcties

    bestand = f.bestand("document", "een bestand om toe te voegen")
    if len(bestand.inhoud) > MAX_DOCUMENT:
        raise OngeldigeInvoer(f"de bijlage is te groot (hoogstens {MAX_DOCUMENT // (1024 * 1024)} MB)")
    soort = f.tekst("soort").strip()
    datum = f.datum("datum", "de datum van het document")
    return lambda s, wie: correcties.voeg_bijlage_toe(s, wie, kenmerk, bestand, soort, datum)


def aanvulling(kenmerk: str, formulier: Formulier) -> Werk:
    """`advies aanvulling`: a supplement to the advice `kenmerk`, with its own subject and date."""
    onderwerp = formulier.tekst("onderwerp")
    datum = formulier.datum("datum", "de datum")
    return lambda s, wie: registratie.registreer_aanvulling(s, wie, kenmerk, onderwerp, datum)


def registreer(formulier: Formulier) -> Werk:
    """A new request (`soort=aanvraag`) or unsolicited advice (`soort=ongevraagd`)."""
    f = formulier
    soort = f.tekst("soort")
    onderwerp = f.tekst("onderwerp")
    if soort == "aanvraag":
        ontvangen = f.datum("ontvangen", "de ontvangstdatum")
        uw_kenmerk = f.tekst("uw_kenmerk")
        termijn = f.optionele_datum("adviestermijn", "de adviestermijn")
        return lambda s, wie: registratie.registreer_aanvraag(s, wie, onderwerp, ontvangen, uw_kenmerk, termijn)
    if soort == "ongevraagd":
        dag = f.datum("datum", "de datum")
        return lambda s, wie: registratie.registreer_ongevraagd(s, wie, onderwerp, dag)
    raise OngeldigeInvoer("kies een adviesaanvraag of een ongevraagd advies")
