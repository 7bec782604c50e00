"""Printing for people (tables, Dutch dates) and for scripts (JSON with ISO dates)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from workflow.invoer import zichtbaar


def als_json(gegevens: Any) -> bytes:
    """The JSON every command prints: UTF-8, indented by two spaces, dates as `JJJJ-MM-DD`.

    Byte for byte what `json.dumps(gegevens, ensure_ascii=False, indent=2)` writes for the
    values the commands print, but encoded in C by orjson also when indented: the standard
    library indents in Python, which for a list of 10.000 advices costs more than the query.
    """
    import orjson  # loaded by the commands that print JSON, not by every start (`advies --help`)

    return orjson.dumps(gegevens, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)


def druk_json(gegevens: Any) -> None:
    click.echo(als_json(gegevens))


def tabel(koppen: Sequence[str], rijen: Sequence[Sequence[Any]], titel: str | None = None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text objects, not strings: rich would read "[...]" in a subject as markup. Control and bidi
    # characters are shown as escapes, never sent to the terminal.
    t = Table(*koppen, title=titel, box=box.SIMPLE_HEAD, title_justify="left", highlight=False)
    for rij in rijen:
        t.add_row(*(Text(zichtbaar("" if w is None else str(w))) for w in rij))
    Console(soft_wrap=False, highlight=False, width=max(_breedte(), 100)).print(t)


def velden(paren: Sequence[tuple[str, Any]]) -> None:
    breedte = max(len(k) for k, _ in paren)
    for sleutel, waarde in paren:
        if waarde not in (None, ""):
            click.echo(f"{sleutel + ':':<{breedte + 1}} {zichtbaar(str(waarde))}")


def _breedte() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


def meld(advies: Any, melding: str, als_json: bool) -> None:
    """After a change: the advice as it now is (JSON), or one sentence for people."""
    if als_json:
        from workflow.overzichten import advies_als_dict

        druk_json(advies_als_dict(advies))
    else:
        click.echo(zichtbaar(melding))
