"""The year overview as a Word report, an Excel workbook and a CSV file.

The texts (sentences, column headings, cell wording) are shared by all three, so the report,
the workbook and the CSV say the same thing in the same words. Heavy libraries (python-docx,
xlsxwriter, matplotlib) are imported inside the function that needs them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workflow.datums import lange_datum, maandnamen
from workflow.jaaroverzicht import (
    ONTBREEKT,
    OP_TIJD,
    SOORTEN,
    TE_LAAT,
    TERMIJN_LOOPT,
    Jaaroverzicht,
    Regel,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

KOLOMMEN = (
    "Kenmerk",
    "Onderwerp",
    "Soort",
    "Stand",
    "Status",
    "Maand",
    "Verzonden",
    "Reactie uiterlijk",
    "Reactie ontvangen",
    "Reactie",
    "Dagen te laat",
    "Doorwerking",
    "Herinneringen",
    "Reden intrekking",
)
BREEDTES = (14, 48, 12, 15, 16, 11, 12, 16, 17, 14, 13, 18, 14, 40)
_ONZICHTBAAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_REACTIE = {OP_TIJD: "op tijd", TE_LAAT: "te laat", ONTBREEKT: "ontbreekt", TERMIJN_LOOPT: "termijn loopt"}
_DOORWERKING = {
    "overgenomen": "overgenomen",
    "deels": "deels overgenomen",
    "niet": "niet overgenomen",
    "onbekend": "onbekend",
}
_KLEUREN = {"gevraagd": "#1f4e79", "ongevraagd": "#5b9bd5", "aanvulling": "#a9c8e8"}


# --- texts -------------------------------------------------------------------------------------


def schoon(tekst: str) -> str:
    """Without the control characters Word and Excel files cannot hold."""
    return _ONZICHTBAAR.sub("", tekst)


def aantal(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def opsomming(delen: Sequence[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def komma(getal: float) -> str:
    tekst = f"{getal:.1f}".replace(".", ",")
    return tekst[:-2] if tekst.endswith(",0") else tekst


def de_raad(naam: str) -> str:
    return naam if naam.lower().startswith(("de ", "het ")) else f"de {naam}"


def zinnen(o: Jaaroverzicht) -> list[str]:
    """The year's figures in a few Dutch sentences, for the report and the workbook."""
    c = o.cijfers
    raad = de_raad(o.organisatie)
    if c["aantal_geregistreerd"] == 0:
        return [f"In {o.jaar} zijn er geen adviezen geregistreerd; dit overzicht is leeg."]
    n = c["aantal_verzonden"]
    uit: list[str] = []
    if n == 0:
        uit.append(f"In {o.jaar} bracht {raad} nog geen adviezen uit.")
    else:
        delen = [
            f"{c['verzonden_gevraagd']} gevraagd" if c["verzonden_gevraagd"] else "",
            f"{c['verzonden_ongevraagd']} ongevraagd" if c["verzonden_ongevraagd"] else "",
            aantal(c["verzonden_aanvulling"], "aanvulling", "aanvullingen") + " op een eerder advies"
            if c["verzonden_aanvulling"]
            else "",
        ]
        delen = [d for d in delen if d]
        if len(delen) > 1:
            waarvan = f", waarvan {opsomming(delen)}"
        elif c["verzonden_gevraagd"] == n:
            waarvan = ", allemaal op verzoek van het college" if n > 1 else ", op verzoek van het college"
        elif c["verzonden_ongevraagd"] == n:
            waarvan = ", allemaal ongevraagd" if n > 1 else ", ongevraagd"
        else:
            waarvan = ""
        uit.append(f"In {o.jaar} bracht {raad} {aantal(n, 'advies', 'adviezen')} uit{waarvan}.")
        if c["verzonden_na_het_jaar"]:
            later = c["verzonden_na_het_jaar"]
            uit.append(
                f"Daarvan {'ging' if later == 1 else 'gingen er'} {later} pas na {o.jaar} de deur uit; "
                f"{'het telt' if later == 1 else 'ze tellen'} mee bij {o.jaar} omdat het kenmerk van dat jaar is."
            )
    apart = []
    if c["aantal_ingetrokken"]:
        apart.append(
            f"{aantal(c['aantal_ingetrokken'], 'advies', 'adviezen')} "
            f"{'werd' if c['aantal_ingetrokken'] == 1 else 'werden'} ingetrokken en "
            f"{'telt' if c['aantal_ingetrokken'] == 1 else 'tellen'} niet mee"
        )
    if c["aantal_in_behandeling"]:
        apart.append(f"{aantal(c['aantal_in_behandeling'], 'advies is', 'adviezen zijn')} nog in behandeling")
    if apart:
        zin = "; ".join(apart)
        uit.append(zin[0].upper() + zin[1:] + ".")
    if n:
        uit.extend(_reactiezinnen(o))
    return uit


