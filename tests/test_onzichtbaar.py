"""Text that shows nothing or spills over its lines is refused, digits are ASCII digits, and a file
is read only when it is a real file whose bytes stay within their bound."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Advies, momentopname, weiger

pytestmark = (
    pytest.mark.sqlite
)  # one backend is enough: invisible text is refused before any transaction; the backend plays no part

ONZICHTBAAR = {
    "hangul-vuller-kiyeok": "\u115f",
    "hangul-vuller-jungseong": "\u1160",
    "hangul-vuller": "\u3164",
    "halfbreed-hangul-vuller": "\uffa0",
    "braille-leeg": "\u2800",
    "tags": "Armoede\U000e0041\U000e0042\U000e007f",
    "alleen-tags": "\U000e0061\U000e0062",
}


@pytest.mark.parametrize("tekst", list(ONZICHTBAAR.values()), ids=list(ONZICHTBAAR))
def test_onzichtbare_tekens_geweigerd(advies: Advies, tekst: str) -> None:
    voor = momentopname()
    melding = weiger("aanvraag", tekst, "--ontvangen", "2020-01-10")
    assert melding.startswith("Fout: het onderwerp bevat een onzichtbaar teken (\\")
    assert melding.endswith("); typ de tekst opnieuw")
    assert momentopname() == voor


@pytest.mark.parametrize(
    "tekst",
    ["\u200b\u0301", "\u00ad", "\u0301\u0302", "\u200d\u2060"],
    ids=["nulbreedte-en-accent", "zacht-afbreekstreepje", "alleen-accenten", "alleen-opmaaktekens"],
)
def test_tekst_zonder_zichtbaar_teken_geweigerd(advies: Advies, tekst: str) -> None:
    voor = momentopname()
    assert weiger("aanvraag", tekst, "--ontvangen", "2020-01-10") == "Fout: het onderwerp bevat geen zichtbare tekst"
    assert momentopname() == voor


def test_gestapelde_accenten(advies: Advies) -> None:
    advies("aanvraag", "Armoede", "--ontvangen", "2020-01-10")
    voor = momentopname()
    for aantal in (4, 299):
        assert weiger("aanvraag", "Zalgo e" + "\u0301" * aantal, "--ontvangen", "2020-01-10") == (
            "Fout: het onderwerp heeft meer dan 3 accenttekens op één letter; typ de tekst opnieuw"
        )
    assert weiger("intrekken", "CRA 2020-01", "--reden", "x" + "\u0300" * 5) == (
        "Fout: de reden heeft meer dan 3 accenttekens op één letter; typ de tekst opnieuw"
    )
    assert momentopname() == voor
    # Three on one letter is still a language (Vietnamese stacks two), and stays as typed.
    advies("aanvraag", "Vi\u1ec7t e\u0301\u0302\u0303", "--ontvangen", "2020-01-10")


@pytest.mark.parametrize(
    "inhoud",
    ["\u3164\n\nTekst.\n", "Tekst met e" + "\u0301" * 9 + ".\n", "\u200b\n\n\u2060\n"],
    ids=["vuller", "accenten", "leeg"],
)
def test_concept_met_onzichtbare_tekst(advies: Advies, tekst: Callable[..., Path], inhoud: str) -> None:
    advies("aanvraag", "Armoede", "--ontvangen", "2020-01-10")
    voor = momentopname()
    melding = weiger("concept", "2020-1", "--tekst", str(tekst(inhoud)))
    assert melding.startswith("Fout: 'advies.md' ")
    assert momentopname() == voor


@pytest.mark.parametrize("kenmerk", ["CRA ２０２６-０４", "２０２０-１", "CRA 2020-０1", "CRA ٢٠٢٠-01"])
def test_alleen_ascii_cijfers_in_een_kenmerk(advies: Advies, kenmerk: str) -> None:
    advies("aanvraag", "Armoede", "--ontvangen", "2020-01-10")
    assert weiger("toon", kenmerk) == (
        f"Fout: ongeldig kenmerk '{kenmerk}'; verwacht bijvoorbeeld 'CRA 2020-02', '2020-2' of '2020-08A'"
    )


def test_alleen_ascii_cijfers_in_een_datum(advies: Advies) -> None:
    uit = advies("aanvraag", "Armoede", "--ontvangen", "２０２０-０１-１０", code=2)
    assert "is geen geldige datum" in uit.stderr


@pytest.mark.parametrize(
    "bestand", ["/proc/self/maps", "/proc/self/environ", "/sys/kernel/mm/transparent_hugepage/enabled"]
)
def test_geen_bestanden_van_het_systeem(
    advies: Advies, tmp_path: Path, tekst: Callable[..., Path], bestand: str
) -> None:
    if not os.path.exists(bestand):
        pytest.skip(f"{bestand} bestaat niet op deze machine")
    advies("aanvraag", "Armoede", "--ontvangen", "2020-01-10")
    voor = momentopname()
    via_koppeling = tmp_path / "tekst.md"
    via_koppeling.symlink_to(bestand)
    map_ = "/" + bestand.split("/")[1]
    systeem = f"is een bestand van het systeem ({map_}), geen document; kies een gewoon bestand"
    assert weiger("sjabloon", "controleer", bestand) == f"Fout: '{bestand}' {systeem}"
    assert weiger("concept", "2020-1", "--tekst", str(via_koppeling)) == f"Fout: '{via_koppeling}' {systeem}"
    assert weiger("instelling", "organisatie.logo", bestand).endswith(systeem)
    assert weiger("archief", "importeer", bestand).endswith(systeem)
    assert momentopname() == voor


def test_grens_telt_de_gelezen_bytes(
    advies: Advies, tekst: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that says it is empty (as /proc files do) but holds more than the bound is refused."""

    advies("aanvraag", "Armoede", "--ontvangen", "2020-01-10")
    groot = tekst("Tekst.\n" * (3 * 1024 * 1024))  # 21 MB, above the 20 MB of a draft
    echt = os.fstat

    def liegt_over_de_grootte(greep: int) -> os.stat_result:
        waarden = list(echt(greep))
        waarden[6] = 0  # st_size
        return os.stat_result(waarden)

    voor = momentopname()
    with monkeypatch.context() as tijdelijk:
        tijdelijk.setattr(os, "fstat", liegt_over_de_grootte)
        melding = weiger("concept", "2020-1", "--tekst", str(groot))
    assert melding == f"Fout: het bestand '{groot}' is te groot (meer dan 20 MB)"
    assert momentopname() == voor


def test_alleen_ascii_cijfers_in_een_getal(advies: Advies) -> None:
    for argumenten in (["jaaroverzicht", "２０２０"], ["lijst", "--jaar", "２０２０"]):
        uit = advies(*argumenten, code=2)
        assert "'２０２０' is geen geldig geheel getal (alleen de cijfers 0-9)" in uit.stderr
