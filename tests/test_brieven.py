"""The letters through the CLI: draft and final letter, reminders, writing out, refusals."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from sqlalchemy import text

from opslag.configuratie import database_url
from opslag.database import maak_engine
from sjablonen.pdf import soffice
from tests.brieven_hulp import alineas, alle_tekst, geldige_xml, kopregels, png, sjabloon, stijl
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger
from workflow.domein.datums import lange_datum

# What these tests check does not depend on the database: they run in the SQLite half only.
OPMAAK = pytest.mark.een_backend(reden="de opmaak van de brief en de PDF, niet wat de database bewaart")

TEKST = """Geacht college,

De Cliëntenraad is **blij verrast** door dit werkprogramma.

- criteria voor *effectiviteit*;
- aandacht voor de armoedeval.

Graag lichten we dit toe.
"""

BRIEFHOOFD = ["Cliëntenraad Werk & Inkomen", "Postbus 30026", "9700 RM Groningen"]
SLOT = [
    "Graag ontvangen we uw schriftelijke reactie op dit advies.",
    "Met vriendelijke groet,",
    "Hans Alderkamp",
    "Voorzitter a.i. Cliëntenraad Werk & Inkomen",
    "I.a.a.",
    "Raadscommissie Werk en Inkomen gemeente Groningen",
    "Aaldert van Lingen (directiecontact)",
]


def _instellingen(advies: Advies) -> None:
    advies("instelling", "organisatie.adres", "Postbus 30026; 9700 RM Groningen")
    advies("instelling", "brief.ondertekenaar", "Hans Alderkamp")
    advies("instelling", "brief.functie", "Voorzitter a.i. Cliëntenraad Werk & Inkomen")
    advies(
        "instelling",
        "brief.afschrift",
        "Raadscommissie Werk en Inkomen gemeente Groningen;Aaldert van Lingen (directiecontact)",
    )


def _aanvraag(
    advies: Advies,
    tekst: Callable[..., Path],
    onderwerp: str = "Werkprogramma 2020-2022",
    ontvangen: str = "2020-01-10",
) -> str:
    uit = advies("aanvraag", onderwerp, "--ontvangen", ontvangen, "--uw-kenmerk", "WI/2020/0042", "--json")
    kenmerk: str = als_json(uit)["kenmerk"]
    advies("concept", kenmerk, "--tekst", str(tekst(TEKST)))
    return kenmerk


def _verzonden(advies: Advies, tekst: Callable[..., Path], verzonden: str = "2020-01-29", **opties: str) -> str:
    kenmerk = _aanvraag(advies, tekst, **opties)
    advies("agenderen", kenmerk, "--vergadering", "2020-01-28")
    advies("vaststellen", kenmerk, "--datum", "2020-01-28")
    advies("verzenden", kenmerk, "--datum", verzonden)
    return kenmerk


@OPMAAK
def test_verzonden_brief_volgt_de_opmaak(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    _instellingen(advies)
    _verzonden(advies, tekst)
    pad = tmp_path / "brief.docx"
    uit = advies("brief", "2020-1", "--uit", str(pad))
    assert uit.stdout == f"Verzonden brief (versie 1, 29 januari 2020) geschreven naar {pad}\n"
    assert alineas(pad) == [
        *BRIEFHOOFD,
        "College van burgemeester en wethouders",
        "Groningen, 29\u00a0januari\u00a02020",
        "Ons kenmerk: CRA 2020-01",
        "Uw kenmerk: WI/2020/0042",
        "Uw brief van: 10\u00a0januari\u00a02020",
        "Onderwerp: Advies over Werkprogramma 2020-2022",
        "Geacht college,",
        "De Cliëntenraad is blij verrast door dit werkprogramma.",
        "criteria voor effectiviteit;",
        "aandacht voor de armoedeval.",
        "Graag lichten we dit toe.",
        *SLOT,
    ]
    document = docx.Document(str(pad))
    body = {p.text: p for p in document.paragraphs}
    assert [(r.text, r.bold) for r in body["De Cliëntenraad is blij verrast door dit werkprogramma."].runs] == [
        ("De Cliëntenraad is ", None),
        ("blij verrast", True),
        (" door dit werkprogramma.", None),
    ]
    assert stijl(body["criteria voor effectiviteit;"]).name == "List Bullet"
    assert [r.italic for r in body["criteria voor effectiviteit;"].runs] == [None, True, None]
    assert kopregels(pad.read_bytes()) == []
    assert "CONCEPT" not in alle_tekst(pad.read_bytes())
    geldige_xml(pad.read_bytes())


def dag_van_versie(kenmerk: str, versie: int = 1) -> date:
    """The day (local time) the register stored text version `versie`: the day its draft letter
    carries. Read from the register, not from the clock, so no test depends on today's date."""
    versies = als_json(voer_uit("toon", kenmerk, "--json"))["versies"]
    return datetime.fromisoformat(versies[versie - 1]["op"]).astimezone().date()


