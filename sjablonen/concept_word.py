"""A Word draft (.docx) as blocks of `sjablonen.blokvorm`, inside the worker.

The body's XML is walked element by element (python-docx's `paragraph.runs` skips hyperlinks and
tables): paragraphs, headings ("Heading n", "Title"), quotes ("Quote", "Intense Quote"), lists by
Word numbering (the button or a "List ..." style) with their real numbers and levels, tables with
their header rows, hyperlinks with their address, bold, italic and underline. Anything else in the
body is refused by name and place; the draft's own headers and footers are not read (the letter has
its own).
"""

from __future__ import annotations

import re
from typing import Any

from sjablonen import blokvorm
from sjablonen.blokvorm import Blok

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

# What a letter cannot carry, by the XML element that holds it; checked in this order, so a text
# box (which Word wraps in a drawing) is called a text box.
GEWEIGERD = [
    ("txbxContent", "een tekstvak"),
    ("drawing", "een afbeelding"),
    ("pict", "een afbeelding"),
    ("object", "een ingesloten object"),
    ("control", "een ingesloten object"),
    ("altChunk", "een ingesloten object"),
    ("commentRangeStart", "een opmerking"),
    ("commentReference", "een opmerking"),
    ("ins", "een bijgehouden wijziging"),
    ("del", "een bijgehouden wijziging"),
    ("moveFrom", "een bijgehouden wijziging"),
    ("moveTo", "een bijgehouden wijziging"),
    ("rPrChange", "een bijgehouden wijziging"),
    ("pPrChange", "een bijgehouden wijziging"),
    ("footnoteReference", "een voetnoot"),
    ("endnoteReference", "een eindnoot"),
    ("fldSimple", "een veld"),
    ("fldChar", "een veld"),
    ("instrText", "een veld"),
    ("sym", "een symbool (Invoegen > Symbool)"),
    ("sdt", "een inhoudsbesturingselement"),
]
WISKUNDE = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
OVERSLAAN = {
    "",
    "pPr",
    "rPr",
    "proofErr",
    "bookmarkStart",
    "bookmarkEnd",
    "lastRenderedPageBreak",
    "permStart",
    "permEnd",
}
KOPPEN = ("Heading", "Title", "Subtitle")
CITATEN = ("Quote", "Intense Quote")


