"""Dates as Dutch readers see them ("28 januari 2020"), through babel, imported only when used."""

from __future__ import annotations

from datetime import date


def lange_datum(dag: date | str | None) -> str:
    """`2020-01-28` (a date or its ISO text) as "28 januari 2020"; empty for no date."""
    if dag is None:
        return ""
    from babel.dates import format_date

    return format_date(date.fromisoformat(dag) if isinstance(dag, str) else dag, format="long", locale="nl_NL")


def dagen_tot_en_met(van: date, tot: date) -> int:
    """The days from `van` to `tot`, both included (a suspension of 1 to 3 March pauses 3 days)."""
    return (tot - van).days + 1


def maandnamen() -> dict[int, str]:
    """1 to 12 as "januari" to "december"."""
    from babel.dates import get_month_names

    return {int(n): str(naam) for n, naam in get_month_names("wide", locale="nl").items()}
