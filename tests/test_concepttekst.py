"""Issue 24: a draft carries everything a letter can hold, from .docx and .md alike, into one
block form (`sjablonen.blokvorm`); what it cannot hold is refused by name and place.

Each draft goes through the CLI (`advies concept`, `advies brief`) and the letter is read back
with python-docx: text, order, list numbers (counted as Word counts them), table cells and link
targets must be those of the draft."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.conftest import Advies, als_json, weiger

pytestmark = (
    pytest.mark.sqlite
)  # one backend is enough: a draft is read in the worker before any transaction; the backend plays no part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

# What both drafts hold, as the letter must show it: (kind, text, number or level, ...).
VERWACHT: list[tuple[Any, ...]] = [
    ("p", "Inleiding"),
    ("p", "Gewoon vet, schuin en onderstreept."),
    ("lijst", "punt een", None, 0),
    ("lijst", "punt twee", None, 1),
    ("lijst", "drie", 3, 0),
    ("lijst", "drie-a", 1, 1),
    ("lijst", "vier", 4, 0),
    ("p", "Een citaat van de wethouder."),
    ("tabel", [["Jaar", "Doel"], ["2020", "Werk & <inkomen>"], ["2021", "Armoede"]], 1),
    ("p", "Zie ook de website: de raad."),
]
LINKS = [("de raad", "https://www.example.nl/raad?a=1&b=2")]

MARKDOWN = """# Inleiding

Gewoon **vet**, *schuin* en <u>onderstreept</u>.

- punt een
  - punt twee

3. drie
   1. drie-a
4. vier

> Een citaat van de wethouder.

| Jaar | Doel |
|------|------|
| 2020 | Werk & \\<inkomen> |
| 2021 | Armoede |

Zie ook de website: [de raad](https://www.example.nl/raad?a=1&b=2).
"""


def _nummer(document: Any, abstract: str, start: int, ilvl: int = 0) -> int:
    """A new numbering instance on `abstract`, starting at `start` at level `ilvl`."""
    nummering = document.part.numbering_part.element
    num = nummering.add_num(int(abstract))
    num.add_lvlOverride(ilvl=ilvl).add_startOverride(start)
    return int(num.numId)


def _lijstitem(document: Any, tekst: str, num_id: int, ilvl: int = 0) -> None:
    alinea = document.add_paragraph(tekst, style="List Number")
    numpr = f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    alinea._p.get_or_add_pPr().insert(1, parse_xml(numpr))


def _decimaal(document: Any) -> str:
    """A multi-level decimal abstract numbering, as Word's numbering button makes."""
    nummering = document.part.numbering_part.element
    niveaus = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%{n + 1}."/></w:lvl>'
        for n in range(3)
    )
    nummering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{niveaus}</w:abstractNum>'))
    return "90"


def word_concept() -> bytes:
    """The same draft as MARKDOWN, built as Word builds it: styles, numbering, a header row, a hyperlink."""
    d = docx.Document()
    d.add_heading("Inleiding", level=1)
    p = d.add_paragraph("Gewoon ")
    p.add_run("vet").bold = True
    p.add_run(", ")
    p.add_run("schuin").italic = True
    p.add_run(" en ")
    p.add_run("onderstreept").underline = True
    p.add_run(".")
    d.add_paragraph("punt een", style="List Bullet")
    d.add_paragraph("punt twee", style="List Bullet 2")
    abstract = _decimaal(d)
    num = _nummer(d, abstract, 3)
    _lijstitem(d, "drie", num)
    _lijstitem(d, "drie-a", num, ilvl=1)
    _lijstitem(d, "vier", num)
    d.add_paragraph("Een citaat van de wethouder.", style="Quote")
    tabel = d.add_table(rows=3, cols=2)
    tabel.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for r, rij in enumerate(VERWACHT[8][1]):
        for k, cel in enumerate(rij):
            tabel.cell(r, k).text = cel
    p = d.add_paragraph("Zie ook de website: ")
    rid = d.part.relate_to(LINKS[0][1], RT.HYPERLINK, is_external=True)
    link = f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>de raad</w:t></w:r></w:hyperlink>'
    p._p.append(parse_xml(link))
    p.add_run(".")
    uit = io.BytesIO()
    d.save(uit)
    return uit.getvalue()