def _reactiezinnen(o: Jaaroverzicht) -> list[str]:
    c = o.cijfers
    uit: list[str] = []
    op_tijd, te_laat = c["reacties_op_tijd"], c["reacties_te_laat"]
    if op_tijd or te_laat:
        delen = []
        if op_tijd:
            delen.append(f"op {aantal(op_tijd, 'advies', 'adviezen')} op tijd")
        if te_laat:
            delen.append(f"op {aantal(te_laat, 'advies', 'adviezen')} te laat")
        uit.append(f"Het college reageerde {opsomming(delen)}.")
    else:
        uit.append("Het college heeft nog op geen enkel advies gereageerd.")
    if c["reacties_ontbrekend"]:
        m = c["reacties_ontbrekend"]
        uit.append(
            f"Op {lange_datum(o.peildatum)} {'ontbreekt' if m == 1 else 'ontbreken'} nog "
            f"{aantal(m, 'reactie', 'reacties')} waarvan de termijn verstreken is."
        )
    if c["reacties_termijn_loopt"]:
        t = c["reacties_termijn_loopt"]
        uit.append(f"Voor {aantal(t, 'advies', 'adviezen')} loopt de reactietermijn nog.")
    if c["gemiddelde_reactietijd_dagen"] is not None:
        uit.append(
            f"Gemiddeld kwam een reactie {komma(c['gemiddelde_reactietijd_dagen'])} dagen na verzending "
            f"(de reactietermijn is {o.reactie_weken} weken)."
        )
    d = c["doorwerking"]
    # The first kind named carries the noun: "4 adviezen over, 3 deels en 2 niet",
    # "3 adviezen deels over en 2 niet", "2 adviezen niet over".
    delen = []
    for sleutel, kort, lang in (
        ("overgenomen", "", "over"),
        ("deels", "deels", "deels over"),
        ("niet", "niet", "niet over"),
    ):
        if d[sleutel]:
            delen.append(f"{aantal(d[sleutel], 'advies', 'adviezen')} {lang}" if not delen else f"{d[sleutel]} {kort}")
    if delen:
        zin = f"Het college nam {opsomming(delen)}"
        if d["onbekend"]:
            zin += f"; van {d['onbekend']} is de doorwerking (nog) onbekend"
        uit.append(zin + ".")
    elif d["onbekend"]:
        uit.append("Van geen enkel advies is de doorwerking al bekend.")
    h = c["herinneringen"]
    if h:
        uit.append(f"Er {'ging' if h == 1 else 'gingen'} {aantal(h, 'herinnering', 'herinneringen')} naar het college.")
    else:
        uit.append("Er waren geen herinneringen nodig.")
    return uit


def reactietekst(r: Regel) -> str:
    if r.reactie == TE_LAAT:
        return f"{aantal(r.dagen_te_laat or 0, 'dag', 'dagen')} te laat"
    if r.reactie == ONTBREEKT:
        return f"ontbreekt ({aantal(r.dagen_te_laat or 0, 'dag', 'dagen')} over termijn)"
    return _REACTIE.get(r.reactie or "", "")


def status_tekst(status: str) -> str:
    return status.replace("_", " ")


