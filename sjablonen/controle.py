"""Checking a user's Word template before it is stored or used.

What goes wrong when a secretary edits a template in Word: a tag broken over two paragraphs,
Word's curly quotes inside a tag, a Jinja typo, a variable the letter does not have. Each finding
names the paragraph it is in ("alinea 12", counted from the top of the document, empty ones too).
Last, a trial letter is rendered with example data, which catches what only shows when rendering.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any

from workflow.fouten import AdviesFout

KRULLEN = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN = re.compile(r"\{[{%#]")
_DOCXTPL = re.compile(r"\{([{%#])(?:p|tr|tc|r)\s")  # docxtpl's {%p ..%}, {{r ..}}, ... are plain Jinja after it
_BLOK_OPEN = re.compile(r"\{%-?[ptrc]*\s*(if|for|with|block|macro|call|filter|raw)\b")
_BLOK_SLUIT = re.compile(r"\{%-?[ptrc]*\s*end(if|for|with|block|macro|call|filter|raw)\b")


class SjabloonFout(AdviesFout):
    """A template with one or more problems; `fouten` holds each as a Dutch sentence."""

    def __init__(self, fouten: list[str]) -> None:
        self.fouten = fouten
        super().__init__("het sjabloon is niet bruikbaar: " + "; ".join(fouten))


@dataclass(frozen=True)
class Alinea:
    plek: str  # "alinea 12", "koptekst, alinea 1"
    tekst: str

    def noem(self) -> str:
        kort = self.tekst.strip()
        kort = kort if len(kort) <= 60 else kort[:57] + "..."
        return f"{self.plek} ('{kort}')"


def controleer_sjabloon(inhoud: bytes, soort: str = "adviesbrief.docx") -> None:
    """Refuse a template the letter of `soort` cannot use (raises SjabloonFout with every finding)."""
    onderzoek(inhoud, soort)


def onderzoek(inhoud: bytes, soort: str = "adviesbrief.docx") -> list[str]:
    """The variables a good template uses; raises SjabloonFout listing every problem otherwise.
    Parsed and tried in the sandbox that renders every letter (`sjablonen.zandbak`)."""
    from jinja2 import TemplateSyntaxError, meta

    from sjablonen.brieven import VARIABELEN
    from sjablonen.zandbak import Zandbak

    delen = _delen(inhoud)
    fouten: list[str] = []
    for alineas in delen.values():
        fouten += _tags(alineas)
    gebruikt: set[str] = set()
    omgeving = Zandbak()
    for alineas in delen.values():
        bron = "\n".join(_DOCXTPL.sub(lambda m: "{" + m[1] + " ", _recht(a.tekst)) for a in alineas)
        try:
            boom = omgeving.parse(bron)
        except TemplateSyntaxError as fout:
            fouten.append(_syntaxfout(fout, alineas))
            continue
        fouten += _afgeschermd(boom, alineas)
        for naam in sorted(meta.find_undeclared_variables(boom)):
            gebruikt.add(naam)
            if naam not in VARIABELEN[soort]:
                fouten.append(
                    f"{_waar(naam, alineas)}: de variabele '{naam}' levert de brief niet "
                    f"(wel: {', '.join(sorted(VARIABELEN[soort]))})"
                )
    if soort == "adviesbrief.docx":
        fouten += _adviestekst(delen["document"], "advies_kenmerk" in gebruikt)
    if not fouten:
        fouten += _proefbrief(inhoud, soort, [a for alineas in delen.values() for a in alineas])
    if fouten:
        raise SjabloonFout(fouten)
    return sorted(gebruikt)


def _delen(inhoud: bytes) -> dict[str, list[Alinea]]:
    """The paragraphs of the body, the headers and the footers, as docxtpl will see their text."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from lxml.etree import XMLSyntaxError

    from sjablonen.zandbak import controleer_docx

    try:
        controleer_docx(inhoud)
    except AdviesFout as fout:
        raise SjabloonFout([str(fout)]) from None
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            archief.getinfo("word/document.xml")
        document = docx.Document(io.BytesIO(inhoud))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError):
        raise SjabloonFout(["het is geen geldig Word-document (.docx)"]) from None

    def alineas(element: Any, plek: str) -> list[Alinea]:
        return [
            Alinea(f"{plek}alinea {i}", "".join(t.text or "" for t in p.iter(qn("w:t"))))
            for i, p in enumerate(element.iter(qn("w:p")), start=1)
        ]

    delen = {"document": alineas(document.element.body, "")}
    for soort, naam in ((RT.HEADER, "koptekst"), (RT.FOOTER, "voettekst")):
        for n, rel in enumerate(r for r in document.part.rels.values() if r.reltype == soort):
            achter = f" {n + 1}" if n else ""
            delen[f"{naam}{achter}"] = alineas(rel.target_part.element, f"{naam}{achter}, ")
    return delen


