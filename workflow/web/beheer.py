"""The secretary's own pages: `/instellingen` (the shared settings, logo and letter templates) and
`/gebruikers` (add, change role, remove, and a one-time link to set a new password). Only the
secretaris sees them (403 for anyone else, before a posted body is read); every change goes through
the service of the CLI command (`advies instelling`, `advies gebruiker ...`) in one transaction of
the register acting as her, so a refusal changes nothing.

The settings page is made from `workflow.instellingen.DEFINITIES` alone: a field there (type,
default, bounds, Dutch description) is a field here, in the order and group of its key, without
template work. The form carries the values it showed; only the settings whose value was changed on
the page are stored, so a setting someone else changed meanwhile is not overwritten."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from adviesfouten import AdviesFout, NietGevonden, OngeldigeInvoer
from workflow import gebruikers, instellingen, invoer, wachtwoordherstel
from workflow.bestanden import Bestand
from workflow.domein.rechten import ROLLEN, Rechten
from workflow.web import paginas, stappen, woorden
from workflow.web.beveiliging import csrf_klopt

# The groups of the settings, by the part of the key before the dot; a new group shows its own word.
GROEPEN = {
    "organisatie": "Organisatie en briefhoofd",
    "kenmerk": "Kenmerken",
    "termijn": "Termijnen",
    "herinnering": "Herinneringen",
    "brief": "Brieven",
    "web": "Webpagina",
}
WAS = "was:"  # the hidden field with the value a setting had when the page was shown
MAX_VELDEN = 4 * len(instellingen.DEFINITIES) + 10
MAX_WAARDE = 4 * invoer.INSTELLING  # characters the form may post for one setting; the service bounds it further


@dataclass(frozen=True)
class Veld:
    """One setting as a form field: its key (the field's name), label, kind and current value."""

    sleutel: str
    label: str
    soort: str  # "tekst", "getal", "janee" or "bestand"
    waarde: str
    laagste: int | None = None
    hoogste: int | None = None
    eenheid: str = ""

    @property
    def id(self) -> str:
        return "instelling-" + self.sleutel.replace(".", "-")

    @property
    def afbeelding(self) -> bool:
        """A file setting checked as an image (the logo): shown as one, uploaded as PNG or JPG."""
        return is_afbeelding(self.sleutel)

    @property
    def accept(self) -> str:
        return ".png,.jpg,.jpeg,image/png,image/jpeg" if self.afbeelding else ".docx"


def is_afbeelding(sleutel: str) -> bool:
    d = instellingen.DEFINITIES.get(sleutel)
    return d is not None and d.bestand is not None and d.bestand is instellingen.DEFINITIES["organisatie.logo"].bestand


def _label(omschrijving: str) -> str:
    return omschrijving[:1].upper() + omschrijving[1:]


def velden(s: Session) -> list[tuple[str, list[Veld]]]:
    """Every setting, grouped by its key's first part, as stored now (or its default)."""
    opgeslagen = instellingen.alle(s)
    groepen: dict[str, list[Veld]] = {}
    for sleutel, d in instellingen.DEFINITIES.items():
        soort = {str: "tekst", int: "getal", bool: "janee", bytes: "bestand"}[d.soort]
        veld = Veld(sleutel, _label(d.omschrijving), soort, opgeslagen[sleutel], d.laagste, d.hoogste, d.eenheid)
        groep = sleutel.split(".", 1)[0]
        groepen.setdefault(GROEPEN.get(groep, groep.capitalize()), []).append(veld)
    return list(groepen.items())


def instellingwoorden(tekst: str) -> str:
    """A refusal of `instellingen` names the key ("termijn.reactie_weken moet ..."); the page names
    the setting by the label it shows."""
    for sleutel in sorted(instellingen.DEFINITIES, key=len, reverse=True):
        label = _label(instellingen.DEFINITIES[sleutel].omschrijving)
        tekst = re.sub(rf"(?<![\w.]){re.escape(sleutel)}(?![\w.])", f"de instelling “{label}”", tekst)
    return tekst


def _zin(fout: AdviesFout) -> str:
    return paginas._zin(instellingwoorden(str(fout)))


def _nu(request: Request) -> int:
    """Now, in Unix seconds: the app's clock (`app.state.klok`, which tests set) or the real one."""
    klok = getattr(request.app.state, "klok", None) or time.time
    return int(klok())


async def _alleen_secretaris(request: Request) -> Response | None:
    """Who and which role first: an anonymous or unauthorised body is never read. None: go on."""

    def controleer(s: Session, wie: Rechten) -> paginas.Uitkomst:
        wie.vereis_secretaris()
        return Response()

    antwoord = await run_in_threadpool(paginas._lezen, request, controleer)
    return None if antwoord.status_code == 200 else antwoord


async def _lees_formulier(request: Request, max_bestand: int = 0) -> tuple[dict[str, str], dict[str, Bestand]] | None:
    """The posted fields and files (each file read up to `max_bestand` plus one byte, so a larger one is
    refused by the service's bound); None when the CSRF token is missing or wrong."""
    velden, bestanden = await stappen.ontvang(
        request,
        max_bestand=max_bestand,
        max_bestanden=1 if max_bestand else 0,
        max_velden=MAX_VELDEN,
        max_deel=MAX_WAARDE * 4 + 1024,
    )
    if not csrf_klopt(request, velden.get("csrf")):
        return None
    return velden, bestanden


def _ongeldig(request: Request) -> Response:
    return paginas._fout(request, paginas.ONGELDIG_FORMULIER, 403)


# --- /instellingen ---------------------------------------------------------------------------------


def _instellingenpagina(
    request: Request, fout: str | None = None, ingevuld: dict[str, str] | None = None, status: int = 200
) -> Response:
    def maak(s: Session, wie: Rechten) -> paginas.Uitkomst:
        wie.vereis_secretaris()
        groepen = velden(s)
        if ingevuld:  # a refused form shows what was typed, with the values it was shown with
            groepen = [(groep, [_ingevuld(v, ingevuld) for v in lijst]) for groep, lijst in groepen]
        bestanden = {v.sleutel for _, lijst in groepen for v in lijst if v.soort == "bestand" and v.waarde}
        return (
            "instellingen.html",
            {
                "groepen": groepen,
                "opgeslagen": bestanden,
                "was": _getoond(s)
                if not ingevuld
                else {k[len(WAS) :]: w for k, w in ingevuld.items() if k.startswith(WAS)},
                "fout": fout,
                "max_waarde": invoer.INSTELLING,
                "max_mb": instellingen.BESTAND_MAXIMUM // (1024 * 1024),
            },
            status,
        )

    return paginas._lezen(request, maak)


def _ingevuld(veld: Veld, ingevuld: dict[str, str]) -> Veld:
    if veld.soort == "bestand" or veld.sleutel not in ingevuld:
        return veld
    return Veld(
        veld.sleutel,
        veld.label,
        veld.soort,
        ingevuld[veld.sleutel][:MAX_WAARDE],
        veld.laagste,
        veld.hoogste,
        veld.eenheid,
    )


def _getoond(s: Session) -> dict[str, str]:
    return {sleutel: waarde for sleutel, waarde in instellingen.alle(s).items()}


def instellingen_tonen(request: Request) -> Response:
    return _instellingenpagina(request)


async def instellingen_opslaan(request: Request) -> Response:
    """The form with every text, number and yes/no setting: the ones changed on the page are stored,
    all in one transaction through `herberekening.zet_instelling` (the service of `advies instelling`)."""
    weigering = await _alleen_secretaris(request)
    if weigering is not None:
        return weigering
    gelezen = await _lees_formulier(request)
    if gelezen is None:
        return _ongeldig(request)
    return await run_in_threadpool(_sla_op, request, gelezen[0])


def _sla_op(request: Request, velden_: dict[str, str]) -> Response:
    from workflow.herberekening import zet_instelling

    gewijzigd = {
        sleutel: velden_[sleutel]
        for sleutel, d in instellingen.DEFINITIES.items()
        if d.soort is not bytes and sleutel in velden_ and velden_[sleutel] != velden_.get(WAS + sleutel)
    }
    naam = paginas._naam(request)
    assert naam is not None
    try:
        for sleutel, waarde in gewijzigd.items():
            if len(waarde) > MAX_WAARDE:
                raise OngeldigeInvoer(f"{sleutel} is te lang (hoogstens {invoer.INSTELLING} tekens)")

        def werk(s: Session, wie: Rechten) -> int:
            verschoven = 0
            for sleutel, waarde in gewijzigd.items():
                verschoven += len(zet_instelling(s, wie, sleutel, waarde)[1] or [])
            return verschoven

        verschoven = paginas._register(request).als(naam).wijzigen(werk)
    except AdviesFout as fout:
        return _instellingenpagina(request, _zin(fout) + " Er is niets opgeslagen.", velden_, paginas.status_voor(fout))
    if not gewijzigd:
        request.session["melding"] = "U heeft niets gewijzigd; er is niets opgeslagen."
    else:
        melding = "De instellingen zijn opgeslagen."
        if verschoven:
            adviezen = woorden.aantal(verschoven, "open advies", "open adviezen")
            melding += f" De reactietermijn van {adviezen} is opnieuw berekend."
        request.session["melding"] = melding
    return RedirectResponse("/instellingen", status_code=303)


async def bestand_opslaan(request: Request) -> Response:
    """One file setting (logo, letter template): the uploaded file, checked by the service as the CLI's
    is (`instellingen.zet` with a `Bestand`), or `wissen` to go back to none."""
    weigering = await _alleen_secretaris(request)
    if weigering is not None:
        return weigering
    gelezen = await _lees_formulier(request, instellingen.BESTAND_MAXIMUM)
    if gelezen is None:
        return _ongeldig(request)
    return await run_in_threadpool(_sla_bestand_op, request, *gelezen)


def _sla_bestand_op(request: Request, velden_: dict[str, str], bestanden: dict[str, Bestand]) -> Response:
    from workflow.herberekening import zet_instelling

    sleutel = velden_.get("sleutel", "")
    naam = paginas._naam(request)
    assert naam is not None
    try:
        d = instellingen.DEFINITIES.get(sleutel)
        if d is None or d.soort is not bytes:
            raise NietGevonden("dit formulier hoort niet bij een instelling met een bestand")
        waarde: str | Bestand
        if velden_.get("wissen"):
            waarde = ""
        elif "bestand" in bestanden:
            waarde = bestanden["bestand"]
        else:
            raise OngeldigeInvoer("kies eerst een bestand")
        paginas._register(request).als(naam).wijzigen(lambda s, wie: zet_instelling(s, wie, sleutel, waarde))
    except AdviesFout as fout:
        return _instellingenpagina(request, _zin(fout) + " Er is niets opgeslagen.", None, paginas.status_voor(fout))
    label = _label(instellingen.DEFINITIES[sleutel].omschrijving)
    request.session["melding"] = f"{label}: {'verwijderd' if waarde == '' else 'opgeslagen'}."
    return RedirectResponse("/instellingen", status_code=303)


def _afbeeldingsoort(inhoud: bytes) -> str | None:
    """The type of an image the settings accept, by its first bytes (never by its name)."""
    if inhoud.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if inhoud.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def bestand_tonen(request: Request) -> Response:
    """A stored file setting: the logo inline as the image it is (PNG or JPG by its bytes, nosniff,
    a sandboxing CSP), any other file (a letter template) as a download."""
    sleutel = str(request.path_params["sleutel"])

    def maak(s: Session, wie: Rechten) -> paginas.Uitkomst:
        wie.vereis_secretaris()
        d = instellingen.DEFINITIES.get(sleutel)
        if d is None or d.soort is not bytes:
            return "fout.html", {"fout": "Deze pagina bestaat niet."}, 404
        inhoud = instellingen.lees_bestand(s, sleutel)
        if inhoud is None:
            raise NietGevonden("er is hier geen bestand opgeslagen")
        soort = _afbeeldingsoort(inhoud) if is_afbeelding(sleutel) else None
        if soort is not None:
            return Response(
                inhoud,
                media_type=soort,
                headers={
                    "Content-Security-Policy": "default-src 'none'; sandbox",
                    "Content-Disposition": "inline",
                },
            )
        naam = instellingen.lees_tekst(s, sleutel) or "bestand"
        return paginas._download(naam, inhoud)

    return paginas._lezen(request, maak)


# --- /gebruikers -----------------------------------------------------------------------------------


def _gebruikerspagina(
    request: Request, fout: str | None = None, ingevuld: dict[str, str] | None = None, status: int = 200
) -> Response:
    def maak(s: Session, wie: Rechten) -> paginas.Uitkomst:
        wie.vereis_secretaris()
        rijen = [
            {"naam": g.naam, "rol": g.rol, "wachtwoord": g.wachtwoord_hash is not None} for g in gebruikers.lijst(s)
        ]
        return (
            "gebruikers.html",
            {
                "rijen": rijen,
                "rollen": ROLLEN,
                "fout": fout,
                "ingevuld": ingevuld or {},
                "max_naam": invoer.NAAM,
            },
            status,
        )

    return paginas._lezen(request, maak)


def gebruikers_tonen(request: Request) -> Response:
    return _gebruikerspagina(request)


GEBRUIKERSACTIES = ("toevoegen", "rol", "verwijderen", "herstel")


async def gebruiker_wijzigen(request: Request) -> Response:
    """The forms of the users page, each the service of its CLI command: `toevoegen` (gebruiker
    toevoegen), `rol` (gebruiker wijzig), `verwijderen` (gebruiker verwijder), `herstel` (gebruiker
    herstel: a page with the one-time link, shown once)."""
    actie = str(request.path_params["actie"])
    if actie not in GEBRUIKERSACTIES:
        return paginas._fout(request, "Deze pagina bestaat niet.", 404)
    weigering = await _alleen_secretaris(request)
    if weigering is not None:
        return weigering
    gelezen = await _lees_formulier(request)
    if gelezen is None:
        return _ongeldig(request)
    return await run_in_threadpool(_gebruikersactie, request, actie, gelezen[0])


def _gebruikersactie(request: Request, actie: str, velden_: dict[str, str]) -> Response:
    naam = paginas._naam(request)
    assert naam is not None
    register = paginas._register(request).als(naam)
    wie_ = velden_.get("naam", "")[:200]
    rol = velden_.get("rol", "")[:50]
    try:
        if actie == "toevoegen":
            nieuw = register.wijzigen(lambda s, wie: gebruikers.voeg_toe(s, wie, wie_, rol))
            melding = (
                f"{nieuw.naam} is toegevoegd als {nieuw.rol}. Maak met Wachtwoord opnieuw instellen een link "
                "waarmee zij zelf een wachtwoord kiest."
            )
        elif actie == "rol":
            gewijzigd, oud = register.wijzigen(lambda s, wie: gebruikers.wijzig_rol(s, wie, wie_, rol))
            melding = f"{gewijzigd.naam} heeft nu de rol {gewijzigd.rol} (was {oud}) en moet opnieuw inloggen."
        elif actie == "verwijderen":
            weg = register.wijzigen(lambda s, wie: gebruikers.verwijder(s, wie, wie_))
            melding = f"{weg.naam} heeft geen toegang meer. De geschiedenis houdt de naam bij wat zij deed."
        else:
            nu = _nu(request)
            link = register.wijzigen(lambda s, wie: wachtwoordherstel.maak(s, wie, wie_, nu))
            return _toon_link(request, link)
    except AdviesFout as fout:
        return _gebruikerspagina(
            request,
            _zin(fout) + " Er is niets gewijzigd.",
            velden_ if actie == "toevoegen" else None,
            paginas.status_voor(fout),
        )
    request.session["melding"] = melding
    return RedirectResponse("/gebruikers", status_code=303)


def _toon_link(request: Request, link: wachtwoordherstel.Herstellink) -> Response:
    """The link, shown once: only its hash is stored. A reload of this page makes a new one."""
    basis = str(request.base_url).rstrip("/")

    def maak(s: Session, wie: Rechten) -> paginas.Uitkomst:
        return "herstellink.html", {
            "naam": link.naam,
            "link": link.link(basis),
            "tot": wachtwoordherstel.tot_wanneer(link.verloopt_op),
        }

    return paginas._lezen(request, maak)


def routes() -> list[Any]:
    from starlette.routing import Route

    return [
        Route("/instellingen", instellingen_tonen, methods=["GET"]),
        Route("/instellingen", instellingen_opslaan, methods=["POST"]),
        Route("/instellingen/bestand", bestand_opslaan, methods=["POST"]),
        Route("/instellingen/bestand/{sleutel}", bestand_tonen, methods=["GET"]),
        Route("/gebruikers", gebruikers_tonen, methods=["GET"]),
        Route("/gebruikers/{actie}", gebruiker_wijzigen, methods=["POST"]),
    ]
