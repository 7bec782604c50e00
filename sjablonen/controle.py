"""Checking a user's Word template before it is stored or used."""

from __future__ import annotations

import io
import zipfile

from workflow.fouten import AdviesFout


def controleer_sjabloon(inhoud: bytes) -> None:
    """Refuse anything that is not a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            archief.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise AdviesFout("het sjabloon is geen geldig Word-document (.docx)") from None
