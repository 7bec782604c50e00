"""The year overview as a CSV file for Dutch Excel: one row per advice, the columns of KOLOMMEN."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from sjablonen.jaaroverzicht.gegevens import Jaaroverzicht
from sjablonen.jaaroverzicht.kolommen import KOLOMMEN, rij


def _als_tekst(waarde: Any) -> Any:
    return "" if waarde is None else waarde.isoformat() if isinstance(waarde, date) else waarde


def schrijf_csv(o: Jaaroverzicht, pad: Path) -> None:
    """`;`-separated UTF-8 with a byte-order mark, so Dutch Excel shows ë and ï; ISO dates."""
    with pad.open("w", encoding="utf-8-sig", newline="") as bestand:
        schrijver = csv.writer(bestand, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(KOLOMMEN)
        for r in o.regels:
            schrijver.writerow([_als_tekst(w) for w in rij(r)])
