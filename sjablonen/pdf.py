"""Converting a letter to PDF/A-2b with LibreOffice (`soffice --headless`), when it is installed.

PDF/A is the archival format for records a council keeps for good (Archiefwet): LibreOffice's
PDF export filter writes PDF/A-2b when asked (`SelectPdfVersion` 2), with the fonts embedded and
the XMP metadata (`pdfaid:part` 2, `pdfaid:conformance` B). Title and author come from the letter's
document properties (the kenmerk and the subject line; the council).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from adviesfouten import Storing

# LibreOffice's PDF export filter with its PDF/A-2b option (JSON filter options: LibreOffice 7.4+).
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
WACHTTIJD = 180  # seconds; a cold LibreOffice start on a slow machine takes a while


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def vereis_soffice() -> str:
    """LibreOffice, with a font of Arial's metrics: without one it would substitute another font,
    and the archived PDF would break its lines differently from the Word letter that was sent."""
    programma = soffice()
    if programma is None:
        raise Storing(
            "LibreOffice is niet geïnstalleerd (het programma 'soffice' is niet gevonden), dus er is geen PDF "
            "gemaakt; installeer LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) "
            "of laat --pdf weg voor een Word-bestand"
        )
    if not arial_aanwezig():
        raise Storing(
            "het lettertype Arial of Liberation Sans ontbreekt, dus er is geen PDF gemaakt (een ander lettertype "
            "breekt de regels anders af dan de Word-brief); installeer het pakket fonts-liberation2"
        )
    return programma


# Fonts with Arial's metrics: the letters name Arial; Liberation Sans was made to replace it exactly.
ARIAL_MATEN = ("Arial", "Liberation Sans")


def arial_aanwezig() -> bool:
    """Whether fontconfig (which LibreOffice uses) gives Arial or a font with its metrics for "Arial"."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return False  # no fontconfig: LibreOffice finds no fonts either
    try:
        uitkomst = subprocess.run([fc_match, "-f", "%{family}", "Arial"], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return False
    return any(naam.strip() in ARIAL_MATEN for naam in uitkomst.stdout.split(","))


def naar_pdf(docx: bytes, naam: str) -> bytes:
    """The PDF/A-2b of a .docx, converted in a private LibreOffice profile (parallel runs do not collide)."""
    programma = vereis_soffice()
    with tempfile.TemporaryDirectory(prefix="advies-pdf-") as map_:
        werk = Path(map_)
        bron = werk / (Path(naam).stem + ".docx")
        bron.write_bytes(docx)
        opdracht = [
            programma,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(werk / 'profiel').as_uri()}",
            "--convert-to",
            PDF_A_FILTER,
            "--outdir",
            str(werk),
            str(bron),
        ]
        try:
            uitkomst = subprocess.run(
                opdracht, capture_output=True, text=True, timeout=WACHTTIJD, env={**os.environ, "HOME": map_}
            )
        except subprocess.TimeoutExpired:
            raise Storing(f"LibreOffice gaf binnen {WACHTTIJD} seconden geen PDF; er is geen PDF gemaakt") from None
        pdf = bron.with_suffix(".pdf")
        if uitkomst.returncode != 0 or not pdf.exists():
            melding = (uitkomst.stderr or uitkomst.stdout).strip().splitlines()
            reden = melding[-1] if melding else f"afsluitcode {uitkomst.returncode}"
            raise Storing(f"LibreOffice kon '{naam}' niet omzetten naar PDF: {reden}")
        return xmp_hersteld(pdf.read_bytes())


_PAKKET = re.compile(rb"<\?xpacket begin=.*?<\?xpacket end=", re.DOTALL)
# LibreOffice (7.x) escapes the document properties twice in the XMP: "Werk & Inkomen" becomes
# "Werk &amp;amp; Inkomen", which reads back as "Werk &amp; Inkomen" and differs from the Info
# dictionary's "Werk & Inkomen" (PDF/A-2, 6.6.2.3.1: the two must be equivalent).
_DUBBEL = re.compile(rb"&amp;(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);")


def xmp_hersteld(pdf: bytes) -> bytes:
    """The PDF with its XMP packet escaped once, as XML wants. The packet is uncompressed and ends in
    padding: what the repair takes out is added to the padding, so every byte offset (the
    cross-reference table, the stream's /Length) stays the same."""
    pakketten = list(_PAKKET.finditer(pdf))
    if len(pakketten) != 1:
        return pdf
    pakket = pakketten[0].group()
    hersteld = _DUBBEL.sub(rb"&\1;", pakket)
    if hersteld == pakket:
        return pdf
    einde = len(hersteld) - len(b"<?xpacket end=")
    hersteld = hersteld[:einde] + b" " * (len(pakket) - len(hersteld)) + hersteld[einde:]
    begin, eind = pakketten[0].span()
    return pdf[:begin] + hersteld + pdf[eind:]
