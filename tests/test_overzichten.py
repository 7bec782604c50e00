"""lijst, toon, achterstallig, termijn, instelling and demo through the CLI."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests import beginstand
from tests.brieven_hulp import png
from tests.conftest import Advies, als_json


@pytest.fixture
def drie(advies: Advies, tekst: Callable[..., Path], home: Path) -> Advies:
    """2019-01 sent and late; 2020-01 answered; 2020-02 requested with an adviestermijn."""

    def bouw() -> None:
        advies("nieuw", "Oud advies", "--datum", "2019-11-01")
        advies("concept", "2019-01", "--tekst", str(tekst()))
        advies("agenderen", "2019-01", "--vergadering", "2019-11-26")
        advies("vaststellen", "2019-01", "--datum", "2019-11-26")
        advies("verzenden", "2019-01", "--datum", "2019-11-27")  # due 2020-01-08
        advies("nieuw", "Beantwoord advies", "--datum", "2020-01-02")
        advies("concept", "2020-01", "--tekst", str(tekst()))
        advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
        advies("vaststellen", "2020-01", "--datum", "2020-01-28")
        advies("verzenden", "2020-01", "--datum", "2020-01-29")
        advies("reactie", "2020-01", "--ontvangen", "2020-03-01", "--oordeel", "overgenomen")
        advies("aanvraag", "Basisbanen", "--ontvangen", "2020-02-03", "--termijn", "2020-03-02")

    beginstand.zet_neer("overzichten", home, bouw)
    return advies


def test_lijst_nieuwste_eerst_en_filters(drie: Advies) -> None:
    assert [a["kenmerk"] for a in als_json(drie("lijst", "--json"))] == ["CRA 2020-02", "CRA 2020-01", "CRA 2019-01"]
    assert [a["kenmerk"] for a in als_json(drie("lijst", "--jaar", "2020", "--json"))] == ["CRA 2020-02", "CRA 2020-01"]
    assert [a["kenmerk"] for a in als_json(drie("lijst", "--status", "verzonden", "--json"))] == ["CRA 2019-01"]
    assert drie("lijst", "--jaar", "2018").stdout == "Geen adviezen gevonden.\n"


def test_lijst_voor_mensen_met_nederlandse_datums(drie: Advies) -> None:
    uit = drie("lijst", "--jaar", "2020").stdout
    regels = [r.strip() for r in uit.splitlines() if r.strip()]
    assert regels[0].split() == ["Kenmerk", "Onderwerp", "Soort", "Status", "Verzonden", "Reactie", "uiterlijk"]
    assert "CRA 2020-01" in regels[3] and "29 januari 2020" in regels[3] and "11 maart 2020" in regels[3]


def test_achterstallig_op_peildatum(drie: Advies) -> None:
    regels = als_json(drie("achterstallig", "--peildatum", "2020-03-10", "--json"))
    assert regels == [
        {
            "kenmerk": "CRA 2019-01",
            "onderwerp": "Oud advies",
            "soort_achterstand": "reactie_college",
            "uiterlijk": "2020-01-08",
            "dagen_te_laat": 62,
        },
        {
            "kenmerk": "CRA 2020-02",
            "onderwerp": "Basisbanen",
            "soort_achterstand": "eigen_advies",
            "uiterlijk": "2020-03-02",
            "dagen_te_laat": 8,
        },
    ]
    # On the due date itself nothing is late yet.
    assert drie("achterstallig", "--peildatum", "2020-01-08").stdout == "Niets achterstallig op 8 januari 2020.\n"
    tabel = drie("achterstallig", "--peildatum", "2020-03-10").stdout
    assert "Achterstallig op 10 maart 2020" in tabel
    assert "reactie college" in tabel and "eigen advies" in tabel and "62" in tabel


def test_verlengde_termijn_haalt_uit_achterstallig(drie: Advies) -> None:
    drie("termijn", "2019-01", "--tot", "2020-04-01", "--reden", "Afgesproken met de wethouder")
    kenmerken = [r["kenmerk"] for r in als_json(drie("achterstallig", "--peildatum", "2020-03-10", "--json"))]
    assert kenmerken == ["CRA 2020-02"]
    laatste = als_json(drie("toon", "2019-01", "--json"))["geschiedenis"][-1]
    assert (laatste["gebeurtenis"], laatste["van"], laatste["naar"]) == ("termijn", "verzonden", "verzonden")
    assert laatste["notitie"] == ("reactietermijn verlengd van 2020-01-08 tot 2020-04-01: Afgesproken met de wethouder")


def test_toon_voor_mensen(drie: Advies) -> None:
    uit = drie("toon", "2020-01").stdout
    assert "Kenmerk:           CRA 2020-01\n" in uit
    assert "Verzonden:         29 januari 2020\n" in uit
    assert "Oordeel:           overgenomen\n" in uit
    assert "Geschiedenis" in uit and "beantwoord" in uit


def test_terugsturen_en_nieuwe_versie(advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("nieuw", "Armoede", "--datum", "2020-02-01")
    advies("concept", "2020-01", "--tekst", str(tekst("Eerste versie.\n")))
    advies("agenderen", "2020-01", "--vergadering", "2020-02-25")
    assert advies("terugsturen", "2020-01", "--reden", "Cijfers ontbreken").stdout == (
        "CRA 2020-01 is teruggestuurd naar concept.\n"
    )
    advies("concept", "2020-01", "--tekst", str(tekst("Tweede versie.\n")))
    advies("agenderen", "2020-01", "--vergadering", "2020-03-31")
    getoond = als_json(advies("vaststellen", "2020-01", "--datum", "2020-03-31", "--json"))
    assert getoond["status"] == "vastgesteld"
    volledig = als_json(advies("toon", "2020-01", "--json"))
    assert [v["versie"] for v in volledig["versies"]] == [1, 2]
    terug = [g for g in volledig["geschiedenis"] if g["gebeurtenis"] == "terugsturen"][0]
    assert terug["notitie"] == "Cijfers ontbreken"
    assert volledig["geschiedenis"][-1]["notitie"].startswith("versie 2 vastgesteld op 2020-03-31 (sha256 ")


def test_concept_uit_word(advies: Advies, tmp_path: Path) -> None:
    document = docx.Document()
    alinea = document.add_paragraph("De raad is ")
    alinea.add_run("blij").bold = True
    document.add_paragraph("Een punt", style="List Bullet")
    pad = tmp_path / "tekst.docx"
    document.save(str(pad))
    advies("nieuw", "Uit Word", "--datum", "2020-02-01")
    assert advies("concept", "2020-01", "--tekst", str(pad)).stdout == (
        "CRA 2020-01: conceptversie 1 opgeslagen (concept).\n"
    )
    assert als_json(advies("toon", "2020-01", "--json"))["versies"][0]["bron"] == "tekst.docx"


def test_aanvullingen_krijgen_letters(advies: Advies) -> None:
    advies("nieuw", "Vouchers", "--datum", "2020-06-01")
    assert advies("aanvulling", "2020-1", "Vouchers, aanvulling").stdout == (
        "Aanvulling geregistreerd: CRA 2020-01A Vouchers, aanvulling (concept)\n"
    )
    # A supplement to a supplement is one more supplement to the same advice.
    assert als_json(advies("aanvulling", "CRA 2020-01A", "Nog een", "--json"))["kenmerk"] == "CRA 2020-01B"
    assert als_json(advies("nieuw", "Volgend", "--datum", "2020-06-02", "--json"))["kenmerk"] == "CRA 2020-02"


def test_ingetrokken_nummer_wordt_niet_hergebruikt(advies: Advies) -> None:
    advies("nieuw", "Een", "--datum", "2020-01-01")
    advies("intrekken", "2020-01", "--reden", "Dubbel")
    assert als_json(advies("nieuw", "Twee", "--datum", "2020-01-02", "--json"))["kenmerk"] == "CRA 2020-02"


def test_nieuw_jaar_begint_bij_een(advies: Advies) -> None:
    advies("nieuw", "Een", "--datum", "2020-12-30")
    assert als_json(advies("nieuw", "Twee", "--datum", "2021-01-04", "--json"))["kenmerk"] == "CRA 2021-01"


def test_instellingen(advies: Advies, tmp_path: Path) -> None:
    assert advies("instelling", "termijn.reactie_weken").stdout == "6\n"
    assert advies("instelling", "termijn.reactie_weken", "8").stdout == (
        "termijn.reactie_weken = 8\nGeen reactietermijn van een open advies verschuift hierdoor.\n"
    )
    assert advies("instelling", "kenmerk.advies", "cr").stdout == "kenmerk.advies = CR\n"
    advies("nieuw", "Een", "--datum", "2020-01-29")
    advies("concept", "CR 2020-01", "--tekst", str(_tekst(tmp_path)))
    advies("agenderen", "2020-01", "--vergadering", "2020-01-29")
    advies("vaststellen", "2020-01", "--datum", "2020-01-29")
    # Eight weeks from 29 January 2020.
    assert als_json(advies("verzenden", "2020-01", "--datum", "2020-01-29", "--json"))["reactie_uiterlijk"] == (
        "2020-03-25"
    )
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    assert advies("instelling", "organisatie.logo", str(logo)).stdout == "organisatie.logo = logo.png\n"
    nep = tmp_path / "nep.png"
    nep.write_text("geen plaatje")
    assert advies("instelling", "organisatie.logo", str(nep), code=1).stderr == (
        "Fout: het logo moet een PNG- of JPG-afbeelding zijn\n"
    )
    kapot = tmp_path / "kapot.png"
    kapot.write_bytes(png()[:30])
    assert advies("instelling", "organisatie.logo", str(kapot), code=1).stderr == (
        "Fout: het logo is geen leesbare PNG- of JPG-afbeelding\n"
    )
    assert als_json(advies("instelling", "--json"))["organisatie.logo"] == "logo.png"


def test_reactie_met_document(drie: Advies, tmp_path: Path) -> None:
    brief = tmp_path / "reactie.pdf"
    brief.write_bytes(b"%PDF-1.4 reactie")
    drie("reactie", "2019-01", "--ontvangen", "2020-02-01", "--document", str(brief), "--samenvatting", "Komt goed")
    getoond = als_json(drie("toon", "2019-01", "--json"))
    assert [(d["soort"], d["bestandsnaam"]) for d in getoond["documenten"]] == [
        ("concept", "CRA-2019-01_concept_v1.docx"),
        ("brief", "CRA-2019-01_brief.docx"),
        ("reactie", "reactie.pdf"),
    ]
    assert getoond["reactie_samenvatting"] == "Komt goed"


def _tekst(tmp_path: Path) -> Path:
    pad = tmp_path / "t.txt"
    pad.write_text("Tekst.\n", encoding="utf-8")
    return pad


def test_demo_rondleiding(advies: Advies) -> None:
    uit = advies("demo").stdout
    assert uit.startswith("Rondleiding klaar: ")
    statussen = {a["status"] for a in als_json(advies("lijst", "--json"))}
    assert statussen == {"beantwoord", "verzonden", "ter_vaststelling", "aangevraagd", "ingetrokken", "vastgesteld"}
    soorten = {r["soort_achterstand"] for r in als_json(advies("achterstallig", "--json"))}
    assert soorten == {"reactie_college", "eigen_advies"}


def test_demo_aantal_gelijk_verdeeld(advies: Advies) -> None:
    assert advies("demo", "--aantal", "700").stdout.startswith("700 adviezen aangemaakt in ")
    adviezen = als_json(advies("lijst", "--json"))
    assert Counter(a["kenmerk"][4:8] for a in adviezen) == {str(j): 70 for j in range(2016, 2026)}
    assert set(Counter(a["status"] for a in adviezen).values()) == {100}
    # Generated advices are consistent: a sent one has its due date, an answered one its response.
    for a in adviezen:
        assert (a["verzonden_op"] is not None) == (a["status"] in ("verzonden", "beantwoord"))
        assert (a["reactie_ontvangen_op"] is not None) == (a["status"] == "beantwoord")
    geschiedenis = als_json(advies("toon", "2016-05", "--json"))["geschiedenis"]
    assert geschiedenis[-1]["naar"] == als_json(advies("toon", "2016-05", "--json"))["status"]