def rij(r: Regel) -> list[Any]:
    """One advice as the values of KOLOMMEN: dates stay dates, counts stay numbers."""
    return [
        r["kenmerk"],
        r["onderwerp"],
        r["soort"],
        r.stand,
        status_tekst(r["status"]),
        r.maand or "",
        r["verzonden_op"],
        r["reactie_uiterlijk"],
        r["reactie_ontvangen_op"],
        _REACTIE.get(r.reactie or "", ""),
        r.dagen_te_laat,
        _DOORWERKING.get(r.doorwerking or "", ""),
        r.herinneringen,
        r.reden_intrekking or "",
    ]


def cijferregels(o: Jaaroverzicht) -> list[tuple[str, int | float | None]]:
    c = o.cijfers
    d = c["doorwerking"]
    return [
        ("Adviezen geregistreerd", c["aantal_geregistreerd"]),
        ("Adviezen uitgebracht", c["aantal_verzonden"]),
        ("  waarvan gevraagd", c["verzonden_gevraagd"]),
        ("  waarvan ongevraagd", c["verzonden_ongevraagd"]),
        ("  waarvan aanvulling", c["verzonden_aanvulling"]),
        (f"  verzonden na {o.jaar}", c["verzonden_na_het_jaar"]),
        ("Ingetrokken (telt niet mee)", c["aantal_ingetrokken"]),
        ("Nog in behandeling", c["aantal_in_behandeling"]),
        ("Reactie op tijd", c["reacties_op_tijd"]),
        ("Reactie te laat", c["reacties_te_laat"]),
        ("Reactie ontbreekt (termijn verstreken)", c["reacties_ontbrekend"]),
        ("Reactietermijn loopt nog", c["reacties_termijn_loopt"]),
        ("Gemiddelde reactietijd (dagen)", c["gemiddelde_reactietijd_dagen"]),
        ("Doorwerking: overgenomen", d["overgenomen"]),
        ("Doorwerking: deels overgenomen", d["deels"]),
        ("Doorwerking: niet overgenomen", d["niet"]),
        ("Doorwerking: onbekend", d["onbekend"]),
        ("Herinneringen verstuurd", c["herinneringen"]),
    ]


def titel(o: Jaaroverzicht) -> str:
    return f"Jaaroverzicht adviezen {o.jaar}"


# --- CSV ---------------------------------------------------------------------------------------