@OPMAAK
def test_conceptbrief_is_gemarkeerd_en_gedateerd_op_de_versie(
    advies: Advies, tekst: Callable[..., Path], home: Path
) -> None:
    _instellingen(advies)
    _aanvraag(advies, tekst)
    uit = advies("brief", "CRA 2020-01")
    pad = home / "documenten" / "CRA-2020-01_concept_v1.docx"
    vandaag = lange_datum(dag_van_versie("2020-01"))
    assert uit.stdout == f"Conceptbrief (versie 1, {vandaag}) geschreven naar {pad}\n"
    inhoud = pad.read_bytes()
    heel = vandaag.replace(" ", "\u00a0")  # in the letter a date never breaks over a line
    assert kopregels(inhoud) == ["CONCEPT", f"Conceptversie 1 van {heel}, niet verzenden"]
    assert alineas(inhoud)[4] == f"Groningen, {heel}"
    advies("concept", "2020-01", "--tekst", str(tekst("Een tweede versie.", "v2.txt")))
    advies("brief", "2020-01", "--versie", "1", "--uit", str(home / "v1.docx"))
    assert (home / "v1.docx").read_bytes() == inhoud
    advies("brief", "2020-01")
    assert "Een tweede versie." in alineas(home / "documenten" / "CRA-2020-01_concept_v2.docx")
    uit = advies("brief", "2020-01", "--uit", str(home / "brief.pdf"), code=1)
    assert uit.stderr == "Fout: 'brief.pdf' moet eindigen op .docx (of gebruik --pdf)\n"
    uit = advies("brief", "2020-01", "--versie", "3", code=1)
    assert uit.stderr == "Fout: CRA 2020-01 heeft geen conceptbrief van versie 3 (wel van versie 1, 2)\n"


