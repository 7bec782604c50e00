"""The JSON the commands print is exactly `json.dumps(..., ensure_ascii=False, indent=2)`."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from workflow.cli.uitvoer import als_json

SCALAIR = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
PLAT = st.dictionaries(st.text(), SCALAIR)
GENEST = st.recursive(SCALAIR, lambda kind: st.lists(kind) | st.dictionaries(st.text(), kind), max_leaves=10)


def _zoals_json(gegevens: Any) -> str:
    return json.dumps(gegevens, ensure_ascii=False, indent=2)


@given(st.lists(PLAT))
def test_lijst_van_platte_objecten(gegevens):
    assert als_json(gegevens) == _zoals_json(gegevens)


@given(GENEST)
def test_alles_anders_zoals_json(gegevens):
    assert als_json(gegevens) == _zoals_json(gegevens)


def test_randgevallen():
    for gegevens in (
        [],
        [{}],
        [{}, {"a": 1}],
        [{"a": [1, 2]}],
        [{1: "x"}],
        [{"a": 1}, 3],
        [{'é\n"\\': "Cliëntenraad \u2028 \x00", "b": True, "c": False, "d": None, "e": 1.5, "f": float("nan")}],
        {"jaar": 2020},
    ):
        assert als_json(gegevens) == _zoals_json(gegevens), gegevens
