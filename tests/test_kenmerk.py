"""The kenmerk: its form and the forgiving input of docs/domein.md."""

from __future__ import annotations

import pytest

from adviesfouten import AdviesFout
from workflow.domein.kenmerk import Kenmerk, formatteer, ontleed, volgende_letter


@pytest.mark.parametrize(
    "invoer, verwacht",
    [
        ("CRA 2020-02", Kenmerk(2020, 2, "", "CRA")),
        ("cra2020-2", Kenmerk(2020, 2, "", "CRA")),
        ("2020-02", Kenmerk(2020, 2)),
        ("2020-2", Kenmerk(2020, 2)),
        ("2020-08a", Kenmerk(2020, 8, "A")),
        (" CRA 2020 - 08A ", Kenmerk(2020, 8, "A", "CRA")),
        ("CRA-2020-02", Kenmerk(2020, 2, "", "CRA")),  # as in the names of written documents
        ("CRB_2021-02", Kenmerk(2021, 2, "", "CRB")),
    ],
)
def test_vergevingsgezinde_invoer(invoer: str, verwacht: Kenmerk) -> None:
    assert ontleed(invoer) == verwacht


@pytest.mark.parametrize(
    "invoer", ["", "CRA", "2020", "20-02", "2020-", "2020-0", "CRA 2020-02AB", "2020/02", "CRA 2020-1234567"]
)
def test_ongeldige_invoer(invoer: str) -> None:
    with pytest.raises(AdviesFout, match="ongeldig kenmerk"):
        ontleed(invoer)


def test_vorm() -> None:
    assert formatteer("CRA", 2020, 2) == "CRA 2020-02"
    assert formatteer("CRA", 2020, 8, "A") == "CRA 2020-08A"
    assert formatteer("CRA", 2020, 123) == "CRA 2020-123"


def test_letters_van_aanvullingen() -> None:
    assert volgende_letter([]) == "A"
    assert volgende_letter(["A"]) == "B"
    assert volgende_letter(["B", "A"]) == "C"
    with pytest.raises(AdviesFout):
        volgende_letter(["Z"])
