"""The types of the read rows (workflow/rijen.py) are what the commands print: the same keys in the
same order, and values of the declared types. A key a query adds (or drops) without its type
fails here, as does a value the type does not allow; mypy then checks every face that reads it."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from adviesfouten import AdviesFout
from tests import beginstand
from tests.conftest import Advies, als_json
from tests.termijnen_hulp import verzend
from workflow import overzichten, signalen, uitgaand
from workflow.domein.rechten import Rechten
from workflow.register import Register
from workflow.rijen import (
    AchterstalligRij,
    AdviesInFull,
    AdviesRij,
    ConcepttekstRij,
    DocumentRij,
    GeschiedenisRij,
    SignaalRij,
    TekstversieRij,
    TermijnwijzigingRij,
    UitgaandSignaalRij,
)

PEILDATUM = "2020-04-01"


def faal(opdracht: uitgaand.Opdracht) -> None:
    """A performer that always fails: outgoing work that shows up in `signalen`."""
    raise AdviesFout("kan de proef niet afleveren: de schijf is vol")


@pytest.fixture
def register(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Advies]:
    """A sent advice with a suspension, a reminder and failed outgoing work (2020-01), a late own
    advice (2020-02) and one in draft with two text versions (2020-03)."""
    monkeypatch.setitem(uitgaand.UITVOERDERS, "faal", "tests.test_rijen:faal")

    def bouw() -> None:
        kenmerk = verzend(advies, tekst, "Verzonden", "2020-01-29")
        advies("opschorten", kenmerk, "--van", "2020-02-03", "--tot", "2020-02-07", "--reden", "Wachten op stukken")
        advies("herinnering", kenmerk, "--datum", "2020-03-25", "--uit", str(tmp_path))
        advies("aanvraag", "Basisbanen", "--ontvangen", "2020-02-03", "--termijn", "2020-03-11")
        advies("nieuw", "In concept", "--datum", "2020-03-02")
        advies("concept", "2020-03", "--tekst", str(tekst("Eerste versie.\n")))
        advies("concept", "2020-03", "--tekst", str(tekst("Tweede versie.\n", naam="v2.txt")))
        register = Register()
        try:

            def neem_op(s: Session, _wie: Rechten) -> int:
                moment = datetime(2020, 4, 1, 9, 0, tzinfo=UTC)
                return uitgaand.neem_op(s, "faal", {}, kenmerk=kenmerk, nu=moment)

            register.wijzigen(neem_op)
            assert [u.gelukt for u in uitgaand.verwerk(register, nu=datetime(2020, 4, 1, 9, 0, tzinfo=UTC))] == [False]
        finally:
            register.sluit()

    beginstand.zet_neer("rijen", home, bouw)
    yield advies


def sleutels(soort: type[Any]) -> list[str]:
    return list(soort.__annotations__)


def past(waarde: Any, soort: Any) -> bool:
    """Whether `waarde` (from JSON) is of the type `soort` as the TypedDicts spell them."""
    if soort is Any:
        return True
    if soort is type(None) or soort is None:
        return waarde is None
    oorsprong = typing.get_origin(soort)
    if oorsprong in (typing.Union, types.UnionType):
        return any(past(waarde, s) for s in typing.get_args(soort))
    if oorsprong is typing.Literal:
        return waarde in typing.get_args(soort)
    if oorsprong is list:
        (element,) = typing.get_args(soort)
        return isinstance(waarde, list) and all(past(w, element) for w in waarde)
    if typing.is_typeddict(soort):
        return isinstance(waarde, dict) and klopt(waarde, soort) == []
    if soort is int:
        return isinstance(waarde, int) and not isinstance(waarde, bool)
    return isinstance(waarde, soort)


def klopt(rij: dict[str, Any], soort: type[Any]) -> list[str]:
    """What is wrong with `rij` as a `soort`: other keys (or another order), or a value of another type."""
    if list(rij) != sleutels(soort):
        return [f"{soort.__name__}: sleutels {list(rij)} in plaats van {sleutels(soort)}"]
    typen = typing.get_type_hints(soort)
    return [f"{soort.__name__}.{k}: {rij[k]!r} is geen {typen[k]}" for k in rij if not past(rij[k], typen[k])]


def controleer(rijen: list[dict[str, Any]], soort: type[Any]) -> None:
    assert rijen, f"geen rijen om {soort.__name__} mee te vergelijken"
    assert [fout for rij in rijen for fout in klopt(rij, soort)] == []


def test_lijst(register: Advies) -> None:
    adviezen = als_json(register("lijst", "--json"))
    assert len(adviezen) == 3
    controleer(adviezen, AdviesRij)
    assert tuple(AdviesRij.__annotations__) == overzichten.ADVIESSLEUTELS


def test_na_een_wijziging(register: Advies) -> None:
    """The advice a change prints (`advies_als_dict`, from the ORM) is an AdviesRij too."""
    controleer([als_json(register("nieuw", "Nog een", "--datum", "2020-03-03", "--json"))], AdviesRij)


def test_toon(register: Advies) -> None:
    advies = als_json(register("toon", "2020-01", "--json"))
    controleer([advies], AdviesInFull)
    for sleutel, soort in (
        ("geschiedenis", GeschiedenisRij),
        ("versies", TekstversieRij),
        ("documenten", DocumentRij),
        ("termijnwijzigingen", TermijnwijzigingRij),
    ):
        controleer(advies[sleutel], soort)  # each list has rows: the comparison is not empty
    assert advies["termijnwijzigingen"][0]["dagen"] == 5


def test_achterstallig(register: Advies) -> None:
    regels = als_json(register("achterstallig", "--peildatum", PEILDATUM, "--json"))
    controleer(regels, AchterstalligRij)
    assert {r["soort_achterstand"] for r in regels} == {"reactie_college", "eigen_advies"}
    assert tuple(AchterstalligRij.__annotations__) == overzichten.ACHTERSTALLIGSLEUTELS


def test_signalen(register: Advies) -> None:
    regels = als_json(register("signalen", "--peildatum", PEILDATUM, "--json"))
    uit_de_database = [r for r in regels if r["signaal"] != "uitgaand_mislukt"]
    controleer(uit_de_database, SignaalRij)
    assert {r["signaal"] for r in uit_de_database} == {"te_laat", "eigen_advies_te_laat"}
    controleer([r for r in regels if r["signaal"] == "uitgaand_mislukt"], UitgaandSignaalRij)
    assert tuple(SignaalRij.__annotations__) == signalen.SLEUTELS


def test_de_pagina_leest_dezelfde_rijen(register: Advies) -> None:
    """What only the web page reads: the register page's rows and the latest draft."""
    register_ = Register()
    try:
        with register_.inzien() as (verbinding, _wie):
            rijen, totaal = overzichten.zoek_in_register(verbinding, zoekterm="concept")
            inzage = overzichten.lees(verbinding, "2020-03")
            laatste = overzichten.laatste_tekst(verbinding, inzage.id)
    finally:
        register_.sluit()
    assert totaal == 1
    controleer(list(map(dict, rijen)), AdviesRij)
    assert laatste is not None and laatste["versie"] == 2
    controleer([dict(laatste)], ConcepttekstRij)