def lees_brief(inhoud: bytes, eerste: str = "Inleiding") -> tuple[list[tuple[Any, ...]], list[tuple[str, str]], Any]:
    """The body of a letter from its first paragraph `eerste` up to the closing: paragraphs, list
    items with the numbers Word shows (counted per numbering instance and level, from each
    level's start or startOverride) and tables; its links (text, address); the document."""
    document = docx.Document(io.BytesIO(inhoud))
    nummering = document.part.numbering_part.element
    tellers: dict[tuple[str, int], int] = {}
    uit: list[tuple[Any, ...]] = []
    begonnen = False
    for kind in document.element.body:
        tekst = "".join(t.text or "" for t in kind.iter(f"{W}t"))
        begonnen = begonnen or tekst == eerste
        if not begonnen:
            continue
        if kind.tag == f"{W}tbl":
            rijen = [
                ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.findall(f"{W}tc")]
                for tr in kind.findall(f"{W}tr")
            ]
            kop = sum(1 for tr in kind.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None)
            uit.append(("tabel", rijen, kop))
            continue
        if kind.tag != f"{W}p" or not tekst.strip():
            continue
        if tekst.startswith(("Graag ontvangen", "Hoogachtend", "Met vriendelijke groet")):  # the template again
            break
        numpr = kind.find(f"{W}pPr/{W}numPr")
        stijl = kind.find(f"{W}pPr/{W}pStyle")
        if numpr is None and (stijl is None or not stijl.get(f"{W}val").startswith("List")):
            uit.append(("p", tekst))
            continue
        num_id = numpr.find(f"{W}numId").get(f"{W}val") if numpr is not None else None
        ilvl = int(numpr.find(f"{W}ilvl").get(f"{W}val")) if numpr is not None else 0
        if num_id is None:
            num_id = (
                document.styles.element.get_by_id(stijl.get(f"{W}val")).find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
            )
        num = nummering.num_having_numId(int(num_id))
        abstract = next(
            a for a in nummering.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == str(num.abstractNumId.val)
        )
        lvl = next(lv for lv in abstract.findall(f"{W}lvl") if lv.get(f"{W}ilvl") == str(ilvl))
        if lvl.find(f"{W}numFmt").get(f"{W}val") == "bullet":
            uit.append(("lijst", tekst, None, ilvl))
            continue
        start = int(lvl.find(f"{W}start").get(f"{W}val"))
        for override in num.findall(f"{W}lvlOverride"):
            if override.get(f"{W}ilvl") == str(ilvl) and (so := override.find(f"{W}startOverride")) is not None:
                start = int(so.get(f"{W}val"))
        sleutel = (num_id, ilvl)
        tellers[sleutel] = tellers[sleutel] + 1 if sleutel in tellers else start
        uit.append(("lijst", tekst, tellers[sleutel], ilvl))
    links = []
    for h in document.element.body.iter(f"{W}hyperlink"):
        rel = document.part.rels[h.get(f"{R}id")]
        links.append(("".join(t.text or "" for t in h.iter(f"{W}t")), rel.target_ref))
    return uit, links, document


def _opmaak(document: Any, tekst: str) -> tuple[bool, bool, bool]:
    """Bold, italic, underline of the run that holds exactly `tekst`."""
    for r in document.element.body.iter(f"{W}r"):
        if "".join(t.text or "" for t in r.iter(f"{W}t")) == tekst:
            rpr = r.find(f"{W}rPr")
            return tuple(rpr.find(f"{W}{x}") is not None for x in ("b", "i", "u"))  # type: ignore[return-value]
    raise AssertionError(tekst)


def _brief(advies: Advies, pad: Path, home: Path) -> bytes:
    kenmerk = als_json(advies("aanvraag", "Werkprogramma 2020-2022", "--ontvangen", "2020-01-10", "--json"))["kenmerk"]
    uit = advies("concept", kenmerk, "--tekst", str(pad))
    assert "conceptversie 1 opgeslagen" in uit.stdout
    brief = home / "brief.docx"
    advies("brief", kenmerk, "--uit", str(brief))
    return brief.read_bytes()


