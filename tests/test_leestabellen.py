"""The read path (issue #16): `opslag.leestabellen` names only columns that `opslag.modellen` defines,
with the same kind of value, and a read command never loads sqlmodel, pydantic or the ORM."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import SQLModel

import opslag.modellen  # noqa: F401  (registers the tables)
from opslag.leestabellen import ALLE
from tests.conftest import Advies

# Printed to stderr when the process ends, after the command: the modules it loaded that the read path avoids.
_ZWAAR = """
import atexit, sys
def meld():
    zwaar = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlmodel", "pydantic")
                   or m in ("opslag.modellen", "sqlalchemy.orm", "transitions"))
    print("GELADEN:" + ",".join(zwaar), file=sys.stderr)
atexit.register(meld)
sys.argv = ["advies", *sys.argv[1:]]
from workflow.cli import main
main()
"""


def test_elke_kolom_staat_in_de_modellen() -> None:
    for tabel in ALLE:
        model = SQLModel.metadata.tables[tabel.name]
        for kolom in tabel.c:
            assert kolom.name in model.c, f"{tabel.name}.{kolom.name}"
            assert _soort(kolom.type) is _soort(model.c[kolom.name].type), f"{tabel.name}.{kolom.name}"


def _soort(type_: TypeEngine[Any]) -> type:
    """The SQL type itself: sqlmodel wraps str as AutoString(String) and datetime as UTCDateTime(DateTime)."""
    return type(type_.impl_instance) if isinstance(type_, TypeDecorator) else type(type_)


@pytest.mark.parametrize(
    "opdracht",
    [
        ("lijst", "--json"),
        ("lijst",),
        ("toon", "2020-1", "--json"),
        ("toon", "2020-1"),
        ("achterstallig", "--peildatum", "2020-06-01", "--json"),
        ("signalen", "--peildatum", "2020-06-01", "--json"),
        ("signalen", "--peildatum", "2020-06-01"),
    ],
)
@pytest.mark.een_backend(reden="welke modules een proces laadt, hangt niet af van de database")
def test_een_leesopdracht_laadt_geen_orm(advies: Advies, home: Path, opdracht: tuple[str, ...]) -> None:
    advies("demo", "--aantal", "30")
    uitkomst = subprocess.run([sys.executable, "-c", _ZWAAR, *opdracht], capture_output=True, text=True)
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert uitkomst.stdout.strip()
    assert uitkomst.stderr.strip().splitlines()[-1] == "GELADEN:"