class _Lezer:
    def __init__(self, document: Any, naam: str) -> None:
        self.document = document
        self.naam = naam
        self.stijlen = {s.get(f"{W}styleId"): s for s in document.styles.element.findall(f"{W}style")}
        try:
            self.nummering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            self.nummering = None
        self.tellers: dict[str, dict[int, int]] = {}
        self.blokken: list[Blok] = []
        self.nummers: list[int | None] = []

    # --- what is refused -------------------------------------------------------------------------

    def controleer(self, element: Any, waar: str) -> None:
        for tag, wat in GEWEIGERD:
            if element.tag == f"{W}{tag}" or next(element.iter(f"{W}{tag}"), None) is not None:
                raise blokvorm.weiger(self.naam, wat, waar)
        if next((e for e in element.iter() if str(e.tag).startswith(WISKUNDE)), None) is not None:
            raise blokvorm.weiger(self.naam, "een formule", waar)

    def waar_alinea(self, nummer: int, p: Any) -> str:
        tekst = "".join(t.text or "" for t in p.iter(f"{W}t")).strip()
        begin = f' ("{tekst[:30]}{"..." if len(tekst) > 30 else ""}")' if tekst else ""
        return f"in alinea {nummer}{begin}"

    # --- the body --------------------------------------------------------------------------------

    def lees(self) -> list[Blok]:
        alinea = tabel = 0
        for kind in self.document.element.body:
            naam = _lokaal(kind)
            if naam == "p":
                alinea += 1
                waar = self.waar_alinea(alinea, kind)
                self.controleer(kind, waar)
                self.alinea(kind, waar)
            elif naam == "tbl":
                tabel += 1
                self.tabel(kind, tabel)
            elif naam not in ("sectPr", *OVERSLAAN):
                wat = dict(GEWEIGERD).get(naam, f"een onbekend onderdeel ({naam})")
                raise blokvorm.weiger(self.naam, wat, f"na alinea {alinea}")
        return blokvorm.met_start(self.blokken, self.nummers)

    def alinea(self, p: Any, waar: str) -> None:
        delen = self.delen(p, waar)
        stijlnaam = self.stijlnaam(p)
        lijst = self.lijst(p)
        if lijst is not None:
            stijl, niveau, nummer = lijst
            blok = blokvorm.blok(stijl, delen, niveau=niveau)
            if blok is not None:
                self.blokken.append(blok)
                self.nummers.append(nummer)
            return
        if stijlnaam.startswith(KOPPEN):
            stijl = "kop"
        elif stijlnaam in CITATEN:
            stijl = "citaat"
        else:
            stijl = "alinea"
        if blok := blokvorm.blok(stijl, delen):
            self.blokken.append(blok)
            self.nummers.append(None)

    def tabel(self, tbl: Any, nummer: int) -> None:
        rijen: list[list[list[dict[str, Any]]]] = []
        kopregels = 0
        for r, tr in enumerate(tbl.findall(f"{W}tr"), start=1):
            rij: list[list[dict[str, Any]]] = []
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and trpr.find(f"{W}tblHeader") is not None and kopregels == r - 1:
                kopregels = r
            for k, tc in enumerate(tr.findall(f"{W}tc"), start=1):
                waar = f"in tabel {nummer}, rij {r}, kolom {k}"
                self.controleer(tc, waar)
                tcpr = tc.find(f"{W}tcPr")
                if tcpr is not None and (tcpr.find(f"{W}gridSpan") is not None or tcpr.find(f"{W}vMerge") is not None):
                    raise blokvorm.weiger(self.naam, "samengevoegde cellen", waar)
                if tc.find(f".//{W}tbl") is not None:
                    raise blokvorm.weiger(self.naam, "een tabel in een tabel", waar)
                cel: list[dict[str, Any]] = []
                for i, p in enumerate(tc.findall(f"{W}p")):
                    if self.lijst(p) is not None:
                        raise blokvorm.weiger(self.naam, "een lijst in een tabel", waar)
                    cel += ([blokvorm.deel("\n")] if i else []) + self.delen(p, waar)
                rij.append(blokvorm.samengevoegd(cel))
            rijen.append(rij)
        if len({len(rij) for rij in rijen}) > 1:
            raise blokvorm.weiger(self.naam, "rijen met verschillend aantal cellen", f"in tabel {nummer}")
        if rijen:
            blok: Blok = {"stijl": "tabel", "rijen": rijen}
            if kopregels:
                blok["kopregels"] = kopregels
            self.blokken.append(blok)
            self.nummers.append(None)

    # --- inside a paragraph ----------------------------------------------------------------------

    def delen(self, element: Any, waar: str, link: str = "") -> list[dict[str, Any]]:
        delen: list[dict[str, Any]] = []
        for kind in element:
            naam = _lokaal(kind)
            if naam == "r":
                delen += self.run(kind, waar, link)
            elif naam == "hyperlink":
                delen += self.delen(kind, waar, self.adres(kind, waar))
            elif naam in ("smartTag", "customXml"):
                delen += self.delen(kind, waar, link)
            elif naam not in OVERSLAAN:
                raise blokvorm.weiger(self.naam, f"een onbekend onderdeel ({naam})", waar)
        return delen

    def adres(self, hyperlink: Any, waar: str) -> str:
        rid = hyperlink.get(f"{R}id")
        if not rid:
            raise blokvorm.weiger(self.naam, "een verwijzing naar een plek in het document zelf", waar)
        rel = self.document.part.rels.get(rid)
        adres = str(rel.target_ref) if rel is not None and rel.is_external else ""
        return blokvorm.controleer_link(adres, self.naam, waar)

    def run(self, r: Any, waar: str, link: str) -> list[dict[str, Any]]:
        vet, cursief, onder = self.opmaak(r.find(f"{W}rPr"))
        tekst = []
        for kind in r:
            naam = _lokaal(kind)
            if naam == "t":
                tekst.append(kind.text or "")
            elif naam == "tab":
                tekst.append("\t")
            elif naam in ("br", "cr"):
                tekst.append("" if kind.get(f"{W}type") == "page" else "\n")
            elif naam == "noBreakHyphen":
                tekst.append("\u2011")
            elif naam == "softHyphen":
                tekst.append("\u00ad")
            elif naam not in OVERSLAAN:
                raise blokvorm.weiger(self.naam, f"een onbekend onderdeel ({naam})", waar)
        return [blokvorm.deel("".join(tekst), vet, cursief, onder, link)]

    def opmaak(self, rpr: Any) -> tuple[bool, bool, bool]:
        """Bold, italic and underline of a run: its own formatting over its character style's."""
        waarden = [False, False, False]
        lagen = []
        if rpr is not None:
            stijl = rpr.find(f"{W}rStyle")
            if stijl is not None and (s := self.stijlen.get(stijl.get(f"{W}val"))) is not None:
                lagen.append(s.find(f"{W}rPr"))
            lagen.append(rpr)
        for laag in lagen:
            if laag is None:
                continue
            for i, tag in enumerate(("b", "i", "u")):
                e = laag.find(f"{W}{tag}")
                if e is not None:
                    waarde = e.get(f"{W}val", "true")
                    waarden[i] = waarde not in ("0", "false", "off", "none")
        return waarden[0], waarden[1], waarden[2]

    # --- styles and numbering --------------------------------------------------------------------

    def stijl_van(self, p: Any) -> Any:
        ppr = p.find(f"{W}pPr")
        stijl = ppr.find(f"{W}pStyle") if ppr is not None else None
        return self.stijlen.get(stijl.get(f"{W}val")) if stijl is not None else None

    def stijlnaam(self, p: Any) -> str:
        stijl = self.stijl_van(p)
        naam = stijl.find(f"{W}name") if stijl is not None else None
        tekst = str(naam.get(f"{W}val")) if naam is not None else ""
        return tekst[:1].upper() + tekst[1:]  # Word writes "heading 1"; python-docx shows "Heading 1"

    def num_pr(self, p: Any) -> tuple[str, int] | None:
        """numId and level of a paragraph: its own, or its style's (through basedOn)."""
        ppr = p.find(f"{W}pPr")
        kandidaten = [ppr]
        stijl = self.stijl_van(p)
        for _ in range(20):
            if stijl is None:
                break
            kandidaten.append(stijl.find(f"{W}pPr"))
            basis = stijl.find(f"{W}basedOn")
            stijl = self.stijlen.get(basis.get(f"{W}val")) if basis is not None else None
        num_id, niveau = None, None
        for k in kandidaten:
            numpr = k.find(f"{W}numPr") if k is not None else None
            if numpr is None:
                continue
            if num_id is None and (e := numpr.find(f"{W}numId")) is not None:
                num_id = e.get(f"{W}val")
            if niveau is None and (e := numpr.find(f"{W}ilvl")) is not None:
                niveau = int(e.get(f"{W}val", "0"))
        if num_id in (None, "0"):
            return None
        return str(num_id), min(niveau or 0, 8)

    def niveau(self, p: Any, ilvl: int) -> int:
        """The level a reader sees: Word's "List Bullet 2" is a second level with a list of its own."""
        if ilvl == 0 and (m := re.fullmatch(r"List (?:Bullet|Number) ([2-9])", self.stijlnaam(p))):
            return int(m[1]) - 1
        return ilvl

    def lijst(self, p: Any) -> tuple[str, int, int | None] | None:
        """("opsomming" | "nummering", level, the number Word shows) for a list paragraph."""
        gevonden = self.num_pr(p)
        if gevonden is None or self.nummering is None:
            return None
        num_id, ilvl = gevonden
        niveau = self.niveau(p, ilvl)
        num = next((n for n in self.nummering.findall(f"{W}num") if n.get(f"{W}numId") == num_id), None)
        if num is None:
            return None
        abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
        abstract = next(
            (a for a in self.nummering.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id), None
        )
        niveaus = abstract.findall(f"{W}lvl") if abstract is not None else []
        lvl = next((lv for lv in niveaus if lv.get(f"{W}ilvl") == str(ilvl)), None)
        formaat = lvl.find(f"{W}numFmt") if lvl is not None else None
        if formaat is not None and formaat.get(f"{W}val") in ("bullet", "none"):
            return "opsomming", niveau, None
        start = lvl.find(f"{W}start") if lvl is not None else None
        begin = int(start.get(f"{W}val")) if start is not None else 1
        for override in num.findall(f"{W}lvlOverride"):
            so = override.find(f"{W}startOverride")
            if override.get(f"{W}ilvl") == str(ilvl) and so is not None:
                begin = int(so.get(f"{W}val"))
        tellers = self.tellers.setdefault(num_id, {})
        for dieper in [n for n in tellers if n > ilvl]:
            del tellers[dieper]
        tellers[ilvl] = tellers[ilvl] + 1 if ilvl in tellers else begin
        return "nummering", niveau, tellers[ilvl]


def _lokaal(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def uit_word(document: Any, naam: str) -> list[Blok]:
    return _Lezer(document, naam).lees()