@pytest.mark.parametrize("formaat", [".docx", ".md"])
def test_alles_komt_in_de_brief(advies: Advies, home: Path, tmp_path: Path, formaat: str) -> None:
    pad = tmp_path / f"concept{formaat}"
    if formaat == ".docx":
        pad.write_bytes(word_concept())
    else:
        pad.write_text(MARKDOWN, encoding="utf-8")
    inhoud = _brief(advies, pad, home)
    lichaam, links, document = lees_brief(inhoud)
    assert lichaam == VERWACHT
    assert links == LINKS
    assert _opmaak(document, "vet") == (True, False, False)
    assert _opmaak(document, "schuin") == (False, True, False)
    assert _opmaak(document, "onderstreept") == (False, False, True)
    assert _opmaak(document, "Jaar")[0] is True  # a header cell is bold


def test_beide_formaten_geven_dezelfde_blokken(advies: Advies, tmp_path: Path) -> None:
    """One internal form: the Word draft and the Markdown draft store the same blocks and hash."""
    (tmp_path / "a.docx").write_bytes(word_concept())
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    hashes = []
    for naam in ("a.docx", "a.md"):
        kenmerk = als_json(advies("nieuw", f"Onderwerp {naam}", "--datum", "2020-02-01", "--json"))["kenmerk"]
        advies("concept", kenmerk, "--tekst", str(tmp_path / naam))
        hashes.append(als_json(advies("toon", kenmerk, "--json"))["versies"][0]["sha256"])
    assert hashes[0] == hashes[1]


def _docx_met(xml: str, extra: Callable[[Any], None] | None = None) -> bytes:
    d = docx.Document()
    d.add_paragraph("Geacht college,")
    d.element.body.insert(1, parse_xml(f"<w:p {nsdecls('w', 'r')}><w:r><w:t>Tweede alinea</w:t></w:r>{xml}</w:p>"))
    if extra is not None:
        extra(d)
    uit = io.BytesIO()
    d.save(uit)
    return uit.getvalue()


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
GEWEIGERD_WORD = [
    ('<w:r><w:drawing><wp:inline xmlns:wp="' + WP + '"/></w:drawing></w:r>', "een afbeelding"),
    ('<w:commentRangeStart w:id="0"/><w:r><w:t>x</w:t></w:r><w:commentRangeEnd w:id="0"/>', "een opmerking"),
    ('<w:ins w:id="1" w:author="A"><w:r><w:t>nieuw</w:t></w:r></w:ins>', "een bijgehouden wijziging"),
    ('<w:del w:id="2" w:author="A"><w:r><w:delText>weg</w:delText></w:r></w:del>', "een bijgehouden wijziging"),
    (
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p/>'
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>",
        "een tekstvak",
    ),
    ('<w:r><w:footnoteReference w:id="1"/></w:r>', "een voetnoot"),
    ('<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>', "een veld"),
    ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r>', "een veld"),
    ("<w:r><w:object/></w:r>", "een ingesloten object"),
]


@pytest.mark.parametrize(("xml", "wat"), GEWEIGERD_WORD, ids=[w for _, w in GEWEIGERD_WORD])
def test_word_weigert_wat_niet_mee_kan(advies: Advies, tmp_path: Path, xml: str, wat: str) -> None:
    pad = tmp_path / "concept.docx"
    pad.write_bytes(_docx_met(xml))
    kenmerk = als_json(advies("nieuw", "Onderwerp", "--datum", "2020-02-01", "--json"))["kenmerk"]
    fout = weiger("concept", kenmerk, "--tekst", str(pad))
    assert fout.startswith(f"Fout: 'concept.docx' bevat {wat} in alinea 2 (\"Tweede alinea")
    assert fout.endswith('"); dat kan niet mee in de brief: haal het weg of zet het om in tekst')
    assert als_json(advies("toon", kenmerk, "--json"))["versies"] == []


GEWEIGERD_MARKDOWN = [
    ("Tekst met <b>vet</b> erin.", "HTML ('<b>')", 3),
    ("<div>blok</div>", "HTML ('<div>blok</div>')", 3),
    ("Een ![grafiek](grafiek.png) hier.", "een afbeelding", 3),
    ("---", "een horizontale lijn", 3),
    ("> - een lijst in een citaat", "een lijst in een citaat", 3),
]


@pytest.mark.parametrize(("regel", "wat", "waar"), GEWEIGERD_MARKDOWN, ids=[w for _, w, _ in GEWEIGERD_MARKDOWN])
def test_markdown_weigert_wat_niet_mee_kan(advies: Advies, tmp_path: Path, regel: str, wat: str, waar: int) -> None:
    pad = tmp_path / "concept.md"
    pad.write_text(f"Geacht college,\n\n{regel}\n", encoding="utf-8")
    kenmerk = als_json(advies("nieuw", "Onderwerp", "--datum", "2020-02-01", "--json"))["kenmerk"]
    fout = weiger("concept", kenmerk, "--tekst", str(pad))
    assert fout == (
        f"Fout: 'concept.md' bevat {wat} op regel {waar}; "
        "dat kan niet mee in de brief: haal het weg of zet het om in tekst"
    )


