"""Mending mistakes through the CLI: corrigeer, bijlage, document, the unquoted kenmerk and the
unsigned letter. Every refusal leaves the register as it was."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import beginstand
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger


@pytest.fixture
def register(advies: Advies, tekst: Callable[..., Path], home: Path) -> Advies:
    """01 a request in concept with a supplement 01A; 02 unsolicited; 03 sent; 04 on the agenda."""

    def bouw() -> None:
        advies(
            "aanvraag", "Werkprogrma", "--ontvangen", "2020-01-10", "--termijn", "2020-02-07", "--uw-kenmerk", "WI/1"
        )
        advies("concept", "2020-01", "--tekst", str(tekst()))
        advies("nieuw", "Stadjerspas", "--datum", "2020-01-12")
        advies("aanvulling", "2020-01", "Werkprogramma, aanvulling", "--datum", "2020-01-20")
        advies("aanvraag", "Basisbanen", "--ontvangen", "2020-03-01", "--uw-kenmerk", "WI/7")
        advies("concept", "2020-03", "--tekst", str(tekst("Over basisbanen.\n", "banen.md")))
        advies("agenderen", "2020-03", "--vergadering", "2020-03-10")
        advies("vaststellen", "2020-03", "--datum", "2020-03-10")
        advies("verzenden", "2020-03", "--datum", "2020-03-11")
        advies("aanvraag", "Vervoer", "--ontvangen", "2020-03-01")
        advies("concept", "2020-04", "--tekst", str(tekst("Over vervoer.\n", "vervoer.md")))
        advies("agenderen", "2020-04", "--vergadering", "2020-03-10")

    beginstand.zet_neer("correcties", home, bouw)
    return advies


def _notities(kenmerk: str) -> list[str]:
    return [g["notitie"] for g in als_json(voer_uit("toon", kenmerk, "--json"))["geschiedenis"]]


def test_corrigeer_legt_oud_nieuw_en_reden_vast(register: Advies) -> None:
    uit = register(
        "corrigeer", "CRA", "2020-01", "--onderwerp", "Werkprogramma", "--uw-kenmerk", "WI/2020/0042",
        "--ontvangen", "2020-01-09", "--termijn", "2020-02-10", "--reden", "Tikfouten bij registratie", "--json",
    )  # fmt: skip
    gegevens = als_json(uit)
    assert (gegevens["onderwerp"], gegevens["uw_kenmerk"]) == ("Werkprogramma", "WI/2020/0042")
    assert (gegevens["ontvangen_op"], gegevens["adviestermijn"], gegevens["status"]) == (
        "2020-01-09",
        "2020-02-10",
        "concept",
    )
    assert _notities("2020-01")[-4:] == [
        "het onderwerp gecorrigeerd van 'Werkprogrma' naar 'Werkprogramma': Tikfouten bij registratie",
        "uw kenmerk gecorrigeerd van 'WI/1' naar 'WI/2020/0042': Tikfouten bij registratie",
        "de ontvangstdatum gecorrigeerd van 2020-01-10 naar 2020-01-09: Tikfouten bij registratie",
        "de adviestermijn gecorrigeerd van 2020-02-07 naar 2020-02-10: Tikfouten bij registratie",
    ]
    geschiedenis = als_json(register("toon", "2020-01", "--json"))["geschiedenis"][-1]
    assert (geschiedenis["gebeurtenis"], geschiedenis["van"], geschiedenis["naar"], geschiedenis["door"]) == (
        "corrigeer",
        "concept",
        "concept",
        "els",
    )


def test_corrigeer_alleen_wat_anders_is_en_wist_uw_kenmerk(register: Advies) -> None:
    assert register(
        "corrigeer", "2020-01", "--onderwerp", "Werkprogrma", "--uw-kenmerk", "", "--reden", "x"
    ).stdout == ("CRA 2020-01 is gecorrigeerd; 'advies toon CRA 2020-01' laat de wijziging zien.\n")
    assert _notities("2020-01")[-1] == "uw kenmerk gecorrigeerd van 'WI/1' naar (leeg): x"
    assert als_json(register("toon", "2020-01", "--json"))["uw_kenmerk"] is None


def test_na_verzenden_alleen_de_adviestermijn(register: Advies) -> None:
    register("corrigeer", "2020-03", "--termijn", "2020-04-01", "--reden", "Termijn stond in de brief van 3 maart")
    assert als_json(register("toon", "2020-03", "--json"))["adviestermijn"] == "2020-04-01"


@pytest.mark.parametrize(
    "args, melding",
    [
        (
            ["2020-03", "--onderwerp", "Basisbanen 2020"],
            "het onderwerp van CRA 2020-03 staat in de brief die op 2020-03-11 is verzonden en kan daarom niet meer "
            "veranderen; er is niets gecorrigeerd",
        ),
        (
            ["2020-03", "--uw-kenmerk", "WI/8", "--ontvangen", "2020-03-02"],
            "uw kenmerk en de ontvangstdatum van CRA 2020-03 staan in de brief die op 2020-03-11 is verzonden en kan "
            "daarom niet meer veranderen; er is niets gecorrigeerd",
        ),
        (
            ["2020-01", "--ontvangen", "2999-01-01"],
            "de ontvangstdatum (2999-01-01) ligt in de toekomst; dit is gebeurd, dus uiterlijk vandaag",
        ),
        (
            ["2020-01", "--ontvangen", "2019-12-31"],
            "de ontvangstdatum moet in 2020 blijven: het kenmerk CRA 2020-01 hoort bij dat jaar; "
            "er is niets gecorrigeerd",
        ),
        (
            ["2020-01", "--ontvangen", "2020-01-25", "--termijn", "2020-03-01"],
            "de ontvangstdatum (2020-01-25) ligt na de aanvulling CRA 2020-01A (2020-01-20); er is niets gecorrigeerd",
        ),
        (
            ["2020-04", "--ontvangen", "2020-03-11"],
            "de ontvangstdatum (2020-03-11) ligt na de vergadering (2020-03-10); er is niets gecorrigeerd",
        ),
        (
            ["2020-01", "--ontvangen", "2020-01-15", "--termijn", "2020-01-12"],
            "de adviestermijn (2020-01-12) ligt vóór de ontvangstdatum (2020-01-15)",
        ),
        (
            ["2020-01", "--termijn", "2020-01-09"],
            "de adviestermijn (2020-01-09) ligt vóór de ontvangstdatum (2020-01-10)",
        ),
        (
            ["2020-02", "--ontvangen", "2020-01-11"],
            "CRA 2020-02 is een ongevraagd advies: dat heeft geen ontvangstdatum; er is niets gecorrigeerd",
        ),
        (
            ["2020-01A", "--termijn", "2020-03-01"],
            "CRA 2020-01A is een aanvulling: dat heeft geen adviestermijn; er is niets gecorrigeerd",
        ),
        (["2020-01", "--onderwerp", "Werkprogrma"], "CRA 2020-01 heeft die gegevens al; er is niets gecorrigeerd"),
        (["2020-01", "--onderwerp", "  "], "het onderwerp mag niet leeg zijn"),
        (
            ["2020-01"],
            "er is niets om te corrigeren: geef een nieuw onderwerp, uw kenmerk, ontvangstdatum, adviestermijn "
            "of reactietermijn",
        ),
        (["2020-09", "--onderwerp", "X"], "onbekend kenmerk '2020-09'"),
    ],
)
def test_corrigeer_weigert_en_verandert_niets(register: Advies, args: list[str], melding: str) -> None:
    voor = momentopname()
    assert weiger("corrigeer", *args, "--reden", "Vergissing") == f"Fout: {melding}"
    assert momentopname() == voor


def test_corrigeer_vraagt_een_reden(register: Advies) -> None:
    voor = momentopname()
    assert weiger("corrigeer", "2020-01", "--onderwerp", "X", "--reden", " ") == "Fout: de reden mag niet leeg zijn"
    assert weiger("corrigeer", "2020-01", "--onderwerp", "X", code=2) == (
        "Fout: Ontbrekende optie '--reden'. Zie 'advies corrigeer --help'."
    )
    assert momentopname() == voor


def test_bijlage_in_elke_status_en_byte_voor_byte_terug(register: Advies, tmp_path: Path) -> None:
    register("reactie", "2020-03", "--ontvangen", "2020-04-01", "--oordeel", "deels")
    inhoud = bytes(range(256)) * 10
    (tmp_path / "reactie college.pdf").write_bytes(inhoud)
    uit = register(
        "bijlage", "CRA", "2020-03", "--document", str(tmp_path / "reactie college.pdf"), "--datum", "2020-04-02"
    )
    assert uit.stdout == "reactie college.pdf bewaard bij CRA 2020-03 (reactie).\n"
    getoond = als_json(register("toon", "2020-03", "--json"))
    assert getoond["status"] == "beantwoord"
    assert getoond["documenten"][-1] == {
        "soort": "reactie",
        "versie": None,
        "kenmerk": None,
        "datum": "2020-04-02",
        "bestandsnaam": "reactie college.pdf",
        "sha256": hashlib.sha256(inhoud).hexdigest(),
    }
    assert getoond["geschiedenis"][-1]["notitie"] == (
        "bijlage (reactie) reactie college.pdf van 2020-04-02 toegevoegd "
        f"(sha256 {hashlib.sha256(inhoud).hexdigest()[:12]})"
    )
    doel = tmp_path / "terug"
    doel.mkdir()
    assert register("document", "CRA", "2020-03", "--soort", "reactie", "--uit", str(doel)).stdout == (
        f"Reactie (2 april 2020) geschreven naar {doel / 'reactie college.pdf'}\n"
    )
    assert (doel / "reactie college.pdf").read_bytes() == inhoud


def test_bijlage_overig_bij_een_ingetrokken_advies(register: Advies, tmp_path: Path) -> None:
    register("intrekken", "2020-02", "--reden", "Niet meer nodig")
    (tmp_path / "notitie.txt").write_text("Besproken met de wethouder.\n", encoding="utf-8")
    register(
        "bijlage", "2020-02", "--document", str(tmp_path / "notitie.txt"), "--soort", "overig", "--datum", "2020-02-01"
    )
    assert als_json(register("toon", "2020-02", "--json"))["status"] == "ingetrokken"
    register("document", "2020-02", "--soort", "overig", "--uit", str(tmp_path / "kopie.txt"))
    assert (tmp_path / "kopie.txt").read_text(encoding="utf-8") == "Besproken met de wethouder.\n"


def test_bijlage_weigert_en_verandert_niets(register: Advies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    voor = momentopname()
    assert weiger("bijlage", "2020-01", "--document", str(tmp_path / "weg.pdf")) == (
        f"Fout: het bestand '{tmp_path / 'weg.pdf'}' bestaat niet"
    )
    (tmp_path / "leeg.pdf").write_bytes(b"")
    assert weiger("bijlage", "2020-01", "--document", str(tmp_path / "leeg.pdf")) == (
        f"Fout: het bestand '{tmp_path / 'leeg.pdf'}' is leeg"
    )
    monkeypatch.setattr("workflow.correcties.MAX_BIJLAGE", 2_000_000)
    (tmp_path / "groot.pdf").write_bytes(b"x" * 2_000_001)
    assert weiger("bijlage", "2020-01", "--document", str(tmp_path / "groot.pdf")) == (
        f"Fout: het bestand '{tmp_path / 'groot.pdf'}' is te groot (ten hoogste 2 MB)"
    )
    assert weiger("bijlage", "2020-01", "--document", str(tmp_path / "groot.pdf"), "--soort", "x", code=2).startswith(
        "Fout: Ongeldige waarde voor '--soort'"
    )
    assert momentopname() == voor


def test_document_schrijft_brieven_en_weigert_bestaande_bestanden(register: Advies, home: Path, tmp_path: Path) -> None:
    register("concept", "2020-01", "--tekst", str(tmp_path / "advies.md"), code=1)  # same text: refused
    (tmp_path / "v2.md").write_text("Een tweede versie.\n", encoding="utf-8")
    register("concept", "2020-01", "--tekst", str(tmp_path / "v2.md"))
    with_default = register("document", "2020-01").stdout
    assert with_default.endswith(f"geschreven naar {home / 'documenten' / 'CRA-2020-01_concept_v2.docx'}\n")
    assert weiger("document", "2020-01") == (
        f"Fout: '{home / 'documenten' / 'CRA-2020-01_concept_v2.docx'}' bestaat al; "
        "kies een andere naam met --uit of gebruik --overschrijf"
    )
    register("document", "2020-01", "--overschrijf")
    register("document", "2020-01", "--versie", "1", "--uit", str(tmp_path / "v1.docx"))
    register("brief", "2020-01", "--versie", "1", "--uit", str(tmp_path / "brief-v1.docx"))
    assert (tmp_path / "v1.docx").read_bytes() == (tmp_path / "brief-v1.docx").read_bytes()
    register("document", "2020-03", "--soort", "brief", "--uit", str(tmp_path / "eind.docx"))
    register("brief", "2020-03", "--uit", str(tmp_path / "eind-brief.docx"))
    assert (tmp_path / "eind.docx").read_bytes() == (tmp_path / "eind-brief.docx").read_bytes()


@pytest.mark.parametrize(
    "args, melding",
    [
        (["2020-01", "--soort", "reactie"], "CRA 2020-01 heeft geen document van de soort 'reactie' (wel: concept)"),
        (["2020-01", "--versie", "7"], "CRA 2020-01 heeft geen document 'concept' met versie 7 (wel van versie 1)"),
        (
            ["2020-03", "--soort", "brief", "--versie", "2"],
            "CRA 2020-03 heeft geen document 'brief' met versie 2 (alleen versie 1)",
        ),
        (["2020-02"], "CRA 2020-02 heeft nog geen brief; die ontstaat met 'advies concept CRA 2020-02'"),
    ],
)
def test_document_weigert(register: Advies, args: list[str], melding: str) -> None:
    assert weiger("document", *args) == f"Fout: {melding}"


def test_een_kenmerk_zonder_aanhalingstekens(register: Advies, tmp_path: Path) -> None:
    assert als_json(register("toon", "CRA", "2020-03", "--json"))["kenmerk"] == "CRA 2020-03"
    assert register("toon", "CRA", "2020-03").stdout.startswith("Kenmerk:           CRA 2020-03\n")
    register("brief", "CRA", "2020-03", "--uit", str(tmp_path / "b.docx"))
    register("termijn", "CRA", "2020-03", "--tot", "2020-06-01", "--reden", "Afgesproken")
    register("vaststellen", "CRA", "2020-04", "--datum", "2020-03-10")
    register("verzenden", "CRA", "2020-04", "--datum", "2020-03-11")
    voor = momentopname()
    assert (
        weiger("toon", "CRA", "2020-03", "extra")
        == "Fout: ongeldig kenmerk 'CRA 2020-03 extra'; verwacht bijvoorbeeld 'CRA 2020-02', '2020-2' of '2020-08A'"
    )
    assert weiger("aanvulling", "CRA", "2020-01", "Iets erbij", code=2) == (
        "Fout: Onverwacht extra argument (Iets erbij); zet een kenmerk of tekst met spaties tussen aanhalingstekens, "
        "bijvoorbeeld \"CRA 2020-08\". Zie 'advies aanvulling --help'."
    )
    assert weiger("toon", code=2) == "Fout: Ontbrekend argument 'KENMERK'. Zie 'advies toon --help'."
    assert momentopname() == voor


def test_verzenden_weigert_een_brief_zonder_ondertekening(register: Advies) -> None:
    register("vaststellen", "2020-04", "--datum", "2020-03-10")
    register("instelling", "brief.ondertekenaar", "")
    voor = momentopname()
    assert weiger("verzenden", "2020-04", "--datum", "2020-03-11") == (
        "Fout: de brief heeft nog geen ondertekening (brief.ondertekenaar is leeg) en verandert na verzenden nooit "
        "meer; zet eerst 'advies instelling brief.ondertekenaar \"...\"'; er is niets verzonden"
    )
    register("instelling", "brief.functie", " ")
    assert weiger("verzenden", "2020-04", "--datum", "2020-03-11") == (
        "Fout: de brief heeft nog geen ondertekening (brief.ondertekenaar en brief.functie zijn leeg) en verandert "
        "na verzenden nooit meer; zet eerst 'advies instelling brief.ondertekenaar \"...\"' en "
        "'advies instelling brief.functie \"...\"'; er is niets verzonden"
    )
    assert momentopname()["adviezen"] == voor["adviezen"]
    register("instelling", "brief.ondertekenaar", "Hans Alderkamp")
    register("instelling", "brief.functie", "Voorzitter")
    register("verzenden", "2020-04", "--datum", "2020-03-11")


def test_corrigeerbaar_is_wat_corrigeer_toelaat(register: Advies) -> None:
    """The fields the advice page offers (`correcties.corrigeerbaar`) are exactly those the service
    takes: every other field is refused, with nothing changed."""
    from workflow.correcties import corrigeerbaar

    opties = {
        "onderwerp": ("--onderwerp", "Anders"),
        "uw_kenmerk": ("--uw-kenmerk", "X/9"),
        "ontvangen_op": ("--ontvangen", "2020-01-11"),
        "adviestermijn": ("--termijn", "2020-12-01"),
        "reactie_uiterlijk": ("--uiterlijk", "2020-05-01"),
    }
    verwacht = {
        "2020-01": ("onderwerp", "uw_kenmerk", "ontvangen_op", "adviestermijn"),
        "2020-01A": ("onderwerp", "uw_kenmerk"),
        "2020-02": ("onderwerp", "uw_kenmerk"),
        "2020-03": ("adviestermijn", "reactie_uiterlijk"),
        "2020-04": ("onderwerp", "uw_kenmerk", "ontvangen_op", "adviestermijn"),
    }
    voor = momentopname()
    for kenmerk, velden in verwacht.items():
        a = als_json(voer_uit("toon", kenmerk, "--json"))
        assert corrigeerbaar(a["soort"], a["status"], a["verzonden_op"] is not None) == velden
        for veld in set(opties) - set(velden):
            assert weiger("corrigeer", kenmerk, *opties[veld], "--reden", "x").endswith("er is niets gecorrigeerd")
    assert momentopname() == voor
