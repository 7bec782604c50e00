"""The overview's chart: advices sent per month (by soort) and the college's response times.

A bare `Figure` renders with the Agg canvas; pyplot (and a GUI backend) is never loaded. The
letters are Arial where the machine has it, else a font with Arial's measures, else matplotlib's own.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from sjablonen.jaaroverzicht.gegevens import OP_TIJD, SOORTEN, TE_LAAT, Jaaroverzicht, Regel

if TYPE_CHECKING:
    from matplotlib.figure import Figure

KLEUREN = {"gevraagd": "#1f4e79", "ongevraagd": "#5b9bd5", "aanvulling": "#a9c8e8"}
OP_TIJD_KLEUR, VERLENGD_KLEUR, TE_LAAT_KLEUR, OPEN_KLEUR = "#4a9d5b", "#a8d5b1", "#c0392b", "#bbbbbb"
LETTERTYPEN = ["Arial", "Liberation Sans", "DejaVu Sans"]  # the first the machine has
MAX_BALKEN = 40  # above this many advices, a histogram instead of one bar per advice
RUIMTE = 1.25  # the axis runs this far past the longest answered term: an open advice cannot squeeze the rest


def grafiek_png(o: Jaaroverzicht) -> bytes | None:
    """Two charts side by side as PNG, or None when nothing was sent."""
    if not o.uitgebracht:
        return None
    from matplotlib import rc_context

    with rc_context({"font.family": "sans-serif", "font.sans-serif": LETTERTYPEN}):
        uit = io.BytesIO()
        grafiek(o).savefig(uit, format="png")
    return uit.getvalue()


def grafiek(o: Jaaroverzicht) -> Figure:
    """The figure itself: the sent advices per month on the left, the response times on the right."""
    from matplotlib.figure import Figure

    figuur = Figure(figsize=(11, 4.2), dpi=150, layout="constrained")
    links, rechts = figuur.subplots(1, 2, width_ratios=[1, 1.2])
    _per_maand(links, o)
    _reactietijden(rechts, o)
    return figuur


def _per_maand(as_: Any, o: Jaaroverzicht) -> None:
    namen = [m.kort for m in o.per_maand]
    onder = [0] * len(o.per_maand)
    for soort in SOORTEN:
        hoogtes = [m.per_soort.get(soort, 0) for m in o.per_maand]
        if any(hoogtes):
            as_.bar(namen, hoogtes, bottom=onder, label=soort, color=KLEUREN[soort])
            onder = [a + b for a, b in zip(onder, hoogtes, strict=True)]
    later = o.cijfers["verzonden_na_het_jaar"]
    if later:
        as_.bar([f"na {o.jaar}"], [later], color=OPEN_KLEUR, label=f"verzonden na {o.jaar}")
        onder.append(later)
    as_.set_ylim(0, max(onder, default=0) * 1.4 + 0.5)  # room for the legend above the bars
    as_.set_title(f"Uitgebrachte adviezen per maand, {o.jaar}")
    as_.set_ylabel("aantal adviezen")
    as_.yaxis.get_major_locator().set_params(integer=True)
    as_.legend(frameon=False, loc="upper left", ncols=3, fontsize=8)
    as_.tick_params(axis="x", labelrotation=45)


def is_verlengd(r: Regel, termijn: int) -> bool:
    """The advice's due date lies past the usual term: extended, or moved past a holiday or weekend."""
    eigen = r.termijn_dagen()
    return eigen is not None and eigen > termijn


