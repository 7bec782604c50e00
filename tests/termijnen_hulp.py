"""A sent advice in a few CLI steps, for the tests of terms, signals and the agenda."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Advies, als_json


def verzend(advies: Advies, tekst: Callable[..., Path], onderwerp: str, verzonden: str) -> str:
    """Register an unsolicited advice in 2020 and send it on `verzonden`; returns its kenmerk."""
    kenmerk: str = als_json(advies("nieuw", onderwerp, "--datum", "2020-01-10", "--json"))["kenmerk"]
    advies("concept", kenmerk, "--tekst", str(tekst()))
    advies("agenderen", kenmerk, "--vergadering", "2020-01-20")
    advies("vaststellen", kenmerk, "--datum", "2020-01-20")
    advies("verzenden", kenmerk, "--datum", verzonden)
    return kenmerk
