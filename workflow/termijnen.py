"""Terms: the college's response is due N weeks after sending, moved past Saturdays, Sundays and
the general holidays of the Algemene termijnenwet (art. 3)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

# Art. 3 Algemene termijnenwet, by the names the `holidays` package gives them in Dutch.
# Goede Vrijdag is deliberately absent; 5 mei counts in every year, not only in lustrum years,
# so it is added by date below rather than taken from the package.
_TERMIJNWET_NAMEN = frozenset(
    {
        "Nieuwjaarsdag",
        "Tweede paasdag",
        "Hemelvaartsdag",
        "Tweede pinksterdag",
        "Eerste kerstdag",
        "Tweede kerstdag",
        "Koningsdag",
        "Koninginnedag",
    }
)


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> dict[date, str]:
    """The generally recognised holidays of one year, in the sense of the Algemene termijnenwet."""
    from holidays.countries.netherlands import Netherlands

    land = Netherlands(years=jaar, language="nl")  # type: ignore[no-untyped-call]
    dagen = {dag: naam for dag, naam in land.items() if naam in _TERMIJNWET_NAMEN}
    dagen[date(jaar, 5, 5)] = "Bevrijdingsdag"
    return dagen


def is_termijnvrije_dag(dag: date) -> bool:
    return dag.weekday() >= 5 or dag in feestdagen(dag.year)


def eerstvolgende_termijndag(dag: date) -> date:
    while is_termijnvrije_dag(dag):
        dag += timedelta(days=1)
    return dag


def reactie_uiterlijk(verzonden_op: date, weken: int) -> date:
    """The due date of the college's response to an advice sent on `verzonden_op`."""
    return eerstvolgende_termijndag(verzonden_op + timedelta(weeks=weken))
