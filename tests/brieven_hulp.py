"""Helpers for the letter tests: reading a .docx back, making templates and a small PNG."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
from lxml import etree

if TYPE_CHECKING:
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph


def alineas(pad_of_inhoud: Path | bytes, lege: bool = False) -> list[str]:
    """The body's paragraphs' text top to bottom, those in tables (letterhead, addressee) included;
    without the empty ones unless `lege`."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    inhoud = pad_of_inhoud.read_bytes() if isinstance(pad_of_inhoud, Path) else pad_of_inhoud
    document = docx.Document(io.BytesIO(inhoud))
    teksten = [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]
    return [t for t in teksten if lege or t.strip()]


def pdf_paginas(inhoud: bytes) -> list[str]:
    """The text of each page of a PDF."""
    import pypdf

    return [pagina.extract_text() for pagina in pypdf.PdfReader(io.BytesIO(inhoud)).pages]


def xmp(inhoud: bytes) -> etree._Element:
    """The XMP metadata packet of a PDF, parsed."""
    import pypdf

    catalogus = pypdf.PdfReader(io.BytesIO(inhoud)).trailer["/Root"]
    assert isinstance(catalogus, pypdf.generic.DictionaryObject)
    metadata = catalogus["/Metadata"].get_object()
    assert isinstance(metadata, pypdf.generic.StreamObject)
    return etree.fromstring(metadata.get_data())


def stijl(alinea: Paragraph) -> ParagraphStyle:
    """A paragraph's style; python-docx types it as optional, every paragraph has one."""
    assert alinea.style is not None
    return alinea.style


def kopregels(inhoud: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(inhoud))
    return [p.text for s in document.sections for p in s.header.paragraphs if p.text.strip()]


def alle_tekst(inhoud: bytes) -> str:
    """All text of every XML part (body, headers, footers, properties): for "CONCEPT is nowhere"."""
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        delen = [archief.read(n) for n in archief.namelist() if n.endswith(".xml")]
    return "\n".join("".join(etree.fromstring(d).itertext()) for d in delen)


def geldige_xml(inhoud: bytes) -> None:
    """Every XML part parses strictly (no recovery)."""
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        for naam in archief.namelist():
            if naam.endswith(".xml") or naam.endswith(".rels"):
                etree.fromstring(archief.read(naam), etree.XMLParser(recover=False))


def sjabloon(*regels: str, vervang: dict[str, str] | None = None, basis: bool = True) -> bytes:
    """The default advice template (or an empty document) with paragraphs added at the end and
    paragraph texts replaced (exact matches)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    from sjablonen.brieven import standaardsjabloon

    document = docx.Document(io.BytesIO(standaardsjabloon())) if basis else docx.Document()
    for alinea in [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]:
        if vervang and alinea.text in vervang:
            alinea.text = vervang[alinea.text]
    for regel in regels:
        document.add_paragraph(regel)
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()


def png(breedte: int = 30, hoogte: int = 10) -> bytes:
    """A small valid RGB PNG, without an image library."""
    rijen = b"".join(b"\x00" + bytes((20, 80, 160)) * breedte for _ in range(hoogte))

    def blok(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    kop = struct.pack(">IIBBBBB", breedte, hoogte, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + blok(b"IHDR", kop) + blok(b"IDAT", zlib.compress(rijen)) + blok(b"IEND", b"")


# Info key -> its XMP property (PDF/A-2, 6.6.2.3.1 and ISO 16684-1): they must be equivalent.
INFO_XMP = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Keywords": "pdf:Keywords",
    "/Producer": "pdf:Producer",
    "/Creator": "xmp:CreatorTool",
    "/CreationDate": "xmp:CreateDate",
    "/ModDate": "xmp:ModifyDate",
}
XMP_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def _datum(waarde: str) -> str:
    """A PDF date (D:20201203154348Z') and an XMP date (2020-12-03T15:43:48Z) as their digits."""
    return "".join(teken for teken in waarde if teken.isdigit())


def pdfa_afwijkingen(inhoud: bytes) -> list[str]:
    """What keeps a PDF from PDF/A-2b in the points checked here: an Info entry without an equal
    XMP property, a font that is not embedded, a missing PDF/A OutputIntent. Empty when none."""
    import pypdf

    lezer = pypdf.PdfReader(io.BytesIO(inhoud))
    metadata = xmp(inhoud)
    afwijkingen = []
    for sleutel, waarde in (lezer.metadata or {}).items():
        eigenschap = INFO_XMP.get(sleutel)
        if eigenschap is None:
            continue
        gevonden = metadata.find(f".//{eigenschap}", XMP_NS)
        tekst = None if gevonden is None else "".join(gevonden.itertext()).strip()
        if sleutel.endswith("Date") and tekst is not None:
            tekst, waarde = _datum(tekst), _datum(str(waarde))
        if tekst != str(waarde):
            afwijkingen.append(f"{sleutel} {str(waarde)!r} != {eigenschap} {tekst!r}")
    for n, pagina in enumerate(lezer.pages, start=1):
        fonts = pagina.get("/Resources", {}).get("/Font", {})
        for naam, font in fonts.items():
            font = font.get_object()
            for deel in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
                beschrijving = deel.get("/FontDescriptor")
                if beschrijving is None:
                    continue
                beschrijving = beschrijving.get_object()
                if not any(k in beschrijving for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    afwijkingen.append(f"pagina {n}: lettertype {naam} ({deel.get('/BaseFont')}) niet ingebed")
    catalogus: Any = lezer.trailer["/Root"]
    bedoelingen = [b.get_object() for b in catalogus.get("/OutputIntents", [])]
    if not any(b.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in b for b in bedoelingen):
        afwijkingen.append("geen OutputIntent GTS_PDFA1 met een kleurprofiel")
    return afwijkingen


def lettertypen(inhoud: bytes) -> set[str]:
    """The base font names of every page, without their subset prefix (ABCDEF+)."""
    import pypdf

    namen = set()
    for pagina in pypdf.PdfReader(io.BytesIO(inhoud)).pages:
        for font in pagina.get("/Resources", {}).get("/Font", {}).values():
            namen.add(str(font.get_object().get("/BaseFont", "")).lstrip("/").split("+")[-1])
    return namen


# Apache PDFBox Preflight from Debian's libpdfbox2-java: a PDF/A validator that installs from the
# distribution and runs offline (veraPDF is in no registry this project reaches). It checks
# PDF/A-1b, so of a PDF/A-2b file it reports the part number; every other finding is a real one.
PREFLIGHT_JARS = ("preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api")
PREFLIGHT_PAKKETTEN = "default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java"
ALLEEN_HET_DEEL = "7.11.2 : Error on MetaData, part must be 1"


def preflight_beschikbaar() -> bool:
    import shutil

    return shutil.which("java") is not None and all(Path(f"/usr/share/java/{j}.jar").exists() for j in PREFLIGHT_JARS)


def preflight(pad: Path) -> list[str]:
    """PDFBox Preflight's findings for the PDF at `pad` ("7.2 : Error on MetaData, ..."); [] when valid."""
    import subprocess

    pad_jars = ":".join(f"/usr/share/java/{j}.jar" for j in PREFLIGHT_JARS)
    uitkomst = subprocess.run(
        ["java", "-cp", pad_jars, "org.apache.pdfbox.preflight.Validator_A1b", str(pad)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    regels = uitkomst.stdout.splitlines()
    assert regels and "PDF/A-1b file" in regels[0], uitkomst.stdout + uitkomst.stderr
    return [r.strip() for r in regels[1:] if r.strip()]