def _reactietijden(as_: Any, o: Jaaroverzicht) -> None:
    regels = [r for r in o.uitgebracht if r["verzonden_op"] is not None]
    termijn = o.reactie_weken * 7
    as_.set_title("Reactietijd van het college")
    as_.set_xlabel("dagen na verzending")
    if len(regels) <= MAX_BALKEN:
        legenda = _balken(as_, o, regels, termijn)
    else:
        legenda = _histogram(as_, regels)
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
    # Beside the chart, never on a bar ("best" still put it on the longest ones); the constrained
    # layout makes room for it.
    as_.legend(handles=legenda, frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _balken(as_: Any, o: Jaaroverzicht, regels: list[Regel], termijn: int) -> list[Any]:
    """One bar per advice, the first at the top: days from sending to the response, or to the
    peildatum while there is none (hatched grey). An open advice longer than the axis is cut off
    at its end, with its number of days written on it."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    beantwoord = [r.dagen_tot_reactie for r in regels if r.dagen_tot_reactie is not None]
    eigen_termijnen = [d for r in regels if (d := r.termijn_dagen()) is not None]
    grens = max([termijn, *beantwoord, *eigen_termijnen]) * RUIMTE
    gebruikt: set[str] = set()
    for plek, r in enumerate(reversed(regels)):
        naam = str(r["kenmerk"]).split(" ", 1)[-1]
        if r.dagen_tot_reactie is not None:
            soort = "te laat" if r.reactie == TE_LAAT else "verlengd" if is_verlengd(r, termijn) else "op tijd"
            kleur = {"te laat": TE_LAAT_KLEUR, "verlengd": VERLENGD_KLEUR, "op tijd": OP_TIJD_KLEUR}[soort]
            as_.barh(naam, r.dagen_tot_reactie, color=kleur)
        else:
            soort = "open"
            dagen = max((o.peildatum - r["verzonden_op"]).days, 0)
            as_.barh(naam, min(dagen, grens), color=OPEN_KLEUR, hatch="//")
            if dagen > grens:
                as_.annotate(
                    f"{dagen} dagen ›",
                    xy=(grens, plek),
                    xytext=(-3, 0),
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    fontsize=7,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                )
        gebruikt.add(soort)
        if is_verlengd(r, termijn):
            as_.plot([r.termijn_dagen()], [plek], marker="|", markersize=11, markeredgewidth=2, color="#222222")
            gebruikt.add("uiterlijk")
    as_.set_xlim(0, grens)
    as_.tick_params(axis="y", labelsize=7)
    weken = f"{o.reactie_weken} weken"
    legenda = {
        "op tijd": Patch(color=OP_TIJD_KLEUR, label="op tijd"),
        "verlengd": Patch(color=VERLENGD_KLEUR, label=f"op tijd, na {weken}: termijn verlengd"),
        "te laat": Patch(color=TE_LAAT_KLEUR, label="te laat"),
        "open": Patch(facecolor=OPEN_KLEUR, hatch="//", label="nog geen reactie (tot de peildatum)"),
        "uiterlijk": Line2D(
            [], [], color="#222222", marker="|", linestyle="", markersize=9, label=f"verlengde termijn (na {weken})"
        ),
    }
    return [handvat for sleutel, handvat in legenda.items() if sleutel in gebruikt]


def _histogram(as_: Any, regels: list[Regel]) -> list[Any]:
    """For many advices: how many responses came after how many days, on time and late."""
    from matplotlib.patches import Patch

    op_tijd = [r.dagen_tot_reactie for r in regels if r.reactie == OP_TIJD and r.dagen_tot_reactie is not None]
    te_laat = [r.dagen_tot_reactie for r in regels if r.reactie == TE_LAAT and r.dagen_tot_reactie is not None]
    as_.hist([op_tijd, te_laat], bins=20, stacked=True, color=[OP_TIJD_KLEUR, TE_LAAT_KLEUR])
    as_.set_ylabel("aantal adviezen")
    as_.yaxis.get_major_locator().set_params(integer=True)
    as_.set_ylim(0, as_.get_ylim()[1] * 1.3)  # room for the legend
    open_ = sum(1 for r in regels if r.dagen_tot_reactie is None)
    legenda = [Patch(color=OP_TIJD_KLEUR, label="op tijd"), Patch(color=TE_LAAT_KLEUR, label="te laat")]
    if open_:
        legenda.append(Patch(facecolor="white", edgecolor="none", label=f"nog geen reactie: {open_} (niet getoond)"))
    return legenda