def schrijf_csv(o: Jaaroverzicht, pad: Path) -> None:
    """`;`-separated UTF-8 with a byte-order mark, so Dutch Excel shows ë and ï; ISO dates."""
    with pad.open("w", encoding="utf-8-sig", newline="") as bestand:
        schrijver = csv.writer(bestand, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(KOLOMMEN)
        for r in o.regels:
            schrijver.writerow(["" if w is None else w.isoformat() if isinstance(w, date) else w for w in rij(r)])


# --- Excel -------------------------------------------------------------------------------------


def schrijf_xlsx(o: Jaaroverzicht, pad: Path) -> None:
    """Sheet "Adviezen": one row per advice, real dates, frozen header, autofilter; sheet "Cijfers".

    XlsxWriter in constant-memory mode streams the rows: ten thousand advices take a fraction of a
    second, where openpyxl spent most of the command building an object per cell. Every text is
    written as text, so a subject such as "=Armoede" never becomes a formula.
    """
    import xlsxwriter

    boek = xlsxwriter.Workbook(str(pad), {"constant_memory": True})
    kop = boek.add_format({"bold": True, "valign": "top"})
    datum = boek.add_format({"num_format": "DD-MM-YYYY"})

    blad = boek.add_worksheet("Adviezen")
    for i, breedte in enumerate(BREEDTES):
        blad.set_column(i, i, breedte)
    blad.freeze_panes(1, 0)
    blad.autofilter(0, 0, len(o.regels), len(KOLOMMEN) - 1)
    blad.write_row(0, 0, KOLOMMEN, kop)
    for nummer, r in enumerate(o.regels, start=1):
        for kolom, waarde in enumerate(rij(r)):
            _schrijf_cel(blad, nummer, kolom, waarde, datum)

    cijfers = boek.add_worksheet("Cijfers")
    cijfers.set_column(0, 0, 40)
    cijfers.set_column(1, 4, 13)
    regels: list[tuple[list[Any], bool]] = [
        ([f"{titel(o)} — {o.organisatie}"], True),
        ([f"Stand op {lange_datum(o.peildatum)}"], False),
        ([], False),
        *(([zin], False) for zin in zinnen(o)),
        ([], False),
        (["Cijfer", "Aantal"], True),
        *(([naam, waarde], False) for naam, waarde in cijferregels(o)),
        ([], False),
        (["Uitgebracht per maand", "Gevraagd", "Ongevraagd", "Aanvulling", "Totaal"], True),
    ]
    for m, naam in maandnamen().items():
        per_soort = o.per_maand.get(m, {})
        regels.append(([naam, *(per_soort.get(s, 0) for s in SOORTEN), sum(per_soort.values())], False))
    for nummer, (waarden, is_kop) in enumerate(regels):
        for kolom, waarde in enumerate(waarden):
            _schrijf_cel(cijfers, nummer, kolom, waarde, datum, kop if is_kop else None)
    boek.close()


def _schrijf_cel(blad: Any, rij_: int, kolom: int, waarde: Any, datum: Any, opmaak: Any = None) -> None:
    if waarde is None or waarde == "":
        return
    if isinstance(waarde, str):
        blad.write_string(rij_, kolom, schoon(waarde), opmaak)
    elif isinstance(waarde, date):
        blad.write_datetime(rij_, kolom, waarde, datum)
    else:
        blad.write_number(rij_, kolom, waarde, opmaak)


# --- Word --------------------------------------------------------------------------------------


def schrijf_docx(o: Jaaroverzicht, pad: Path) -> None:
    pad.write_bytes(docx_bytes(o))


def docx_bytes(o: Jaaroverzicht) -> bytes:
    """A report the council can put in its annual report: title, figures in sentences, the table
    of advices sent, a chart, and the withdrawn and pending advices listed apart."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    sectie = doc.sections[0]
    sectie.orientation = WD_ORIENT.LANDSCAPE
    sectie.page_width, sectie.page_height = Cm(29.7), Cm(21.0)
    sectie.left_margin = sectie.right_margin = Cm(1.5)  # 26.7 cm for the table of advices
    sectie.top_margin = sectie.bottom_margin = Cm(2)
    normaal = doc.styles["Normal"]
    normaal.font.name = "Calibri"
    normaal.font.size = Pt(10)
    doc.core_properties.title = titel(o)
    doc.core_properties.author = schoon(o.organisatie)
    doc.core_properties.language = "nl-NL"

    doc.add_heading(titel(o), level=0)
    kop = doc.add_paragraph()
    kop.add_run(schoon(o.organisatie)).bold = True
    kop.add_run(f"\nStand op {lange_datum(o.peildatum)}")

    doc.add_heading("Kerncijfers", level=1)
    for zin in zinnen(o):
        doc.add_paragraph(schoon(zin))

    if o.uitgebracht:
        doc.add_heading(f"Uitgebrachte adviezen ({len(o.uitgebracht)})", level=1)
        _tabel(
            doc,
            [
                "Kenmerk",
                "Onderwerp",
                "Soort",
                "Maand",
                "Verzonden",
                "Reactie uiterlijk",
                "Reactie ontvangen",
                "Reactie",
                "Doorwerking",
                "Status",
                "Herinneringen",
            ],
            [
                [
                    r["kenmerk"],
                    r["onderwerp"],
                    r["soort"],
                    _maand_met_jaar(r, o.jaar),
                    _kort(r["verzonden_op"]),
                    _kort(r["reactie_uiterlijk"]),
                    _kort(r["reactie_ontvangen_op"]),
                    reactietekst(r),
                    _DOORWERKING.get(r.doorwerking or "", ""),
                    status_tekst(r["status"]),
                    str(r.herinneringen),
                ]
                for r in o.uitgebracht
            ],
            [2.3, 5.2, 1.9, 1.8, 2.0, 2.0, 2.0, 2.5, 2.4, 2.0, 2.1],
        )
        png = grafiek_png(o)
        if png is not None:
            doc.add_heading("Adviezen per maand en reactietijd van het college", level=1)
            doc.add_picture(io.BytesIO(png), width=Cm(25))

    if o.ingetrokken:
        doc.add_heading(f"Ingetrokken adviezen ({len(o.ingetrokken)}, tellen niet mee)", level=1)
        _tabel(
            doc,
            ["Kenmerk", "Onderwerp", "Soort", "Reden"],
            [[r["kenmerk"], r["onderwerp"], r["soort"], r.reden_intrekking or ""] for r in o.ingetrokken],
            [2.3, 9.0, 1.9, 12.9],
        )
    if o.in_behandeling:
        doc.add_heading(f"Nog in behandeling ({len(o.in_behandeling)})", level=1)
        _tabel(
            doc,
            ["Kenmerk", "Onderwerp", "Soort", "Status"],
            [[r["kenmerk"], r["onderwerp"], r["soort"], status_tekst(r["status"])] for r in o.in_behandeling],
            [2.3, 15.9, 1.9, 6.0],
        )
    uit = io.BytesIO()
    doc.save(uit)
    return uit.getvalue()


def _maand_met_jaar(r: Regel, jaar: int) -> str:
    verzonden: date | None = r["verzonden_op"]
    if r.maand and verzonden is not None and verzonden.year != jaar:
        return f"{r.maand} {verzonden.year}"
    return r.maand or ""


def _kort(dag: date | None) -> str:
    return dag.strftime("%d-%m-%Y") if dag is not None else ""


def _tabel(doc: WordDocument, koppen: list[str], rijen: list[list[str]], breedtes_cm: list[float]) -> None:
    """A table with a repeating bold header row. Rows are built by copying one prepared row's
    XML, which keeps a table of thousands of advices fast."""
    import copy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    tabel = doc.add_table(rows=2, cols=len(koppen))
    tabel.style = "Table Grid"
    tabel.autofit = False
    marges = OxmlElement("w:tblCellMar")  # narrow cell margins: more room for the text
    for kant in ("left", "right"):
        marge = OxmlElement(f"w:{kant}")
        marge.set(qn("w:w"), "57")  # twips, 0.1 cm
        marge.set(qn("w:type"), "dxa")
        marges.append(marge)
    tabel._tbl.tblPr.append(marges)
    # Word reads the cell widths, LibreOffice the table grid: set both.
    for kolom, breedte in zip(tabel._tbl.tblGrid.gridCol_lst, breedtes_cm, strict=True):
        kolom.w = Cm(breedte)
    for i, breedte in enumerate(breedtes_cm):
        for cel in tabel.columns[i].cells:
            cel.width = Cm(breedte)
    koprij, voorbeeld = tabel.rows
    for rij_, eigenschap in ((koprij, "w:tblHeader"), (koprij, "w:cantSplit"), (voorbeeld, "w:cantSplit")):
        element = OxmlElement(eigenschap)
        element.set(qn("w:val"), "true")
        rij_._tr.get_or_add_trPr().append(element)
    for cel, tekst in zip(koprij.cells, koppen, strict=True):
        run = cel.paragraphs[0].add_run(tekst)
        run.bold = True
        run.font.size = Pt(8)
    for cel in voorbeeld.cells:
        cel.paragraphs[0].add_run("-").font.size = Pt(8)  # a w:t for each copied row to fill
    sjabloon = voorbeeld._tr
    tbl = tabel._tbl
    tbl.remove(sjabloon)
    for waarden in rijen:
        tr = copy.deepcopy(sjabloon)
        for t, tekst in zip(tr.iter(qn("w:t")), waarden, strict=True):
            t.text = schoon(tekst)
        tbl.append(tr)


def grafiek_png(o: Jaaroverzicht) -> bytes | None:
    """Two charts side by side: advices sent per month (by soort) and the college's response times."""
    if not o.uitgebracht:
        return None
    # A bare Figure renders with the Agg canvas; pyplot (and a GUI backend) is never loaded.
    from babel.dates import get_month_names
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    korte = get_month_names("abbreviated", locale="nl")
    figuur = Figure(figsize=(11, 4.2), dpi=150, layout="constrained")
    links, rechts = figuur.subplots(1, 2, width_ratios=[1, 1.2])
    maanden = list(range(1, 13))
    onder = [0] * 12
    for soort in SOORTEN:
        hoogtes = [o.per_maand.get(m, {}).get(soort, 0) for m in maanden]
        if any(hoogtes):
            links.bar(
                [str(korte[m]).rstrip(".") for m in maanden], hoogtes, bottom=onder, label=soort, color=_KLEUREN[soort]
            )
            onder = [a + b for a, b in zip(onder, hoogtes, strict=True)]
    later = o.cijfers["verzonden_na_het_jaar"]
    if later:
        links.bar([f"na {o.jaar}"], [later], color="#bbbbbb", label=f"verzonden na {o.jaar}")
        onder.append(later)
    links.set_ylim(0, max(onder) * 1.4 + 0.5)  # room for the legend above the bars
    links.set_title(f"Uitgebrachte adviezen per maand, {o.jaar}")
    links.set_ylabel("aantal adviezen")
    links.yaxis.get_major_locator().set_params(integer=True)
    links.legend(frameon=False, loc="upper left", ncols=3, fontsize=8)
    links.tick_params(axis="x", labelrotation=45)

    niet_getoond = _reactietijden(rechts, o)
    rechts.legend(
        handles=[
            Patch(color="#4a9d5b", label="op tijd"),
            Patch(color="#c0392b", label="te laat"),
            Patch(
                facecolor="#bbbbbb",
                hatch="//",
                label=f"nog geen reactie: {niet_getoond} (niet getoond)" if niet_getoond else "nog geen reactie",
            ),
        ],
        frameon=False,
        fontsize=8,
    )
    uit = io.BytesIO()
    figuur.savefig(uit, format="png")
    return uit.getvalue()


def _reactietijden(as_: Any, o: Jaaroverzicht) -> int:
    """Per advice a bar of days from sending to response (up to the peildatum while there is
    none); for many advices a histogram of the responses instead. Returns how many advices
    without response the chart leaves out."""
    regels = [r for r in o.uitgebracht if r["verzonden_op"] is not None]
    kleur = {OP_TIJD: "#4a9d5b", TE_LAAT: "#c0392b"}
    as_.set_title("Reactietijd van het college")
    termijn = o.reactie_weken * 7
    niet_getoond = 0
    if len(regels) <= 40:
        namen, dagen, kleuren, arceringen = [], [], [], []
        for r in reversed(regels):
            namen.append(str(r["kenmerk"]).split(" ", 1)[-1])
            if r.dagen_tot_reactie is not None:
                dagen.append(r.dagen_tot_reactie)
                kleuren.append(kleur.get(r.reactie or "", "#4a9d5b"))
                arceringen.append("")
            else:
                dagen.append(max((o.peildatum - r["verzonden_op"]).days, 0))
                kleuren.append("#bbbbbb")
                arceringen.append("//")
        balken = as_.barh(namen, dagen, color=kleuren)
        for balk, arcering in zip(balken, arceringen, strict=True):
            balk.set_hatch(arcering)
        as_.tick_params(axis="y", labelsize=7)
        as_.set_xlabel("dagen na verzending")
    else:
        op_tijd = [r.dagen_tot_reactie for r in regels if r.reactie == OP_TIJD and r.dagen_tot_reactie is not None]
        te_laat = [r.dagen_tot_reactie for r in regels if r.reactie == TE_LAAT and r.dagen_tot_reactie is not None]
        as_.hist([op_tijd, te_laat], bins=20, stacked=True, color=[kleur[OP_TIJD], kleur[TE_LAAT]])
        as_.set_xlabel("dagen na verzending")
        as_.set_ylabel("aantal adviezen")
        as_.yaxis.get_major_locator().set_params(integer=True)
        as_.set_ylim(0, as_.get_ylim()[1] * 1.3)  # room for the legend
        niet_getoond = sum(1 for r in regels if r.dagen_tot_reactie is None)
    as_.axvline(termijn, color="#555555", linestyle="--", linewidth=1)
    as_.annotate(
        f"{o.reactie_weken} weken",
        xy=(termijn, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(3, -12),
        textcoords="offset points",
        fontsize=7,
        color="#555555",
    )
    return niet_getoond