def _tags(alineas: list[Alinea]) -> list[str]:
    """Tags broken over paragraphs, curly quotes in tags, `{{p ..}}` that does not stand alone."""
    fouten: list[str] = []
    vorige_open = False
    for alinea in alineas:
        tekst = alinea.tekst
        heel = list(_TAG.finditer(tekst))
        rest = _TAG.sub(lambda m: "\x00" * len(m[0]), tekst)
        open_ = _OPEN.search(rest)
        sluit = re.search(r"[}%#]\}", rest)
        if open_:
            fouten.append(
                f"{alinea.noem()}: de tag '{tekst[open_.start() :].strip()}' wordt in deze alinea niet gesloten; "
                "een tag moet binnen één alinea beginnen en eindigen (Word splitst een tag soms over twee alinea's)"
            )
        elif sluit and not vorige_open:
            fouten.append(
                f"{alinea.noem()}: '{sluit[0]}' sluit een tag die in deze alinea niet begint; "
                "typ de hele tag opnieuw binnen één alinea"
            )
        vorige_open = bool(open_)
        for tag in heel:
            if any(k in tag[0] for k in KRULLEN):
                fouten.append(
                    f"{alinea.noem()}: Word heeft in '{tag[0]}' gekrulde aanhalingstekens gezet; "
                    "vervang ze door rechte (' of \")"
                )
            if re.match(r"\{[{%#](p|tr|tc)\s", tag[0]) and tekst.strip() != tag[0].strip():
                fouten.append(
                    f"{alinea.noem()}: '{tag[0]}' moet alleen in een eigen alinea staan; "
                    "de rest van de alinea zou wegvallen"
                )
    return fouten


def _afgeschermd(boom: Any, alineas: list[Alinea]) -> list[str]:
    """Names starting with `_` (`__class__`, `__globals__`, ...): the way out of a template to
    Python. The sandbox refuses them when rendering; the check names them before anything runs."""
    from jinja2 import nodes

    namen: list[str] = []
    for knoop in boom.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(knoop, nodes.Getattr):
            namen.append(knoop.attr)
        elif isinstance(knoop, nodes.Getitem) and isinstance(knoop.arg, nodes.Const):
            namen.append(str(knoop.arg.value))
        elif isinstance(knoop, nodes.Filter) and knoop.name == "attr" and knoop.args:
            if isinstance(knoop.args[0], nodes.Const):
                namen.append(str(knoop.args[0].value))
    return [
        f"{_waar(naam, alineas)}: '{naam}' is niet toegestaan in een sjabloon "
        "(namen die met '_' beginnen geven toegang tot Python zelf)"
        for naam in dict.fromkeys(n for n in namen if n.startswith("_"))
    ]


def _adviestekst(alineas: list[Alinea], herinnering: bool = False) -> list[str]:
    """The advice's text must be there, as `{{p tekst }}` in a paragraph of its own."""
    fouten = [
        f"{a.noem()}: gebruik '{{{{p tekst }}}}' in een eigen alinea; '{t[0]}' kan geen alinea's bevatten"
        for a in alineas
        for t in _TAG.finditer(a.tekst)
        if re.match(r"\{\{-?(?:r\s+|\s*)tekst\b", t[0])
    ]
    if not any(re.search(r"\{\{p\s+tekst\s*\}\}", a.tekst) for a in alineas):
        hint = " (is dit een herinnering? gebruik dan --soort herinnering)" if herinnering else ""
        fouten.append(
            f"de adviestekst ontbreekt: zet '{{{{p tekst }}}}' in een eigen alinea waar de tekst moet komen{hint}"
        )
    return fouten


def _recht(tekst: str) -> str:
    return tekst.translate({ord(k): "'" if k in "\u2018\u2019\u201a\u201b" else '"' for k in KRULLEN})


