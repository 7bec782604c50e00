"""The year overview as a CSV file for Dutch Excel: one row per advice, the columns of KOLOMMEN."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from sjablonen.jaaroverzicht.formules import csv_tekst
from sjablonen.jaaroverzicht.gegevens import Jaaroverzicht
from sjablonen.jaaroverzicht.kolommen import KOLOMMEN, rij


def _als_tekst(waarde: Any) -> Any:
    if waarde is None:
        return ""
    if isinstance(waarde, date):
        return waarde.isoformat()
    return csv_tekst(waarde) if isinstance(waarde, str) else waarde


def schrijf_csv(o: Jaaroverzicht, pad: Path) -> None:
    pad.write_bytes(csv_bytes(o))


def csv_bytes(o: Jaaroverzicht) -> bytes:
    """`;`-separated UTF-8 with a byte-order mark, so Dutch Excel shows ë and ï; ISO dates; a text
    that Excel would run as a formula starts with an apostrophe (formules.py)."""
    bestand = io.StringIO(newline="")
    schrijver = csv.writer(bestand, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([csv_tekst(k) for k in KOLOMMEN])
    for r in o.regels:
        schrijver.writerow([_als_tekst(w) for w in rij(r)])
    return bestand.getvalue().encode("utf-8-sig")