def test_documenten_en_geschiedenis(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    _verzonden(advies, tekst)
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    data = als_json(advies("toon", "2020-01", "--json"))
    vandaag = dag_van_versie("2020-01").isoformat()
    eind = hashlib.sha256(pad.read_bytes()).hexdigest()
    assert [(d["soort"], d["versie"], d["datum"], d["bestandsnaam"]) for d in data["documenten"]] == [
        ("concept", 1, vandaag, "CRA-2020-01_concept_v1.docx"),
        ("brief", 1, "2020-01-29", "CRA-2020-01_brief.docx"),
    ]
    assert data["documenten"][1]["sha256"] == eind
    verzenden = data["geschiedenis"][-1]
    assert verzenden["notitie"] == (
        f"verzonden op 2020-01-29; reactie uiterlijk 2020-03-11; brief CRA-2020-01_brief.docx (sha256 {eind[:12]})"
    )
    assert data["geschiedenis"][1]["notitie"].endswith("; conceptbrief CRA-2020-01_concept_v1.docx")


@OPMAAK
def test_tekens_die_ontsnapt_moeten_worden(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    onderwerp = 'Zorg & <welzijn> "nu" voor cliënten'
    advies("nieuw", onderwerp, "--datum", "2020-02-20")
    body = 'Reïntegratie & <b>nazorg</b> "samen" met cliënten.\n'
    advies("concept", "2020-01", "--tekst", str(tekst(body, "tekst.txt")))
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    inhoud = pad.read_bytes()
    geldige_xml(inhoud)
    assert alineas(inhoud)[4:8] == [
        'Onderwerp: Advies over Zorg & <welzijn> "nu" voor cliënten',
        "Geacht college,",
        'Reïntegratie & <b>nazorg</b> "samen" met cliënten.',
        "Graag ontvangen we uw schriftelijke reactie op dit advies.",
    ]


def test_sjabloon_wijzigen_laat_verzonden_brief_ongemoeid(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    _verzonden(advies, tekst)
    voor = tmp_path / "voor.docx"
    advies("brief", "2020-01", "--uit", str(voor))
    eigen = tmp_path / "eigen.docx"
    eigen.write_bytes(sjabloon(vervang={"Geacht college,": "Geacht college van burgemeester en wethouders,"}))
    advies("instelling", "brief.sjabloon", str(eigen))
    advies("instelling", "organisatie.naam", "Adviesraad Sociaal Domein")
    na = tmp_path / "na.docx"
    advies("brief", "2020-01", "--uit", str(na))
    assert na.read_bytes() == voor.read_bytes()
    advies("nieuw", "Armoedemiddelen", "--datum", "2020-03-01")
    advies("concept", "2020-02", "--tekst", str(tekst()))
    nieuw = tmp_path / "nieuw.docx"
    advies("brief", "2020-02", "--uit", str(nieuw))
    assert alineas(nieuw)[0] == "Adviesraad Sociaal Domein"
    assert "Geacht college van burgemeester en wethouders," in alineas(nieuw)


@OPMAAK
def test_eigen_sjabloon_met_logo(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(60, 20))
    assert advies("instelling", "organisatie.logo", str(logo)).stdout == "organisatie.logo = logo.png\n"
    eigen = tmp_path / "eigen.docx"
    eigen.write_bytes(sjabloon(vervang={"Met vriendelijke groet,": "Met vriendelijke groeten,"}))
    advies("instelling", "brief.sjabloon", str(eigen))
    advies("nieuw", "Basisbanen", "--datum", "2020-04-01")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    document = docx.Document(str(pad))
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].height == 720000  # 20 mm
    beelden = [r.target_part.blob for r in document.part.rels.values() if "image" in r.reltype]
    assert beelden == [logo.read_bytes()]
    assert "Met vriendelijke groeten," in alineas(pad)
    geldige_xml(pad.read_bytes())


def test_herinneringen_hebben_hun_eigen_reeks(advies: Advies, tekst: Callable[..., Path], home: Path) -> None:
    _instellingen(advies)
    eerste = _verzonden(advies, tekst)
    tweede = _verzonden(advies, tekst, onderwerp="Bezuinigingen Stadjerspas", ontvangen="2020-01-12")
    uit = advies("herinnering", eerste, "--datum", "2020-03-12")
    pad = home / "documenten" / "CRB-2020-01_herinnering.docx"
    assert uit.stdout == f"Herinnering CRB 2020-01 voor CRA 2020-01 opgeslagen en geschreven naar {pad}\n"
    assert alineas(pad) == [
        *BRIEFHOOFD,
        "College van burgemeester en wethouders",
        "Groningen, 12\u00a0maart\u00a02020",
        "Ons kenmerk: CRB 2020-01",
        "Uw kenmerk: WI/2020/0042",
        "Uw brief van: 10\u00a0januari\u00a02020",
        "Onderwerp: Herinnering \u2013 uw reactie op ons advies CRA\u00a02020-01",
        "Geacht college,",
        "Op 29\u00a0januari\u00a02020 stuurden we u ons advies \u2018Werkprogramma 2020-2022\u2019 "
        "(ons kenmerk CRA\u00a02020-01), in antwoord op uw adviesaanvraag van 10\u00a0januari\u00a02020 "
        "(uw kenmerk WI/2020/0042). Uw schriftelijke reactie hadden we uiterlijk 11\u00a0maart\u00a02020 verwacht. "
        "We hebben die nog niet ontvangen.",
        "We verzoeken u ons uw schriftelijke reactie uiterlijk 26\u00a0maart\u00a02020 toe te sturen.",
        *SLOT[1:],
    ]
    data = als_json(advies("herinnering", tweede, "--datum", "2020-04-01", "--json"))
    assert data["status"] == "verzonden"
    assert data["herinnering"]["kenmerk"] == "CRB 2020-02"
    uit = advies("herinnering", eerste, "--datum", "2021-01-05", "--uit", str(home))
    assert uit.stdout == (
        f"Herinnering CRB 2021-01 voor CRA 2020-01 opgeslagen en geschreven naar {home}/CRB-2021-01_herinnering.docx\n"
    )
    getoond = als_json(advies("toon", eerste, "--json"))
    assert [(d["soort"], d["kenmerk"], d["datum"]) for d in getoond["documenten"]] == [
        ("concept", None, dag_van_versie(eerste).isoformat()),
        ("brief", None, "2020-01-29"),
        ("herinnering", "CRB 2020-01", "2020-03-12"),
        ("herinnering", "CRB 2021-01", "2021-01-05"),
    ]
    laatste = getoond["geschiedenis"][-1]
    assert (laatste["gebeurtenis"], laatste["van"], laatste["naar"]) == ("herinnering", "verzonden", "verzonden")
    assert laatste["notitie"].startswith("herinnering CRB 2021-01 van 2021-01-05: reactie was uiterlijk 2020-03-11")
    uit = advies("brief", "CRB 2020-2", "--uit", str(home / "terug.docx"))
    assert uit.stdout == f"Herinnering (1 april 2020) geschreven naar {home / 'terug.docx'}\n"
    assert "Ons kenmerk: CRB 2020-02" in alineas(home / "terug.docx")


def _ongewijzigd(advies: Advies, kenmerk: str, opdracht: list[str], fout: str) -> None:
    """`opdracht` is refused with exactly `fout` (exit 1) and the advice is unchanged."""
    voor = advies("toon", kenmerk, "--json").stdout
    uit = advies(*opdracht, code=1)
    assert uit.stderr == f"Fout: {fout}\n"
    assert uit.stdout == ""
    assert advies("toon", kenmerk, "--json").stdout == voor


def test_herinnering_alleen_voor_een_te_late_reactie(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    kenmerk = _verzonden(advies, tekst)
    _ongewijzigd(
        advies,
        kenmerk,
        ["herinnering", kenmerk, "--datum", "2020-03-11"],
        "de reactie op CRA 2020-01 is op 2020-03-11 niet te laat: het college heeft tot en met 2020-03-11; "
        "er is niets opgeslagen",
    )
    _ongewijzigd(
        advies,
        kenmerk,
        ["herinnering", kenmerk, "--datum", "2020-04-01", "--uit", str(tmp_path / "nergens" / "h.docx")],
        f"de map '{tmp_path / 'nergens'}' bestaat niet; er is niets opgeslagen",
    )
    advies("reactie", kenmerk, "--ontvangen", "2020-03-20")
    _ongewijzigd(
        advies,
        kenmerk,
        ["herinnering", kenmerk, "--datum", "2020-04-01"],
        "CRA 2020-01 staat op 'beantwoord'; 'herinnering' kan daar niet (er is vanuit deze status niets meer mogelijk)",
    )
    tweede = _aanvraag(advies, tekst, onderwerp="Stadjerspas")
    _ongewijzigd(
        advies,
        tweede,
        ["herinnering", tweede, "--datum", "2020-04-01"],
        "CRA 2020-02 staat op 'concept'; 'herinnering' kan daar niet (mogelijk: concept, agenderen, intrekken)",
    )


def test_brief_zonder_brief(advies: Advies) -> None:
    advies("aanvraag", "Schakelkans", "--ontvangen", "2020-09-01")
    _ongewijzigd(
        advies,
        "2020-01",
        ["brief", "2020-01"],
        "CRA 2020-01 heeft nog geen brief; die ontstaat met 'advies concept CRA 2020-01'",
    )
    uit = advies("brief", "CRB 2020-01", code=1)
    assert uit.stderr == "Fout: onbekende brief 'CRB 2020-01'\n"


def test_slechte_tekstbestanden_slaan_niets_op(advies: Advies, tmp_path: Path) -> None:
    advies("nieuw", "Studietoeslagen", "--datum", "2020-10-01")
    latin = tmp_path / "advies.txt"
    latin.write_bytes("Reïntegratie".encode("latin-1"))
    _ongewijzigd(
        advies,
        "2020-01",
        ["concept", "2020-01", "--tekst", str(latin)],
        "'advies.txt' is geen UTF-8-tekst; sla het bestand op als UTF-8",
    )
    nep = tmp_path / "advies.docx"
    nep.write_text("Dit is geen Word-document.", encoding="utf-8")
    _ongewijzigd(
        advies,
        "2020-01",
        ["concept", "2020-01", "--tekst", str(nep)],
        "'advies.docx' is geen geldig Word-document (.docx)",
    )


@OPMAAK
def test_tekst_uit_word(advies: Advies, tmp_path: Path) -> None:
    document = docx.Document()
    alinea = document.add_paragraph("Het college ")
    alinea.add_run("moet").bold = True
    alinea.add_run(" dit ")
    alinea.add_run("nu").italic = True
    alinea.add_run(" doen & <snel>.")
    document.add_paragraph("Tweede alinea.")
    bron = tmp_path / "tekst.docx"
    document.save(str(bron))
    advies("nieuw", "Vouchers", "--datum", "2020-06-01")
    advies("concept", "2020-01", "--tekst", str(bron))
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    brief = docx.Document(str(pad))
    gevonden = next(p for p in brief.paragraphs if p.text.startswith("Het college"))
    assert [(r.text, r.bold, r.italic) for r in gevonden.runs] == [
        ("Het college ", None, None),
        ("moet", True, None),
        (" dit ", None, None),
        ("nu", None, True),
        (" doen & <snel>.", None, None),
    ]
    assert alineas(pad)[6:8] == ["Het college moet dit nu doen & <snel>.", "Tweede alinea."]


@OPMAAK
def test_logo_moet_een_afbeelding_zijn(advies: Advies, tmp_path: Path) -> None:
    tekst = tmp_path / "logo.png"
    tekst.write_text("geen plaatje", encoding="utf-8")
    uit = advies("instelling", "organisatie.logo", str(tekst), code=1)
    assert uit.stderr == "Fout: het logo moet een PNG- of JPG-afbeelding zijn\n"
    kapot = tmp_path / "kapot.png"
    kapot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    uit = advies("instelling", "organisatie.logo", str(kapot), code=1)
    assert uit.stderr == "Fout: het logo is geen leesbare PNG- of JPG-afbeelding\n"
    assert advies("instelling", "organisatie.logo").stdout == "\n"


def test_verzenden_weigert_een_gewijzigde_tekst(advies: Advies, tekst: Callable[..., Path], home: Path) -> None:
    kenmerk = _aanvraag(advies, tekst)
    advies("agenderen", kenmerk, "--vergadering", "2020-01-28")
    advies("vaststellen", kenmerk, "--datum", "2020-01-28")
    engine = maak_engine(database_url())
    with engine.begin() as db:
        db.execute(text("UPDATE tekstversie SET blokken = replace(blokken, 'blij verrast', 'teleurgesteld')"))
    engine.dispose()
    _ongewijzigd(
        advies,
        kenmerk,
        ["verzenden", kenmerk, "--datum", "2020-01-29"],
        "de tekst van CRA 2020-01 wijkt af van de vastgestelde versie; er is niets verzonden",
    )


@OPMAAK
def test_pdf_zonder_libreoffice(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    _aanvraag(advies, tekst)
    uit = advies("brief", "2020-01", "--pdf", "--uit", str(tmp_path), code=1, env={"PATH": ""})
    assert uit.stderr == (
        "Fout: LibreOffice is niet geïnstalleerd (het programma 'soffice' is niet gevonden), dus er is geen PDF "
        "gemaakt; installeer LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) of laat --pdf "
        "weg voor een Word-bestand\n"
    )
    assert list(tmp_path.glob("*.pdf")) == []


@OPMAAK
def test_libreoffice_maakt_een_pdf(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) ontbreekt in CI; .ci/run hoort het te installeren")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; installeer libreoffice-writer-nogui")
    _instellingen(advies)
    _verzonden(advies, tekst)
    uit = advies("brief", "2020-01", "--pdf", "--uit", str(tmp_path))
    pad = tmp_path / "CRA-2020-01_brief.pdf"
    assert uit.stdout == f"Verzonden brief (versie 1, 29 januari 2020) geschreven naar {pad}\n"
    inhoud = pad.read_bytes()
    assert inhoud.startswith(b"%PDF-")
    assert len(inhoud) > 5_000
    assert not list(tmp_path.glob("*.docx"))


def _w(naam: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{naam}"


@OPMAAK
def test_adresvak_in_het_venster_en_slotblok_bij_elkaar(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    _instellingen(advies)
    advies(
        "instelling", "brief.geadresseerde", "College van burgemeester en wethouders; Postbus 30026;9700 RM Groningen"
    )
    _verzonden(advies, tekst)
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    teksten = alineas(pad)
    assert teksten[3:7] == [
        "College van burgemeester en wethouders",
        "Postbus 30026",
        "9700 RM Groningen",
        "Groningen, 29\u00a0januari\u00a02020",
    ]
    document = docx.Document(str(pad))
    sectie = document.sections[0]
    kop, adres = document.tables[0].rows
    assert "College van burgemeester en wethouders" in adres.cells[0].text
    boven = sectie.top_margin + kop.height
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    assert (kop.height_rule, adres.height_rule) == (WD_ROW_HEIGHT_RULE.EXACTLY,) * 2
    assert docx.shared.Mm(45) <= boven and boven + adres.height <= docx.shared.Mm(90)
    from docx.text.paragraph import Paragraph

    slottabel = document.tables[-1]
    slot = [Paragraph(p, document) for p in slottabel._tbl.iter(_w("p"))]
    assert [p.text for p in slot if p.text] == SLOT[1:]
    assert all(stijl(p).paragraph_format.keep_with_next and stijl(p).paragraph_format.keep_together for p in slot)
    rij = slottabel.rows[0]._tr.trPr
    assert rij is not None
    assert rij.find(_w("cantSplit")) is not None  # the row never splits over pages
    groet = next(p for p in document.paragraphs if p.text == SLOT[0])
    assert groet.paragraph_format.keep_with_next


@OPMAAK
def test_voettekst_taal_eigenschappen_en_nummering(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    from datetime import UTC, datetime

    _instellingen(advies)
    lijsten = TEKST + "\n1. eerste;\n2. tweede.\n\nTussendoor.\n\n1. opnieuw een;\n2. opnieuw twee.\n"
    advies("aanvraag", "Werkprogramma 2020-2022", "--ontvangen", "2020-01-10")
    voor = datetime.now(UTC).replace(microsecond=0)
    advies("concept", "2020-01", "--tekst", str(tekst(lijsten)))
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    inhoud = pad.read_bytes()
    document = docx.Document(str(pad))
    sectie = document.sections[0]
    assert sectie.different_first_page_header_footer
    voet = sectie.footer.paragraphs[0]
    assert voet.text == "CRA 2020-01 \u2013 pagina 2 van 2"
    assert [i.text.strip() for i in voet._p.iter(_w("instrText"))] == ["PAGE", "NUMPAGES"]
    assert "pagina" not in "".join(p.text for p in sectie.first_page_footer.paragraphs)
    talen = {t.get(_w("val")) for t in document.styles.element.iter(_w("lang"))}
    assert talen == {"nl-NL"}
    lijf = next(p for p in document.paragraphs if p.text.startswith("De Cliëntenraad is"))
    assert {t.get(_w("val")) for t in lijf._p.iter(_w("lang"))} == {"nl-NL"}
    kern = document.core_properties
    assert (kern.title, kern.author, kern.language) == (
        "CRA 2020-01 \u2013 Advies over Werkprogramma 2020-2022",
        "Cliëntenraad Werk & Inkomen",
        "nl-NL",
    )
    assert voor <= kern.created.replace(tzinfo=UTC) == kern.modified.replace(tzinfo=UTC)
    assert "Macintosh" not in alle_tekst(inhoud) and "2013" not in alle_tekst(inhoud)
    genummerd = [p for p in document.paragraphs if stijl(p).name == "List Number"]
    assert [p.text for p in genummerd] == ["eerste;", "tweede.", "opnieuw een;", "opnieuw twee."]
    nummers = [p._p.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}").get(_w("val")) for p in genummerd]
    assert nummers[0] == nummers[1] != nummers[2] == nummers[3]
    nummering = document.part.numbering_part.element
    for num_id in (nummers[0], nummers[2]):
        assert nummering.num_having_numId(int(num_id)).find(f".//{_w('startOverride')}").get(_w("val")) == "1"
    assert "CONCEPT" in kopregels(inhoud)


@OPMAAK
def test_eindbrief_zonder_concept_resten(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    _verzonden(advies, tekst)
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    document = docx.Document(str(pad))
    for kop in (document.sections[0].header, document.sections[0].first_page_header):
        assert [p.text for p in kop.paragraphs] == [""]  # only the 1-pt paragraph a header must have
        assert kop.paragraphs[0].paragraph_format.line_spacing == docx.shared.Pt(1)


@OPMAAK
def test_onderwerpregel_uit_instelling_en_per_advies(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    advies("instelling", "brief.onderwerp", "Advies over het {onderwerp}")
    advies("nieuw", "Werkprogramma {0} 2020", "--datum", "2020-02-01")
    advies("concept", "2020-01", "--tekst", str(tekst("Geacht college,\n\nTekst.\n")))
    advies("brief", "2020-01", "--uit", str(tmp_path / "a.docx"))
    assert "Onderwerp: Advies over het Werkprogramma {0} 2020" in alineas(tmp_path / "a.docx")
    advies("aanvulling", "2020-01", "Vervoer", "--datum", "2020-02-02")
    advies("concept", "2020-01A", "--tekst", str(tekst("Tekst.\n", "b.md")))
    advies("brief", "2020-01A", "--uit", str(tmp_path / "b.docx"))
    assert "Onderwerp: Aanvullend advies over het Vervoer" in alineas(tmp_path / "b.docx")
    eigen = "Onderwerp: Advies over de Werkprogramma's van 2020\n\nGeacht college,\n\nTekst.\n"
    advies("concept", "2020-01", "--tekst", str(tekst(eigen, "c.md")))
    advies("brief", "2020-01", "--uit", str(tmp_path / "c.docx"))
    teksten = alineas(tmp_path / "c.docx")
    assert "Onderwerp: Advies over de Werkprogramma's van 2020" in teksten
    assert teksten.count("Geacht college,") == 1 and "Tekst." in teksten
    assert not any(t.startswith("Onderwerp: Advies over het") for t in teksten)
    for fout, melding in (
        ("Advies {naam}", "brief.onderwerp kent alleen de plaatshouder {onderwerp}, niet 'Advies {naam}'"),
        (
            "{onderwerp.__class__}",
            "brief.onderwerp kent alleen de plaatshouder {onderwerp}, niet '{onderwerp.__class__}'",
        ),
        ("  ", "brief.onderwerp mag niet leeg zijn; bijvoorbeeld 'Advies over {onderwerp}'"),
    ):
        voor = momentopname()
        assert weiger("instelling", "brief.onderwerp", fout) == f"Fout: {melding}"
        assert momentopname() == voor


def test_herinneringen_bouwen_op(advies: Advies, tekst: Callable[..., Path], home: Path) -> None:
    _instellingen(advies)
    kenmerk = _verzonden(advies, tekst)
    advies("herinnering", kenmerk, "--datum", "2020-03-12")
    # 30 March + 14 days is Easter Monday 2020 (13 April): the new term moves to the next working day.
    uit = advies("herinnering", kenmerk, "--datum", "2020-03-30")
    pad = home / "documenten" / "CRB-2020-02_herinnering.docx"
    assert uit.stdout.endswith(f"geschreven naar {pad}\n")
    teksten = alineas(pad)
    assert "Onderwerp: Tweede herinnering \u2013 uw reactie op ons advies CRA\u00a02020-01" in teksten
    assert "Op 12\u00a0maart\u00a02020 (ons kenmerk CRB\u00a02020-01) herinnerden we u hier al aan." in teksten
    dringend = "We verzoeken u dringend ons uw schriftelijke reactie uiterlijk 14\u00a0april\u00a02020 toe te sturen."
    assert dringend in teksten
    assert not any("wij" in t.lower().split() or "::" in t for t in teksten)
    document = docx.Document(str(pad))
    koppels = list(document.element.body.iter(_w("noBreakHyphen")))
    assert [k.getprevious().text[-8:] for k in koppels][:2] == ["CRA\u00a02020", "CRA\u00a02020"]
    assert (
        document.core_properties.title
        == "CRB 2020-02 \u2013 Tweede herinnering \u2013 uw reactie op ons advies CRA 2020-01"
    )
    laatste = als_json(advies("toon", kenmerk, "--json"))["geschiedenis"][-1]
    assert "nu uiterlijk 2020-04-14" in laatste["notitie"]


def test_herinnering_eerst_het_register_dan_het_bestand(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the user named is checked before anything is stored; the letter itself is written
    after the commit, so a failing write leaves the reminder in the register, and says so."""
    import errno

    kenmerk = _verzonden(advies, tekst)
    bezet = tmp_path / "bezet.docx"
    bezet.write_bytes(b"van de gebruiker")
    voor = momentopname()
    assert weiger("herinnering", kenmerk, "--datum", "2020-04-01", "--uit", str(bezet)) == (
        f"Fout: '{bezet}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf; er is niets opgeslagen"
    )
    assert momentopname() == voor
    assert bezet.read_bytes() == b"van de gebruiker"

    def vol(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    import types

    nep_os = types.SimpleNamespace(**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")})
    nep_os.link = vol
    monkeypatch.setattr("workflow.bestanden.os", nep_os)
    doel = tmp_path / "h.docx"
    assert weiger("herinnering", kenmerk, "--datum", "2020-04-01", "--uit", str(doel)) == (
        f"Fout: kan {doel} niet schrijven: de schijf is vol; de herinnering CRB 2020-01 is wel opgeslagen; "
        "schrijf haar met 'advies brief \"CRB 2020-01\" --uit PAD'"
    )
    monkeypatch.setattr("workflow.bestanden.os", os)  # not undo(): that would also undo the home fixture
    assert not doel.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    advies("brief", "CRB 2020-01", "--uit", str(doel))
    assert "CRB 2020-01" in " ".join(alineas(doel))
    uit = advies("herinnering", kenmerk, "--datum", "2020-04-20", "--uit", str(tmp_path))
    assert uit.stdout.startswith("Herinnering CRB 2020-02 voor CRA 2020-01 opgeslagen")


@OPMAAK
def test_eigen_herinneringssjabloon(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    pad = tmp_path / "mijn-herinnering.docx"
    advies("sjabloon", "exporteer", "--uit", str(pad), "--soort", "herinnering")
    uit = advies("sjabloon", "controleer", str(pad), "--soort", "herinnering")
    assert uit.stdout.splitlines()[0] == "mijn-herinnering.docx is in orde. Het sjabloon gebruikt:"
    assert "  vorige_herinneringen" in uit.stdout
    uit = advies("sjabloon", "controleer", str(pad), code=1)
    assert uit.stderr.splitlines()[-1] == (
        "Fout: de adviestekst ontbreekt: zet '{{p tekst }}' in een eigen alinea waar de tekst moet komen "
        "(is dit een herinnering? gebruik dan --soort herinnering)"
    )
    document = docx.Document(str(pad))
    document.add_paragraph("Met dank voor uw aandacht ({{ herinnering_nummer }}).")
    document.save(str(pad))
    advies("instelling", "brief.sjabloon_herinnering", str(pad))
    kenmerk = _verzonden(advies, tekst)
    advies("herinnering", kenmerk, "--datum", "2020-04-01", "--uit", str(tmp_path / "h.docx"))
    assert alineas(tmp_path / "h.docx")[-1] == "Met dank voor uw aandacht (1)."


def _vereis_libreoffice() -> None:
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) ontbreekt in CI; .ci/run hoort het te installeren")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; installeer libreoffice-writer-nogui")


@OPMAAK
def test_pdf_is_pdf_a(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    from tests.brieven_hulp import pdf_paginas, xmp

    _vereis_libreoffice()
    _instellingen(advies)
    _verzonden(advies, tekst)
    pad = tmp_path / "brief.pdf"
    advies("brief", "2020-01", "--pdf", "--uit", str(pad))
    metadata = xmp(pad.read_bytes())
    ns = {
        "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }
    assert metadata.findtext(".//pdfaid:part", namespaces=ns) == "2"
    assert metadata.findtext(".//pdfaid:conformance", namespaces=ns) == "B"
    assert metadata.findtext(".//dc:title//rdf:li", namespaces=ns) == (
        "CRA 2020-01 \u2013 Advies over Werkprogramma 2020-2022"
    )
    assert metadata.findtext(".//dc:creator//rdf:li", namespaces=ns).startswith("Cliëntenraad Werk &")
    assert "College van burgemeester en wethouders" in pdf_paginas(pad.read_bytes())[0]


@OPMAAK
def test_slotblok_blijft_op_een_pagina(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    """Bodies of increasing length push the closing block over the page end: it moves whole."""
    import subprocess

    from tests.brieven_hulp import pdf_paginas

    _vereis_libreoffice()
    _instellingen(advies)
    alinea = "Dit is een alinea van de adviestekst die ongeveer twee regels beslaat in de brief, " * 2
    lengtes = range(3, 11)
    for i, aantal in enumerate(lengtes, start=1):
        advies("nieuw", f"Lengte {aantal}", "--datum", "2020-02-01")
        advies("concept", f"2020-{i}", "--tekst", str(tekst("\n\n".join([alinea] * aantal), f"t{i}.md")))
        advies("brief", f"2020-{i}", "--uit", str(tmp_path / f"b{i}.docx"))
    profiel = (tmp_path / "profiel").as_uri()
    programma = soffice()
    assert programma is not None
    subprocess.run(
        [programma, "--headless", f"-env:UserInstallation={profiel}", "--convert-to", "pdf", "--outdir", str(tmp_path)]
        + [str(tmp_path / f"b{i}.docx") for i in range(1, len(lengtes) + 1)],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    paginas_per_brief = []
    for i in range(1, len(lengtes) + 1):
        paginas = pdf_paginas((tmp_path / f"b{i}.pdf").read_bytes())
        paginas_per_brief.append(len(paginas))
        groet = [n for n, p in enumerate(paginas) if "Met vriendelijke groet," in p]
        assert len(groet) == 1, i
        slotpagina = paginas[groet[0]]
        for regel in SLOT:
            assert regel in slotpagina.replace("\n", " ") or regel in slotpagina, (i, regel)
        for n, pagina in enumerate(paginas[1:], start=2):
            assert f"CRA 2020-{i:02d} \u2013 pagina {n} van {len(paginas)}" in pagina
        assert "pagina 1 van" not in paginas[0]
    assert min(paginas_per_brief) == 1 and max(paginas_per_brief) == 2