def _syntaxfout(fout: Any, alineas: list[Alinea]) -> str:
    regel = max((fout.lineno or 1) - 1, 0)
    if "unexpected end of template" in str(fout).lower():
        open_blok = _open_blok(alineas)
        if open_blok is not None:
            alinea, soort = open_blok
            return f"{alinea.noem()}: '{{% {soort} %}}' wordt nergens gesloten met '{{% end{soort} %}}'"
    alinea = alineas[min(regel, len(alineas) - 1)] if alineas else Alinea("alinea 1", "")
    return f"{alinea.noem()}: Jinja-syntaxfout: {_vertaal(str(fout))}"


def _open_blok(alineas: list[Alinea]) -> tuple[Alinea, str] | None:
    stapel: list[tuple[Alinea, str]] = []
    for alinea in alineas:
        for tag in _TAG.finditer(alinea.tekst):
            if m := _BLOK_SLUIT.match(tag[0]):
                if stapel and stapel[-1][1] == m[1]:
                    stapel.pop()
            elif m := _BLOK_OPEN.match(tag[0]):
                stapel.append((alinea, m[1]))
    return stapel[-1] if stapel else None


def _vertaal(melding: str) -> str:
    if m := re.match(r"Encountered unknown tag '(\w+)'", melding):
        return f"onbekende tag '{m[1]}' ({melding})"
    if m := re.match(r"unexpected '(.+)'", melding):
        return f"onverwacht '{m[1]}'"
    return melding


def _waar(naam: str, alineas: list[Alinea]) -> str:
    """The first paragraph with a tag that mentions `naam`."""
    patroon = re.compile(rf"\b{re.escape(naam)}\b")
    for alinea in alineas:
        if any(patroon.search(t[0]) for t in _TAG.finditer(alinea.tekst)):
            return alinea.noem()
    return "het sjabloon"


def voorbeeldgegevens(soort: str = "adviesbrief.docx") -> dict[str, Any]:
    """Example data for a trial letter: every variable filled, with characters that need escaping."""
    from workflow.datums import lange_datum

    gegevens: dict[str, Any] = {
        "concept": True,
        "versie": 1,
        "organisatie": {
            "naam": "Cliëntenraad Werk & Inkomen",
            "adres": ["Postbus 1", "9700 AA Groningen"],
            "plaats": "Groningen",
        },
        "geadresseerde": ["College van burgemeester en wethouders", "Postbus 30026", "9700 RM Groningen"],
        "plaats": "Groningen",
        "datum": lange_datum(date(2020, 1, 28)),
        "kenmerk": "CRA 2020-02",
        "uw_kenmerk": "WI/2020/0042",
        "uw_brief_van": lange_datum(date(2020, 1, 10)),
        "onderwerp": 'Werkprogramma "Werk & <Inkomen>" 2020-2022',
        "onderwerpregel": 'Advies over het Werkprogramma "Werk & <Inkomen>" 2020-2022',
        "soort": "gevraagd",
        "ondertekenaar": "H. Alderkamp",
        "functie": "Voorzitter a.i. Cliëntenraad Werk & Inkomen",
        "afschriften": ["Raadscommissie Werk en Inkomen", "Directiecontact"],
        "advies_kenmerk": "CRA\u00a02020-02",
        "verzonden_op": lange_datum(date(2020, 1, 29)),
        "reactie_uiterlijk": lange_datum(date(2020, 3, 11)),
        "nieuwe_termijn": lange_datum(date(2020, 4, 15)),
        "herinnering_nummer": 2,
        "herinnering_titel": "Tweede herinnering",
        "vorige_herinneringen": [{"kenmerk": "CRB\u00a02020-01", "datum": lange_datum(date(2020, 3, 12))}],
    }
    from sjablonen.brieven import VARIABELEN

    return {k: v for k, v in gegevens.items() if k in VARIABELEN[soort]}


VOORBEELDTEKST = [
    {"stijl": "alinea", "delen": [{"tekst": "De raad adviseert ", "vet": False, "cursief": False}]},
    {"stijl": "opsomming", "delen": [{"tekst": "een punt & nog één", "vet": True, "cursief": False}]},
]


def _proefbrief(inhoud: bytes, soort: str, alineas: list[Alinea]) -> list[str]:
    """Render a letter with example data: catches what parsing cannot, such as `organisatie.nam`."""
    from sjablonen.brieven import render

    try:
        render(inhoud, voorbeeldgegevens(soort), VOORBEELDTEKST if soort == "adviesbrief.docx" else None)
    except AdviesFout as fout:
        naam = re.search(r"'(\w+)' bestaat niet", str(fout))
        waar = _waar(naam[1], alineas) if naam else "het sjabloon"
        return [f"{waar}: een proefbrief lukt niet: {fout}"]
    return []
