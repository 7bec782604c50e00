"""Checking a user's Word template before it is stored or used.

What goes wrong when a secretary edits a template in Word: a tag broken over two paragraphs,
Word's curly quotes inside a tag, a Jinja typo, a variable the letter does not have. Each finding
names the paragraph it is in ("alinea 12", counted from the top of the document, empty ones too).
Last, a trial letter is rendered with example data, which catches what only shows when rendering.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from adviesfouten import AdviesFout, OngeldigeInvoer

KRULLEN = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN = re.compile(r"\{[{%#]")
_DOCXTPL = re.compile(r"\{([{%#])(?:p|tr|tc|r)\s")  # docxtpl's {%p ..%}, {{r ..}}, ... are plain Jinja after it
_BLOK_OPEN = re.compile(r"\{%-?[ptrc]*\s*(if|for|with|block|macro|call|filter|raw)\b")
_BLOK_SLUIT = re.compile(r"\{%-?[ptrc]*\s*end(if|for|with|block|macro|call|filter|raw)\b")


class SjabloonFout(OngeldigeInvoer):
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
    """Refuse a template the letter of `soort` cannot use (raises SjabloonFout with every finding);
    the check runs in a bounded worker process."""
    controleer_in_werker(inhoud, soort)


def onderzoek(inhoud: bytes, soort: str = "adviesbrief.docx") -> list[str]:
    """The variables a good template uses; raises SjabloonFout listing every problem otherwise.
    Runs in the worker (`sjablonen.werker`, job "controleer"): parsed, checked against the
    allowlist (`sjablonen.toegestaan`) and tried in the sandbox that renders every letter."""
    from jinja2 import TemplateSyntaxError, meta

    from sjablonen.brieven import VARIABELEN
    from sjablonen.toegestaan import SCHEMA, weigeringen
    from sjablonen.zandbak import Zandbak

    if soort not in VARIABELEN:
        raise OngeldigeInvoer(f"onbekende soort sjabloon '{soort}'")
    schema = {naam: SCHEMA[naam] for naam in VARIABELEN[soort]}
    delen = _delen(inhoud)
    fouten: list[str] = []
    for alineas in delen.values():
        fouten += _tags(alineas)
    genoemd: set[str] = set()
    omgeving = Zandbak()
    for alineas in delen.values():
        bron = "\n".join(_DOCXTPL.sub(lambda m: "{" + m[1] + " ", _recht(a.tekst)) for a in alineas)
        try:
            boom = omgeving.parse(bron)
        except TemplateSyntaxError as fout:
            fouten.append(_syntaxfout(fout, alineas))
            continue
        genoemd |= meta.find_undeclared_variables(boom)
        for weigering in weigeringen(boom, schema):
            alinea = alineas[min(weigering.regel, len(alineas)) - 1] if alineas else Alinea("alinea 1", "")
            fouten.append(f"{alinea.noem()}: {weigering.melding}")
    if soort == "adviesbrief.docx":
        fouten += _adviestekst(delen["document"], "advies_kenmerk" in genoemd)
    if not fouten:
        fouten += _proefbrief(inhoud, soort, [a for alineas in delen.values() for a in alineas])
    if fouten:
        raise SjabloonFout(list(dict.fromkeys(fouten)))
    return sorted(genoemd & set(schema))


def controleer_in_werker(inhoud: bytes, soort: str = "adviesbrief.docx") -> list[str]:
    """`onderzoek` in a bounded worker process: the way every caller outside the worker checks."""
    from sjablonen import werker

    uitkomst = werker.voer_uit("controleer", {"inhoud": inhoud, "soort": soort})
    assert isinstance(uitkomst, list)
    return [str(naam) for naam in uitkomst]


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
        "datum": "28 januari 2020",
        "kenmerk": "CRA 2020-02",
        "uw_kenmerk": "WI/2020/0042",
        "uw_brief_van": "10 januari 2020",
        "onderwerp": 'Werkprogramma "Werk & <Inkomen>" 2020-2022',
        "onderwerpregel": 'Advies over het Werkprogramma "Werk & <Inkomen>" 2020-2022',
        "soort": "gevraagd",
        "ondertekenaar": "H. Alderkamp",
        "functie": "Voorzitter a.i. Cliëntenraad Werk & Inkomen",
        "afschriften": ["Raadscommissie Werk en Inkomen", "Directiecontact"],
        "advies_kenmerk": "CRA\u00a02020-02",
        "verzonden_op": "29 januari 2020",
        "reactie_uiterlijk": "11 maart 2020",
        "nieuwe_termijn": "15 april 2020",
        "herinnering_nummer": 2,
        "herinnering_titel": "Tweede herinnering",
        "vorige_herinneringen": [{"kenmerk": "CRB\u00a02020-01", "datum": "12 maart 2020"}],
    }
    from sjablonen.brieven import VARIABELEN

    return {k: v for k, v in gegevens.items() if k in VARIABELEN[soort]}


def voorbeeldlogo() -> bytes:
    """A small PNG (a blue block of 40 by 20 pixels): the trial letter fills the logo too."""
    breedte, hoogte = 40, 20
    rij = b"\x00" + b"\x1f\x4e\x79" * breedte
    data = zlib.compress(rij * hoogte)

    def stuk(soort: bytes, inhoud: bytes) -> bytes:
        return struct.pack(">I", len(inhoud)) + soort + inhoud + struct.pack(">I", zlib.crc32(soort + inhoud))

    kop = struct.pack(">IIBBBBB", breedte, hoogte, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + stuk(b"IHDR", kop) + stuk(b"IDAT", data) + stuk(b"IEND", b"")


def _d(tekst: str, vet: bool = False, cursief: bool = False, **extra: Any) -> dict[str, Any]:
    return {"tekst": tekst, "vet": vet, "cursief": cursief, **extra}


# The trial letter's body: every element a draft can carry (sjablonen.blokvorm), so a check
# renders each of them in the template and a person who looks at it sees each once.
VOORBEELDTEKST: list[dict[str, Any]] = [
    {"stijl": "kop", "delen": [_d("Een tussenkop")]},
    {
        "stijl": "alinea",
        "delen": [
            _d("De raad adviseert "),
            _d("vet", vet=True),
            _d(", "),
            _d("cursief", cursief=True),
            _d(" en "),
            _d("onderstreept", onderstreept=True),
            _d("; zie "),
            _d("de website", link="https://www.example.nl/?werk=1&inkomen=2"),
            _d("."),
        ],
    },
    {"stijl": "opsomming", "delen": [_d("een punt & nog één", vet=True)]},
    {"stijl": "opsomming", "delen": [_d("een punt daaronder")], "niveau": 1},
    {"stijl": "nummering", "delen": [_d("punt drie")], "start": 3},
    {"stijl": "nummering", "delen": [_d("punt drie, eerste deel")], "niveau": 1},
    {"stijl": "nummering", "delen": [_d("punt vier")]},
    {"stijl": "citaat", "delen": [_d("Een citaat uit de adviesaanvraag.")]},
    {
        "stijl": "tabel",
        "rijen": [
            [[_d("Jaar")], [_d("Doel <en> middel")]],
            [[_d("2020")], [_d("Werk & inkomen")]],
        ],
        "kopregels": 1,
    },
]


def _proefbrief(inhoud: bytes, soort: str, alineas: list[Alinea]) -> list[str]:
    """Render a letter with example data: catches what parsing cannot, such as `organisatie.nam`."""
    from sjablonen.brieven import render_in_werker

    try:
        render_in_werker(
            inhoud,
            voorbeeldgegevens(soort),
            VOORBEELDTEKST if soort == "adviesbrief.docx" else None,
            logo=voorbeeldlogo(),
        )
    except AdviesFout as fout:
        naam = re.search(r"'(\w+)' bestaat niet", str(fout))
        waar = _waar(naam[1], alineas) if naam else "het sjabloon"
        return [f"{waar}: een proefbrief lukt niet: {fout}"]
    return []
