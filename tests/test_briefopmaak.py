"""Nothing in a letter is clipped: the letterhead and the addressee are checked against the layout
when they are set; postal double spaces, whole dates, the closing with body text; subjects in Dutch."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from sjablonen import briefmaten, lettermaat
from sjablonen.maak_sjablonen import ADRESBREEDTE, ADRESHOOGTE
from sjablonen.pdf import soffice
from tests.brieven_hulp import alineas, pdf_paginas
from tests.conftest import Advies, weiger
from tests.test_jaaroverzicht import JAAR_2020

pytestmark = (
    pytest.mark.sqlite
)  # one backend is enough: the letter's layout is made from plain data in the worker; the backend plays no part

NAAM = "Cliëntenraad Werk & Inkomen"
XMP = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def _waarde(advies: Advies, sleutel: str) -> str:
    regel = next(r for r in advies("instelling").stdout.splitlines() if r.startswith(f"{sleutel} = "))
    return regel.split(" = ", 1)[1]


def _zo_breed(mm: float, punten: float) -> str:
    """A line of 'x' as wide as possible within `mm` at `punten` pt."""
    regel = ""
    while lettermaat.breedte_mm(regel + "x", punten) <= mm:
        regel += "x"
    return regel


def test_lettermaten_zijn_die_van_liberation_sans() -> None:
    """The stored widths are the installed Liberation Sans's (Arial's metrics)."""
    if not Path(lettermaat.LETTERTYPEN["normaal"]).exists():
        pytest.skip("Liberation Sans is niet geïnstalleerd (apt-get install fonts-liberation2)")
    for soort, pad in lettermaat.LETTERTYPEN.items():
        assert lettermaat.uit_lettertype(pad) == " ".join(lettermaat.BREEDTES[soort].split()), soort
    # Arial's own widths of a few characters (units per 2048 em), as published in its metrics.
    in_eenheden = 2048 / lettermaat.MM_PER_PUNT  # at this size a millimetre is a font unit
    assert [lettermaat.breedte_mm(t, in_eenheden) for t in "ailW"] == pytest.approx([1139, 455, 455, 1933])


def test_geadresseerde_tot_zes_regels_in_het_venster(advies: Advies) -> None:
    assert briefmaten.geadresseerde_hoogte(briefmaten.ADRESREGELS) <= ADRESHOOGTE
    zes = ";".join(["College van burgemeester en wethouders", "t.a.v. de heer A. de Vries"] + ["regel"] * 4)
    advies("instelling", "brief.geadresseerde", zes)
    assert _waarde(advies, "brief.geadresseerde") == zes
    fout = weiger("instelling", "brief.geadresseerde", zes + ";nog een")
    assert fout == "Fout: brief.geadresseerde heeft 7 regels; in het venster van de envelop passen er 6"
    assert _waarde(advies, "brief.geadresseerde") == zes


def test_geadresseerde_regel_tot_85_mm(advies: Advies) -> None:
    past = _zo_breed(ADRESBREEDTE, 10)
    advies("instelling", "brief.geadresseerde", f"College;{past}")
    fout = weiger("instelling", "brief.geadresseerde", f"College;{past}x")
    assert fout.startswith(f"Fout: brief.geadresseerde: de regel '{past}x' is 86,4")
    assert fout.endswith(
        " mm breed en past niet in het adresvak van 85 mm; verdeel hem over twee regels of kort hem in"
    )
    lang = "t.a.v. de heer mr. dr. A.B.C. van der Wetering-Langeveld"
    assert "is 88,2 mm breed" in weiger("instelling", "brief.geadresseerde", f"College;{lang}")


def test_briefhoofd_tot_vijf_mm_boven_het_venster(advies: Advies) -> None:
    ruimte = briefmaten.adresregels_ruimte(NAAM)
    assert ruimte == 5  # Postbus, postcode en plaats, telefoon, e-mail, website
    regels = ";".join(f"regel {i}" for i in range(ruimte))
    advies("instelling", "organisatie.adres", regels)
    fout = weiger("instelling", "organisatie.adres", regels + ";nog een")
    assert fout == (
        "Fout: organisatie.adres heeft 6 regels; onder de naam van de raad passen er 5 in het briefhoofd "
        "(het moet 5 mm boven het venster van de envelop eindigen)"
    )
    # A name over two lines leaves room for fewer address lines: that name is refused, nothing changes.
    lange_naam = "Cliëntenraad Werk & Inkomen gemeente Groningen"  # two lines at 14 pt bold in 85 mm
    fout = weiger("instelling", "organisatie.naam", lange_naam)
    assert "organisatie.adres heeft 5 regels; onder de naam van de raad passen er 3 in het briefhoofd" in fout
    assert _waarde(advies, "organisatie.naam") == NAAM
    assert "past niet in het adresvak" in weiger("instelling", "organisatie.adres", _zo_breed(ADRESBREEDTE, 8) + "x")


def test_dubbele_spaties_blijven_en_datums_breken_niet(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    advies("instelling", "organisatie.adres", "Postbus 30026;9700 RM  GRONINGEN")
    advies("instelling", "brief.geadresseerde", "College van B en W;Postbus 30026;\t9700 RM  GRONINGEN")
    assert _waarde(advies, "brief.geadresseerde") == "College van B en W;Postbus 30026; 9700 RM  GRONINGEN"
    advies("aanvraag", "Werkprogramma 2020-2022", "--ontvangen", "2020-08-03")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    pad = tmp_path / "brief.docx"
    advies("brief", "2020-01", "--uit", str(pad))
    teksten = alineas(pad)
    assert teksten.count("9700 RM  GRONINGEN") == 2
    assert "Uw brief van: 3\u00a0augustus\u00a02020" in teksten


@pytest.mark.parametrize("onderwerp", sorted({rij[1] for rij in JAAR_2020}))
def test_onderwerp_in_de_herinnering_met_of_zonder_lidwoord(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path, onderwerp: str
) -> None:
    """'ons advies over Werkprogramma' lacks an article; the subject in quotes is right either way."""
    advies("aanvraag", onderwerp, "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
    advies("vaststellen", "2020-01", "--datum", "2020-01-28")
    advies("verzenden", "2020-01", "--datum", "2020-01-29")
    advies("herinnering", "2020-01", "--datum", "2020-03-20", "--uit", str(tmp_path / "h.docx"))
    zin = next(t for t in alineas(tmp_path / "h.docx") if t.startswith("Op 29"))
    assert f"stuurden we u ons advies \u2018{onderwerp}\u2019 (ons kenmerk" in zin


def test_slot_staat_niet_zonder_tekst_op_de_laatste_pagina(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    """Bodies that end a line at a time past the page end: the closing always has two lines of text
    above it on its page (LibreOffice's rendering, read back from the PDF)."""
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) ontbreekt in CI; .ci/run hoort het te installeren")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    alinea = "Dit is een alinea van de adviestekst die ongeveer twee regels beslaat in de brief, " * 2
    korte = "Een korte slotalinea van één regel."
    gevallen = [[alinea] * n + [korte] for n in range(9, 15)]
    for i, alineas_ in enumerate(gevallen, start=1):
        advies("nieuw", f"Lengte {i}", "--datum", "2020-02-01")
        advies("concept", f"2020-{i}", "--tekst", str(tekst("\n\n".join(alineas_), f"t{i}.md")))
        advies("brief", f"2020-{i}", "--uit", str(tmp_path / f"b{i}.docx"))
    programma = soffice()
    assert programma is not None
    subprocess.run(
        [programma, "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path)]
        + [str(tmp_path / f"b{i}.docx") for i in range(1, len(gevallen) + 1)],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    meer_paginas = 0
    for i in range(1, len(gevallen) + 1):
        paginas = pdf_paginas((tmp_path / f"b{i}.pdf").read_bytes())
        laatste = paginas[-1]
        assert "Met vriendelijke groet," in laatste, i
        voor_slot = laatste.split("Graag ontvangen we")[0]
        tekstregels = [r for r in voor_slot.splitlines() if r.strip() and " \u2013 pagina " not in r]
        if len(paginas) > 1:
            meer_paginas += 1
            assert korte in voor_slot and len(tekstregels) >= 2, (i, voor_slot)
    assert meer_paginas >= 2


def test_pdf_zonder_arial_of_liberation_sans_geweigerd(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only DejaVu Sans for "Arial": LibreOffice would substitute it, so --pdf refuses."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for naam, uitvoer in (("fc-match", "DejaVu Sans"), ("soffice", "")):
        (bin_ / naam).write_text(f"#!/bin/sh\nprintf '%s' '{uitvoer}'\n", encoding="utf-8")
        (bin_ / naam).chmod(0o755)
    advies("aanvraag", "Werkprogramma 2020-2022", "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    assert weiger("brief", "2020-01", "--pdf", "--uit", str(tmp_path)) == (
        "Fout: het lettertype Arial of Liberation Sans ontbreekt, dus er is geen PDF gemaakt (een ander "
        "lettertype breekt de regels anders af dan de Word-brief); installeer het pakket fonts-liberation2"
    )
    assert not list(tmp_path.glob("*.pdf"))


RAAD = "Werk & Inkomen <Stad>"


def _brief_met_rare_namen(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> Path:
    """The PDF of a letter from a council named with &, < and >, about a subject with quotes too."""
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) ontbreekt in CI; .ci/run hoort het te installeren")
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    advies("instelling", "organisatie.naam", RAAD)
    advies("aanvraag", 'Vervoer & "meedoen" <2020>', "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(tekst()))
    advies("brief", "2020-01", "--pdf", "--uit", str(tmp_path / "brief.pdf"))
    return tmp_path / "brief.pdf"


def test_pdf_a_met_ampersand_punthaken_en_aanhalingstekens(
    advies: Advies, tekst: Callable[..., Path], tmp_path: Path
) -> None:
    """Info and XMP equal for every property, fonts embedded (Liberation Sans for Arial), OutputIntent."""
    import docx

    from tests.brieven_hulp import lettertypen, pdfa_afwijkingen, xmp

    raad = RAAD
    inhoud = _brief_met_rare_namen(advies, tekst, tmp_path).read_bytes()
    advies("brief", "2020-01", "--uit", str(tmp_path / "brief.docx"))
    stijlen = docx.Document(str(tmp_path / "brief.docx")).styles
    assert stijlen["Normal"].font.name == "Arial"
    assert pdfa_afwijkingen(inhoud) == []
    maker = xmp(inhoud).find(".//dc:creator//rdf:li", {**XMP, "dc": "http://purl.org/dc/elements/1.1/"})
    assert maker is not None and maker.text == raad
    assert lettertypen(inhoud) == {"LiberationSans", "LiberationSans-Bold"}


def test_pdf_a_door_pdfbox_preflight(advies: Advies, tekst: Callable[..., Path], tmp_path: Path) -> None:
    """A real validator: PDFBox Preflight finds nothing but the part number (it checks PDF/A-1b,
    the letter is PDF/A-2b), and it does find an author in the XMP that differs from the Info's."""
    from tests.brieven_hulp import ALLEEN_HET_DEEL, PREFLIGHT_PAKKETTEN, preflight, preflight_beschikbaar

    if not preflight_beschikbaar():
        if os.environ.get("CI"):
            pytest.fail(f"PDFBox Preflight ontbreekt in CI; .ci/run hoort {PREFLIGHT_PAKKETTEN} te installeren")
        pytest.skip(f"PDFBox Preflight is niet geïnstalleerd ({PREFLIGHT_PAKKETTEN}); PDF/A niet gevalideerd")
    pad = _brief_met_rare_namen(advies, tekst, tmp_path)
    assert preflight(pad) == [ALLEEN_HET_DEEL]
    inhoud = pad.read_bytes()
    begin = inhoud.index(b"<dc:creator>")
    eind = inhoud.index(b"</dc:creator>", begin)
    kapot = tmp_path / "kapot.pdf"  # the same length, so no offset moves: only the XMP author differs
    kapot.write_bytes(inhoud[:begin] + inhoud[begin:eind].replace(b"Werk", b"Wxrk") + inhoud[eind:])
    assert preflight(kapot) == [
        "7.2 : Error on MetaData, Author present in the document catalog dictionary doesn't match with XMP information",
        ALLEEN_HET_DEEL,
    ]


def test_xmp_dubbel_escapen_hersteld_zonder_verschuiving(tmp_path: Path) -> None:
    """LibreOffice's double escapes undone in place: the same length, so no offset moves."""
    from sjablonen.pdf import xmp_hersteld

    pakket = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<rdf:li>Werk &amp;amp; Inkomen &amp;lt;Stad&amp;gt; &amp;quot;x&amp;quot;</rdf:li></x:xmpmeta>"
        + b" " * 20
        + b'<?xpacket end="w"?>'
    )
    pdf = b"%PDF-1.6\n1 0 obj\n<< /Length 9 >>\nstream\n" + pakket + b"\nendstream\nendobj\n"
    hersteld = xmp_hersteld(pdf)
    assert len(hersteld) == len(pdf)
    assert b"<rdf:li>Werk &amp; Inkomen &lt;Stad&gt; &quot;x&quot;</rdf:li></x:xmpmeta>" + b" " * 40 in hersteld
    assert xmp_hersteld(hersteld) == hersteld


@pytest.mark.parametrize(
    ("tekst", "breedte", "regels"),
    [
        ("", 30, 1),
        ("Bezuinigingen Stadjerspas", 30, 1),
        ("Vouchers als verlichtende maatregel ivm. Corona", 30, 2),
        ("verlengd tot 12-03-2020\nverlengd tot 02-04-2020", 34, 2),
        ("Gegenereerd advies 10 over 2020", 30, 1),  # 31 characters: fits in Arial, as LibreOffice shows
        ("Reïntegratieverordening", 11, 2),  # a word longer than the column is cut
        ("Reïntegratieverordening Participatiewet", 11, 4),
    ],
)
def test_regelhoogte_van_het_excelblad(tekst: str, breedte: int, regels: int) -> None:
    from sjablonen.jaaroverzicht.excel import _regels

    assert _regels(tekst, breedte) == regels
