"""Text that a spreadsheet would take for a formula, made harmless (OWASP's CSV-injection advice).

A cell whose text starts with =, +, -, @, a tab or a carriage return (or the full-width =, +, -
and @ that some Excel versions also accept) is run as a formula when Excel or LibreOffice opens
the file: a subject such as `=HYPERLINK(...)` or `+cmd|' /C calc'!A0` would become a link or a
command. In the CSV such a text gets a leading apostrophe, which Excel shows as text; in the
workbook the cell is a text cell with Excel's own "quote prefix", so the text stays exactly as it
is and stays text when someone edits it. Numbers are written as numbers, negative ones too.
"""

from __future__ import annotations

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def lijkt_formule(tekst: str) -> bool:
    return tekst.startswith(FORMULETEKENS)


def csv_tekst(tekst: str) -> str:
    """`tekst` as a CSV cell that no spreadsheet runs."""
    return "'" + tekst if lijkt_formule(tekst) else tekst