@pytest.mark.parametrize("adres", ["ftp://example.nl/advies", "brief.docx"])
def test_alleen_web_en_mailadressen(advies: Advies, tmp_path: Path, adres: str) -> None:
    pad = tmp_path / "concept.md"
    pad.write_text(f"Zie [hier]({adres}).\n", encoding="utf-8")
    kenmerk = als_json(advies("nieuw", "Onderwerp", "--datum", "2020-02-01", "--json"))["kenmerk"]
    fout = weiger("concept", kenmerk, "--tekst", str(pad))
    assert fout == (
        f"Fout: 'concept.md' bevat een link naar '{adres}' op regel 1; "
        "alleen http-, https- en mailto-adressen kunnen mee"
    )


def test_oude_blokken_blijven_gelijk() -> None:
    """Blocks stored before issue 24 (no optional keys) hash and render as before; the only change
    is the keepNext that holds the last two lines of body text with the closing."""
    from sjablonen.brieven import alineas_xml
    from workflow import tekst

    oud = [
        {"stijl": "kop", "delen": [{"tekst": "Kop", "vet": False, "cursief": False}]},
        {
            "stijl": "alinea",
            "delen": [{"tekst": "Een ", "vet": False, "cursief": False}, {"tekst": "b", "vet": True, "cursief": True}],
        },
        {"stijl": "opsomming", "delen": [{"tekst": "a", "vet": False, "cursief": False}]},
        {"stijl": "nummering", "delen": [{"tekst": "n", "vet": False, "cursief": False}]},
    ]
    assert tekst.sha256(oud) == "274c243e1ffcc0ff935b6d5ab2b6788f03b1a1a968b366eb0f6db9f7b0c1998a"
    xml = alineas_xml(oud, {"Brieftekst": "Brieftekst", "List Bullet": "ListBullet", "Tussenkop": "Tussenkop"})
    assert xml == (
        '<w:p><w:pPr><w:pStyle w:val="Tussenkop"/><w:keepNext/></w:pPr><w:r><w:rPr><w:lang w:val="nl-NL"/></w:rPr>'
        '<w:t xml:space="preserve">Kop</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Brieftekst"/></w:pPr><w:r><w:rPr><w:lang w:val="nl-NL"/></w:rPr>'
        '<w:t xml:space="preserve">Een </w:t></w:r><w:r><w:rPr><w:b/><w:i/><w:lang w:val="nl-NL"/></w:rPr>'
        '<w:t xml:space="preserve">b</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:keepNext/><w:spacing w:after="160"/></w:pPr><w:r><w:rPr>'
        '<w:lang w:val="nl-NL"/></w:rPr><w:t xml:space="preserve">a</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Brieftekst"/><w:keepNext/><w:spacing w:after="160"/>'
        '<w:ind w:left="360" w:hanging="360"/>'
        '</w:pPr><w:r><w:rPr><w:lang w:val="nl-NL"/></w:rPr><w:t xml:space="preserve">1.</w:t></w:r><w:r><w:tab/></w:r>'
        '<w:r><w:rPr><w:lang w:val="nl-NL"/></w:rPr><w:t xml:space="preserve">n</w:t></w:r></w:p>'
    )
    assert json.loads(tekst.canoniek(oud)) == oud


