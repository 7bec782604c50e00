"""The draft letters as PDF for the web page: each stored version converted once, and a bounded
number of conversions at once.

A stored letter never changes, so its PDF is kept under the SHA-256 of the .docx it came from (in
`pdf/` in ADVIES_HOME, readable by its owner only) and served from there afterwards. LibreOffice
takes seconds and a core per conversion: beyond `web.pdf_tegelijk` conversions at once, a request
is answered "bezig" with Retry-After at once, rather than joining a queue that grows.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from pathlib import Path

OPNIEUW_NA = 10  # seconds: the Retry-After of a "bezig" answer


class Omzetter:
    def __init__(self, map_: Path) -> None:
        self._map = map_
        self._slot = threading.Lock()
        self._bezig = 0

    def _pad(self, docx: bytes) -> Path:
        return self._map / (hashlib.sha256(docx).hexdigest() + ".pdf")

    def bewaard(self, docx: bytes) -> bool:
        return self._pad(docx).exists()

    def pdf(self, docx: bytes, naam: str, tegelijk: int) -> bytes | None:
        """The PDF of `docx`, from the kept ones or converted now; None when `tegelijk` are busy."""
        pad = self._pad(docx)
        if pad.exists():
            return pad.read_bytes()
        with self._slot:
            if self._bezig >= tegelijk:
                return None
            self._bezig += 1
        try:
            from sjablonen import pdf

            inhoud = pdf.naar_pdf(docx, naam)
            self._bewaar(pad, inhoud)
            return inhoud
        finally:
            with self._slot:
                self._bezig -= 1

    def _bewaar(self, pad: Path, inhoud: bytes) -> None:
        """Written under a temporary name and renamed: a reader never sees half a PDF."""
        self._map.mkdir(parents=True, exist_ok=True, mode=0o700)
        tijdelijk = pad.with_name(f".{pad.name}.{secrets.token_hex(8)}")
        greep = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(greep, "wb") as bestand:
            bestand.write(inhoud)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, pad)
