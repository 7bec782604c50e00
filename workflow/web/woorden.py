"""The words of the web page: how it says dates, statuses, counts, history and documents to a
volunteer, and how it says the register's refusals without the command line.

Every template gets these as Jinja filters (`app.templates`), so a page never shows a raw code:

- `datum`: `<time datetime="2026-12-03">3 december 2026</time>` (ISO only in the attribute);
  `datumtekst` the same words without the element, `moment` a stored time stamp;
- `status`: a status as a person says it (STATUSWOORDEN), `soort` and `oordeel` likewise;
- `aantal`: "1 advies", "2 adviezen": the one plural helper;
- `gebeurtenis` / `toelichting`: a history row as a sentence and its note without hashes, file
  names or ISO dates; `document`: a stored document named by what it is and its date;
- `webzin`: a refusal as the web says it (below).

Refusals. A service's refusal is one sentence both faces show (docs/ontwikkelen.md, "Weigeringen"),
and a few of them tell the way out as a command: "zet eerst 'advies instelling brief.functie ...'".
The CLI keeps those words (its tests check the `Fout:` lines); the web page says them as something
to do on the page. The simplest sound place for that is here, at the one point where the web turns a
refusal into its sentence (`paginas._zin`): WEBWOORDEN rewrites each known command clause into its
web instruction, then raw status codes and ISO dates become words. The alternative, a second
web sentence carried by every refusal, would put a web concern into the services and into
`adviesfouten`, the leaf every layer shares; a table here keeps the services one-faced. A clause
that names a command and is not in the table yet is left out of the web sentence rather than shown
(`_ZONDER_OPDRACHT`): the refusal still says what is wrong, and `tests/test_webwoorden.py` checks
every page for a command.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from workflow.agenda import TIJDZONE
from workflow.domein.datums import lange_datum
from workflow.domein.woorden import Oordeel, Soort, Status

# A status as a person says it; the register page's filter and every table use these words.
STATUSWOORDEN: dict[str, str] = {
    Status.AANGEVRAAGD: "aangevraagd",
    Status.CONCEPT: "concept",
    Status.TER_VASTSTELLING: "ter vaststelling",
    Status.VASTGESTELD: "vastgesteld, nog niet verzonden",
    Status.VERZONDEN: "verzonden, wacht op reactie",
    Status.BEANTWOORD: "beantwoord door het college",
    Status.INGETROKKEN: "ingetrokken",
}

SOORTWOORDEN: dict[str, str] = {
    Soort.GEVRAAGD: "gevraagd advies",
    Soort.ONGEVRAAGD: "ongevraagd advies",
    Soort.AANVULLING: "aanvulling op een advies",
}

OORDEELWOORDEN: dict[str, str] = {
    Oordeel.OVERGENOMEN: "overgenomen",
    Oordeel.DEELS: "deels overgenomen",
    Oordeel.NIET: "niet overgenomen",
}

# A history event as the start of a sentence; "door NAAM" follows.
GEBEURTENISSEN: dict[str, str] = {
    "registreren": "Geregistreerd",
    "concept": "Concepttekst opgeslagen",
    "agenderen": "Op de agenda gezet",
    "vaststellen": "Vastgesteld",
    "terugsturen": "Teruggestuurd naar de secretaris",
    "verzenden": "Verzonden aan het college",
    "reactie": "Reactie van het college vastgelegd",
    "termijn": "Reactietermijn gewijzigd",
    "herinnering": "Herinnering gemaakt",
    "opschorten": "Reactietermijn opgeschort",
    "intrekken": "Ingetrokken",
    "corrigeer": "Gegevens gecorrigeerd",
    "bijlage": "Document toegevoegd",
}

# A stored document by its kind (document.soort), before "van <datum>".
DOCUMENTWOORDEN: dict[str, str] = {
    "concept": "Conceptbrief",
    "brief": "Adviesbrief",
    "herinnering": "Herinnering",
    "reactie": "Reactie van het college",
    "overig": "Bijlage",
}

_BESTANDSSOORTEN = {"docx": "Word", "pdf": "PDF", "md": "tekst", "txt": "tekst"}

ISO_DATUM = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_HASH = re.compile(r"\s*\(sha256 [0-9a-f]+\)|,?\s*\bsha256 [0-9a-f]+")  # "(sha256 c7c2…)", ", sha256 c7c2…"
_STATUSCODE = re.compile(r"'(" + "|".join(re.escape(s) for s in STATUSWOORDEN) + r")'")

# The command clauses of the services' refusals, each as the web page says it (see the docstring).
WEBWOORDEN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(patroon), vervanging)
    for patroon, vervanging in (
        # adviezen.gewijzigd_door: the page shown with the refusal is the advice as it is now.
        (
            r"er is niets opgeslagen, bekijk het met 'advies toon [^']*'",
            "er is niets opgeslagen; hieronder staat het zoals het nu is",
        ),
        # levensloop.vereis_ondertekening
        (r"\(brief\.ondertekenaar en brief\.functie zijn leeg\)", "(de ondertekenaar en de functie ontbreken)"),
        (r"\(brief\.ondertekenaar is leeg\)", "(de ondertekenaar ontbreekt)"),
        (r"\(brief\.functie is leeg\)", "(de functie van de ondertekenaar ontbreekt)"),
        (
            r"zet eerst 'advies instelling brief\.ondertekenaar [^']*' en 'advies instelling brief\.functie [^']*'",
            "vul eerst de ondertekenaar en de functie van de brieven in bij de instellingen",
        ),
        (
            r"zet eerst 'advies instelling brief\.ondertekenaar [^']*'",
            "vul eerst de ondertekenaar van de brieven in bij de instellingen",
        ),
        (
            r"zet eerst 'advies instelling brief\.functie [^']*'",
            "vul eerst de functie van de ondertekenaar in bij de instellingen",
        ),
        # toestanden: agenderen without a text
        (r"sla er eerst een op met 'advies concept'", "sla er eerst een op met Concept opslaan"),
        # brieven: no letter yet
        (r"die ontstaat met 'advies concept [^']*'", "die ontstaat zodra er een concepttekst is opgeslagen"),
        # termijnwijzigingen: a suspension after the term ran out
        (
            r"een verstreken termijn verlengt u met 'advies termijn'",
            "een verstreken termijn verlengt u met Termijn verlengen",
        ),
        # aflevering: the reminder is stored, only writing its file failed
        (r"schrijf haar met 'advies brief [^']*'", "u vindt haar bij de documenten van het advies"),
        # rechten, agenda, wachtwoorden, gebruikers: someone not (yet) a user
        (
            r"zet ADVIES_GEBRUIKER op uw geregistreerde naam of "
            r"vraag de secretaris om 'advies gebruiker toevoegen [^']*'",
            "vraag de secretaris u toe te voegen",
        ),
        (r"vraag de secretaris om 'advies gebruiker toevoegen [^']*'", "vraag de secretaris u toe te voegen"),
        (r"voeg eerst toe met 'advies gebruiker toevoegen [^']*'", "de secretaris moet u eerst toevoegen"),
        (r"registreer haar eerst met 'advies gebruiker toevoegen'", "de secretaris moet haar eerst toevoegen"),
        (r"; 'advies gebruiker lijst' toont wie wel", ""),
        # opslag.diagnose and opslag.schema: for whoever runs the server
        (r"kijk het na met 'advies toon [^']*' of 'advies lijst' voordat", "kijk het na in het register voordat"),
        (r"voer (?:eerst )?'advies init' uit", "de beheerder moet de database eerst inrichten"),
    )
)
# A clause (up to the next ';' or the end) that still names a command: left out on the web.
_ZONDER_OPDRACHT = re.compile(r"(?:^|[;,(]\s*)[^;,()]*(?:'advies [^']*'|\bvoer [^;]*\buit\b)[^;)]*\)?")


def _plaatselijk(op: str) -> datetime:
    """A stored time stamp (ISO, UTC) in the council's own time zone (UTC where this machine has no
    time zone data)."""
    tijd = datetime.fromisoformat(op)
    if tijd.tzinfo is None:
        tijd = tijd.replace(tzinfo=UTC)
    try:
        from zoneinfo import ZoneInfo

        return tijd.astimezone(ZoneInfo(TIJDZONE))
    except (ImportError, LookupError, OSError):
        return tijd


def _dag(waarde: date | str) -> date:
    """A date, its ISO text, or a stored time stamp (then the day it was where the council is)."""
    if isinstance(waarde, date):
        return waarde
    return date.fromisoformat(waarde) if len(waarde) == 10 else _plaatselijk(waarde).date()


@lru_cache(maxsize=4096)
def _lang_van(dag: date) -> str:
    """babel's long date, kept: the register page shows 200 rows with two dates each."""
    return lange_datum(dag)