def test_webpagina_toont_alles(advies: Advies, home: Path) -> None:
    """The page reads the same blocks: nested lists with their start numbers, the quote, the
    table with its header row, the link with its address, underline."""
    from starlette.testclient import TestClient

    from tests.webhulp import SLEUTEL, VASTE_DAG, log_in, zet_wachtwoord
    from workflow.register import Register
    from workflow.web.app import maak_app

    advies("gebruiker", "toevoegen", "els", "--rol", "secretaris")
    advies("gebruiker", "toevoegen", "hans", "--rol", "voorzitter")
    zet_wachtwoord("hans")
    (home / "alles.md").write_text(MARKDOWN, encoding="utf-8")
    advies("aanvraag", "Werkprogramma 2020", "--ontvangen", "2020-01-10")
    advies("concept", "2020-01", "--tekst", str(home / "alles.md"))
    register = Register()
    try:
        with TestClient(maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)) as client:
            log_in(client, "hans")
            pagina = client.get("/adviezen/CRA-2020-01").text
    finally:
        register.sluit()
    assert "<h3>Inleiding</h3>" in pagina
    assert "<p>Gewoon <strong>vet</strong>, <em>schuin</em> en <u>onderstreept</u>.</p>" in pagina
    assert "<ul><li>punt een<ul><li>punt twee</li></ul></li></ul>" in pagina
    assert '<ol start="3"><li>drie<ol><li>drie-a</li></ol></li><li>vier</li></ol>' in pagina
    assert "<blockquote>Een citaat van de wethouder.</blockquote>" in pagina
    assert (
        "<table><tr><th>Jaar</th><th>Doel</th></tr><tr><td>2020</td><td>Werk &amp; &lt;inkomen&gt;</td></tr>"
        "<tr><td>2021</td><td>Armoede</td></tr></table>"
    ) in pagina
    assert '<a href="https://www.example.nl/raad?a=1&amp;b=2" rel="noopener noreferrer nofollow">de raad</a>' in pagina


def test_proefbrief_toont_elk_element() -> None:
    """The trial letter of a template check holds every element of the block form, and renders
    it: its body read back from the letter is the example text."""
    from sjablonen import brieven
    from sjablonen.controle import VOORBEELDTEKST, voorbeeldgegevens

    stijlen = {b["stijl"] for b in VOORBEELDTEKST}
    assert stijlen == {"kop", "alinea", "opsomming", "nummering", "citaat", "tabel"}
    sleutels = {k for b in VOORBEELDTEKST for k in b} | {
        k for b in VOORBEELDTEKST for d in b.get("delen", []) for k in d
    }
    assert {"niveau", "start", "kopregels", "onderstreept", "link"} <= sleutels
    inhoud = brieven.render(brieven.standaardsjabloon(), voorbeeldgegevens(), VOORBEELDTEKST)
    lichaam, links, _ = lees_brief(inhoud, eerste="Een tussenkop")
    assert lichaam == [
        ("p", "Een tussenkop"),
        ("p", "De raad adviseert vet, cursief en onderstreept; zie de website."),
        ("lijst", "een punt & nog één", None, 0),
        ("lijst", "een punt daaronder", None, 1),
        ("lijst", "punt drie", 3, 0),
        ("lijst", "punt drie, eerste deel", 1, 1),
        ("lijst", "punt vier", 4, 0),
        ("p", "Een citaat uit de adviesaanvraag."),
        ("tabel", [["Jaar", "Doel <en> middel"], ["2020", "Werk & inkomen"]], 1),
    ]
    assert links == [("de website", "https://www.example.nl/?werk=1&inkomen=2")]


def test_nummering_loopt_door_na_een_alinea(advies: Advies, home: Path, tmp_path: Path) -> None:
    """Word's numbering button continues a list after a paragraph in between (1, 2, text, 3);
    Markdown says so with "3.". Both letters number 1, 2, 3."""
    d = docx.Document()
    num = _nummer(d, _decimaal(d), 1)
    _lijstitem(d, "een", num)
    _lijstitem(d, "twee", num)
    d.add_paragraph("Tussendoor.")
    _lijstitem(d, "drie", num)
    uit = io.BytesIO()
    d.save(uit)
    (tmp_path / "lijst.docx").write_bytes(uit.getvalue())
    (tmp_path / "lijst.md").write_text("1. een\n2. twee\n\nTussendoor.\n\n3. drie\n", encoding="utf-8")
    verwacht = [("lijst", "een", 1, 0), ("lijst", "twee", 2, 0), ("p", "Tussendoor."), ("lijst", "drie", 3, 0)]
    for naam in ("lijst.docx", "lijst.md"):
        kenmerk = als_json(advies("nieuw", f"Onderwerp {naam}", "--datum", "2020-02-01", "--json"))["kenmerk"]
        advies("concept", kenmerk, "--tekst", str(tmp_path / naam))
        brief = home / f"brief-{naam}.docx"
        advies("brief", kenmerk, "--uit", str(brief))
        assert lees_brief(brief.read_bytes(), eerste="een")[0] == verwacht
