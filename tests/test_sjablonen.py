"""The Word templates: the shipped defaults, `advies sjabloon controleer|exporteer`, and the
rendering rules (autoescape, strict undefined variables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adviesfouten import AdviesFout
from sjablonen import brieven, maak_sjablonen
from tests.brieven_hulp import alineas, geldige_xml, sjabloon
from tests.conftest import Advies, als_json

GEBRUIKT = [
    "afschriften",
    "concept",
    "datum",
    "functie",
    "geadresseerde",
    "kenmerk",
    "logo",
    "ondertekenaar",
    "onderwerpregel",
    "organisatie",
    "plaats",
    "tekst",
    "uw_brief_van",
    "uw_kenmerk",
    "versie",
]


def test_standaardsjablonen_zijn_wat_het_script_maakt(tmp_path: Path) -> None:
    maak_sjablonen.main(tmp_path)
    for naam in maak_sjablonen.SJABLONEN:
        assert (tmp_path / naam).read_bytes() == brieven.standaardsjabloon(naam), (
            f"{naam} is verouderd: draai python -m sjablonen.maak_sjablonen"
        )


def test_exporteer_en_controleer_standaard(advies: Advies, tmp_path: Path) -> None:
    pad = tmp_path / "mijn-brief.docx"
    uit = advies("sjabloon", "exporteer", "--uit", str(pad))
    assert uit.stdout == f"Standaardsjabloon (adviesbrief) geschreven naar {pad}\n"
    assert pad.read_bytes() == brieven.standaardsjabloon()
    uit = advies("sjabloon", "controleer", str(pad))
    regels = uit.stdout.splitlines()
    assert regels[0] == "mijn-brief.docx is in orde. Het sjabloon gebruikt:"
    assert [r.split()[0] for r in regels[1:]] == GEBRUIKT
    assert regels[1] == "  afschriften    brief.afschrift als lijst van regels (I.a.a.)"


def test_exporteer_overschrijft_niet(advies: Advies, tmp_path: Path) -> None:
    pad = tmp_path / "bestaat.docx"
    pad.write_bytes(b"eigen werk")
    uit = advies("sjabloon", "exporteer", "--uit", str(pad), code=1)
    assert uit.stderr == f"Fout: '{pad}' bestaat al; kies een andere naam met --uit of gebruik --overschrijf\n"
    assert pad.read_bytes() == b"eigen werk"
    advies("sjabloon", "exporteer", "--uit", str(tmp_path), "--soort", "herinnering")
    assert (tmp_path / "herinnering.docx").read_bytes() == brieven.standaardsjabloon("herinnering.docx")


@pytest.mark.parametrize(
    ("regels", "fouten"),
    [
        (
            ["{{ kenmerk | }}"],
            ["alinea 39 ('{{ kenmerk | }}'): Jinja-syntaxfout: expected token 'name', got 'end of print statement'"],
        ),
        (
            ["{% if concept %}CONCEPT"],
            ["alinea 39 ('{% if concept %}CONCEPT'): '{% if %}' wordt nergens gesloten met '{% endif %}'"],
        ),
        (
            ["Zie {{ bijlage }}"],
            [
                "alinea 39 ('Zie {{ bijlage }}'): de variabele 'bijlage' levert de brief niet (wel: afschriften, "
                "concept, datum, functie, geadresseerde, kenmerk, logo, ondertekenaar, onderwerp, onderwerpregel, "
                "organisatie, plaats, soort, tekst, uw_brief_van, uw_kenmerk, versie)"
            ],
        ),
        (
            ["{% if soort == \u201cgevraagd\u201d %}Op uw verzoek{% endif %}"],
            [
                "alinea 39 ('{% if soort == \u201cgevraagd\u201d %}Op uw verzoek{% endif %}'): Word heeft in "
                "'{% if soort == \u201cgevraagd\u201d %}' gekrulde aanhalingstekens gezet; vervang ze door rechte "
                "(' of \")"
            ],
        ),
        (
            ["Namens {{ organisatie.", "naam }}"],
            [
                "alinea 39 ('Namens {{ organisatie.'): de tag '{{ organisatie.' wordt in deze alinea niet gesloten; "
                "een tag moet binnen één alinea beginnen en eindigen (Word splitst een tag soms over twee alinea's)"
            ],
        ),
        (
            ["{{ organisatie.nam }}"],
            [
                "alinea 39 ('{{ organisatie.nam }}'): 'organisatie.nam' bestaat niet in een brief "
                "(wel: adres, naam, plaats)"
            ],
        ),
        (
            ["Bijlage: {{p tekst }}"],
            [
                "alinea 39 ('Bijlage: {{p tekst }}'): '{{p tekst }}' moet alleen in een eigen alinea staan; de rest "
                "van de alinea zou wegvallen"
            ],
        ),
    ],
    ids=["syntax", "blok-open", "onbekend", "krullen", "gesplitst", "strikt", "p-tag"],
)
def test_controleer_meldt_fouten_met_alinea(
    advies: Advies, tmp_path: Path, regels: list[str], fouten: list[str]
) -> None:
    pad = tmp_path / "fout.docx"
    pad.write_bytes(sjabloon(*regels))
    uit = advies("sjabloon", "controleer", str(pad), code=1)
    assert uit.stdout == ""
    assert uit.stderr.splitlines() == [f"Fout: {f}" for f in fouten]


def test_controleer_meerdere_fouten_en_geen_word(advies: Advies, tmp_path: Path) -> None:
    pad = tmp_path / "kaal.docx"
    pad.write_bytes(sjabloon("{{ kenmerk }}", "{{ bijlage }}", basis=False))
    uit = advies("sjabloon", "controleer", str(pad), code=1)
    assert uit.stderr.splitlines() == [
        "Fout: alinea 2 ('{{ bijlage }}'): de variabele 'bijlage' levert de brief niet (wel: afschriften, concept, "
        "datum, functie, geadresseerde, kenmerk, logo, ondertekenaar, onderwerp, onderwerpregel, organisatie, "
        "plaats, soort, tekst, uw_brief_van, uw_kenmerk, versie)",
        "Fout: de adviestekst ontbreekt: zet '{{p tekst }}' in een eigen alinea waar de tekst moet komen",
    ]
    pad.write_bytes(b"Dit is platte tekst.")
    uit = advies("sjabloon", "controleer", str(pad), code=1)
    assert uit.stderr == "Fout: het is geen geldig Word-document (.docx)\n"


def test_instelling_weigert_een_fout_sjabloon(advies: Advies, tmp_path: Path) -> None:
    pad = tmp_path / "fout.docx"
    pad.write_bytes(sjabloon("{{ bijlage }}"))
    uit = advies("instelling", "brief.sjabloon", str(pad), code=1)
    assert uit.stderr.startswith("Fout: het sjabloon is niet bruikbaar: alinea 39 ('{{ bijlage }}'): de variabele ")
    assert als_json(advies("instelling", "brief.sjabloon", "--json")) == {"brief.sjabloon": ""}


def test_strikte_variabelen_noemen_de_naam() -> None:
    gegevens = {"kenmerk": "CRA 2020-02"}
    with pytest.raises(AdviesFout, match="^het briefsjabloon is niet bruikbaar: de variabele 'onderwerp' bestaat"):
        brieven.render(sjabloon("{{ kenmerk }} {{ onderwerp }}", basis=False), gegevens)


def test_autoescape_en_lege_waarden_blijven_geldige_xml() -> None:
    inhoud = brieven.render(
        sjabloon("{{ kenmerk }}|{{ onderwerp }}", basis=False),
        {"kenmerk": "A & B <c> \"d\" 'e'", "onderwerp": "Reïntegratie\x0b van cliënten\x07"},
    )
    geldige_xml(inhoud)
    assert alineas(inhoud) == ["A & B <c> \"d\" 'e'|Reïntegratie van cliënten"]


def test_tag_over_meerdere_runs_is_goed(tmp_path: Path) -> None:
    """Word often splits a tag over runs inside one paragraph (spelling, formatting); docxtpl reads that."""
    import io

    import docx

    from sjablonen.controle import onderzoek
    from sjablonen.controle import voorbeeldgegevens as voorbeeld

    document = docx.Document(io.BytesIO(brieven.standaardsjabloon()))
    alinea = document.add_paragraph()
    alinea.add_run("Betreft: {")
    alinea.add_run("{ onder")
    alinea.add_run("werp }").bold = True
    alinea.add_run("}")
    uit = io.BytesIO()
    document.save(uit)
    assert "onderwerp" in onderzoek(uit.getvalue())
    brief = brieven.render(uit.getvalue(), voorbeeld(), [])
    assert alineas(brief)[-1] == 'Betreft: Werkprogramma "Werk & <Inkomen>" 2020-2022'


KWAADAARDIG = {
    "cycler": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "class": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ organisatie.naam.__globals__ }}",
    "attr": "{{ (organisatie|attr('_' ~ '_class__')).__name__ }}",
    "range": "{% for x in range(10**9) %}{% endfor %}",
    "lussen": "{% for a in range(9000) %}{% for b in range(9000) %}{% endfor %}{% endfor %}",
    "geheugen": "{{ 'x' * 10**8 }}",
}


@pytest.mark.parametrize("tag", list(KWAADAARDIG.values()), ids=list(KWAADAARDIG))
def test_sandbox_weigert_kwaadaardige_sjablonen(advies: Advies, home: Path, tmp_path: Path, tag: str) -> None:
    from tests.conftest import momentopname, weiger

    marker = home / "MARKER"
    pad = tmp_path / "kwaad.docx"
    pad.write_bytes(sjabloon(tag.replace("MARKER", str(marker))))
    voor = momentopname()
    uit = advies("sjabloon", "controleer", str(pad), code=1)
    assert uit.stdout == "" and all(r.startswith("Fout: ") for r in uit.stderr.splitlines())
    assert "alinea 39 (" in uit.stderr or "een proefbrief lukt niet: het briefsjabloon is niet bruikbaar" in uit.stderr
    fout = weiger("instelling", "brief.sjabloon", str(pad))
    assert fout.startswith("Fout: het sjabloon is niet bruikbaar: ")
    assert momentopname() == voor
    assert not marker.exists()


def test_render_zelf_is_afgeschermd(tmp_path: Path) -> None:
    """A template that never passed the check (stored by other means) is still sandboxed when rendered."""
    from sjablonen.controle import VOORBEELDTEKST, voorbeeldgegevens

    marker = tmp_path / "MARKER"
    for tag in KWAADAARDIG.values():
        kwaad = sjabloon(tag.replace("MARKER", str(marker)))
        with pytest.raises(AdviesFout, match="^het briefsjabloon is niet bruikbaar: "):
            brieven.render(kwaad, voorbeeldgegevens(), VOORBEELDTEKST)
    assert not marker.exists()


def test_zip_bom_wordt_geweigerd(advies: Advies, tmp_path: Path) -> None:
    import io
    import zipfile

    from tests.conftest import momentopname, weiger

    bom = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(brieven.standaardsjabloon())) as bron, zipfile.ZipFile(bom, "w") as doel:
        for naam in bron.namelist():
            doel.writestr(naam, bron.read(naam), zipfile.ZIP_DEFLATED)
        doel.writestr("word/media/vulling.bin", b"\0" * (65 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    pad = tmp_path / "bom.docx"
    pad.write_bytes(bom.getvalue())
    assert pad.stat().st_size < 1024 * 1024
    melding = "het Word-document wordt uitgepakt groter dan 64 MB (een zip-bom?); het is geweigerd zonder het te openen"
    voor = momentopname()
    assert weiger("sjabloon", "controleer", str(pad)) == f"Fout: {melding}"
    assert weiger("instelling", "brief.sjabloon", str(pad)) == f"Fout: het sjabloon is niet bruikbaar: {melding}"
    assert momentopname() == voor