def datumtekst(dag: date | str | None) -> str:
    """ "3 december 2026"; empty for no date."""
    return _lang_van(_dag(dag)) if dag else ""


def datum(dag: date | str | None) -> Markup:
    """A date for a page: `<time datetime="2026-12-03">3 december 2026</time>`; empty for no date."""
    if not dag:
        return Markup("")
    gegeven = _dag(dag)
    return Markup(f'<time datetime="{gegeven.isoformat()}">{escape(_lang_van(gegeven))}</time>')


def moment(op: str | None) -> Markup:
    """A stored time stamp as "3 december 2026 om 14:05", in the council's own time zone."""
    if not op:
        return Markup("")
    tijd = _plaatselijk(op)
    woorden = f"{_lang_van(tijd.date())} om {tijd:%H:%M}"
    return Markup('<time datetime="{}">{}</time>').format(tijd.isoformat(timespec="minutes"), woorden)


def status(code: str | None) -> str:
    return STATUSWOORDEN.get(code or "", (code or "").replace("_", " "))


def soort(code: str | None) -> str:
    return SOORTWOORDEN.get(code or "", code or "")


def oordeel(code: str | None) -> str:
    return OORDEELWOORDEN.get(code or "", code or "")


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """ "1 advies", "2 adviezen", "0 adviezen": the one place a count meets its noun."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def in_woorden(tekst: str) -> str:
    """ISO dates as long dates, quoted status codes as words, hashes left out: for any text the
    register wrote for both faces (a history note, a refusal, a failure of the outbox)."""
    tekst = _HASH.sub("", tekst)
    tekst = _STATUSCODE.sub(lambda m: f"'{STATUSWOORDEN[m.group(1)]}'", tekst)
    return ISO_DATUM.sub(_lang, tekst)


def _lang(gevonden: re.Match[str]) -> str:
    try:
        return _lang_van(date.fromisoformat(gevonden.group(1)))
    except ValueError:  # digits that only look like a date
        return gevonden.group(1)


def webzin(tekst: str) -> str:
    """A refusal of the register as the web page says it: command clauses as web instructions
    (WEBWOORDEN), any other command clause left out, then dates, statuses and hashes in words."""
    for patroon, vervanging in WEBWOORDEN:
        tekst = patroon.sub(vervanging, tekst)
    tekst = _ZONDER_OPDRACHT.sub("", tekst).strip(" ;,")
    return in_woorden(tekst)


def gebeurtenis(rij: dict[str, Any]) -> str:
    """A history row as a sentence: "Op de agenda gezet door els"."""
    wat = GEBEURTENISSEN.get(rij["gebeurtenis"], str(rij["gebeurtenis"]).replace("_", " ").capitalize())
    return f"{wat} door {rij['door']}" if rij.get("door") else wat


_CONCEPTNOTITIE = re.compile(r"^versie (\d+) uit .*$", re.S)
_VERZENDNOTITIE = re.compile(r"; brief [^;]*$")
_BIJLAGENOTITIE = re.compile(r"^bijlage \((\w+)\) .* van (\d{4}-\d{2}-\d{2}) toegevoegd.*$", re.S)


def toelichting(rij: dict[str, Any]) -> str:
    """The note of a history row in words: what the services wrote, without a hash, the name of an
    uploaded file or an ISO date (the documents list has each file, named by what it is)."""
    notitie = str(rij.get("notitie") or "")
    wat = rij.get("gebeurtenis")
    if wat == "concept" and (gevonden := _CONCEPTNOTITIE.match(notitie)):
        notitie = f"versie {gevonden.group(1)}"
    elif wat == "verzenden":
        notitie = _VERZENDNOTITIE.sub("", notitie)
    elif wat == "bijlage" and (gevonden := _BIJLAGENOTITIE.match(notitie)):
        soort_, dag = gevonden.groups()
        notitie = f"{DOCUMENTWOORDEN.get(soort_, 'bijlage').lower()} van {dag}"
    notitie = in_woorden(notitie)
    return notitie[:1].upper() + notitie[1:]


def document(d: dict[str, Any]) -> str:
    """A stored document named by what it is and its date: "Adviesbrief van 4 oktober 2026",
    "Conceptbrief, versie 2, van 12 november 2026", with the kind of file: "(Word)"."""
    code = d.get("code", d["soort"])
    naam = DOCUMENTWOORDEN.get(code, str(d["soort"]).capitalize())
    if d.get("kenmerk") and code == "herinnering":
        naam += f" {d['kenmerk']}"
    if d.get("versie") and code == "concept":
        naam += f", versie {d['versie']},"
    naam += f" van {datumtekst(d['datum'])}" if d.get("datum") else ""
    bestandssoort = _BESTANDSSOORTEN.get(str(d.get("naam") or "").rsplit(".", 1)[-1].lower())
    return f"{naam} ({bestandssoort})" if bestandssoort else naam


def filters() -> dict[str, Any]:
    """The filters every template of the web page may use."""
    return {
        "datum": datum,
        "datumtekst": datumtekst,
        "moment": moment,
        "status": status,
        "soort": soort,
        "oordeel": oordeel,
        "gebeurtenis": gebeurtenis,
        "toelichting": toelichting,
        "document": document,
        "webzin": webzin,
        "in_woorden": in_woorden,
        "aantal": aantal,
    }


def globalen() -> dict[str, Any]:
    return {"aantal": aantal}
