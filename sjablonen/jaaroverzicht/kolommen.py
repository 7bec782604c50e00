"""The wording of the overview's cells and figures, shared by the Word report, the workbook and the
CSV file, so all three say the same thing in the same words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sjablonen.jaaroverzicht.gegevens import (
    ONTBREEKT,
    OP_TIJD,
    OPSCHORTING,
    TE_LAAT,
    TERMIJN_LOOPT,
    Jaaroverzicht,
    Regel,
    Termijnwijziging,
)

# One row per advice in the workbook and the CSV file. New columns go at the end: scripts that
# read the CSV by position keep working.
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
    "Uw kenmerk",
    "Samenvatting reactie",
    "Termijn verschoven",
)
REACTIE = {OP_TIJD: "op tijd", TE_LAAT: "te laat", ONTBREEKT: "ontbreekt", TERMIJN_LOOPT: "termijn loopt"}
DOORWERKING = {
    "overgenomen": "overgenomen",
    "deels": "deels overgenomen",
    "niet": "niet overgenomen",
    "onbekend": "onbekend",
}


def dagen(n: int) -> str:
    return f"{n} {'dag' if n == 1 else 'dagen'}"


def reactietekst(r: Regel) -> str:
    """The response in a few words: "op tijd", "9 dagen te laat", "ontbreekt (37 dagen over termijn)"."""
    if r.reactie == TE_LAAT:
        return f"{dagen(r.dagen_te_laat or 0)} te laat"
    if r.reactie == ONTBREEKT:
        return f"ontbreekt ({dagen(r.dagen_te_laat or 0)} over termijn)"
    return REACTIE.get(r.reactie or "", "")


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
        REACTIE.get(r.reactie or "", ""),
        r.dagen_te_laat,
        DOORWERKING.get(r.doorwerking or "", ""),
        r.herinneringen,
        r.reden_intrekking or "",
        r.advies.get("uw_kenmerk") or "",
        r.advies.get("reactie_samenvatting") or "",
        termijntekst(r),
    ]


ONAFGEBROKEN = "\u00a0"  # no-break space
WOORDVERBINDER = "\u2060"  # word joiner: no line break after the dash of "16–20 november"


def termijntekst(r: Regel, afbreken: bool = True) -> str:
    """How the response due date was moved, one line per suspension or extension, oldest first.
    Without `afbreken` a date, a short range and a short move keep together where a cell wraps."""
    datums = _Datums() if afbreken else _Datums(vast=ONAFGEBROKEN, na_streep=WOORDVERBINDER)
    return "\n".join(wijzigingstekst(w, datums) for w in r.termijnwijzigingen)


def wijzigingstekst(w: Termijnwijziging, datums: _Datums | None = None) -> str:
    """ "opgeschort 17–21 februari 2020 (Voorjaarsreces): 11 → 16 maart" or
    "verlengd tot 1 april 2020 (Afgesproken met de wethouder)"."""
    d = datums or _Datums()
    reden = " ".join(w.reden.split())
    if w.soort != OPSCHORTING or w.van is None or w.tot is None:
        return f"verlengd tot {d.datum(w.uiterlijk_werd)} ({reden})"
    periode = d.datum(w.van) if w.van == w.tot else d.reeks(w.van, w.tot, f"–{d.na_streep}", " – ")
    if w.uiterlijk_was is None:
        return f"opgeschort {periode} ({reden}): uiterlijk {d.datum(w.uiterlijk_werd)}"
    pijl = f"{d.vast}→{d.vast}", f"{d.vast}→ "
    return f"opgeschort {periode} ({reden}): {d.reeks(w.uiterlijk_was, w.uiterlijk_werd, *pijl, w.tot.year)}"


@dataclass(frozen=True)
class _Datums:
    """Dutch dates with `vast` between day, month and year, and `na_streep` after the dash of a range."""

    vast: str = " "
    na_streep: str = ""

    def datum(self, dag: date) -> str:
        return f"{self.dag_maand(dag)}{self.vast}{dag.year}"

    def dag_maand(self, dag: date) -> str:
        return f"{dag.day}{self.vast}{_maand(dag.month)}"

    def reeks(self, begin: date, eind: date, kort: str, lang: str, bekend_jaar: int | None = None) -> str:
        """Two dates with what they share said once: "17–21 februari 2020", "28 februari – 3 maart
        2020", "11 → 16 maart" (the year left out when it is `bekend_jaar`). `kort` stands between
        two days of one month, `lang` between the others."""
        if begin.year != eind.year:
            return f"{self.datum(begin)}{lang}{self.datum(eind)}"
        jaar = "" if begin.year == bekend_jaar else f"{self.vast}{eind.year}"
        if begin.month == eind.month:
            return f"{begin.day}{kort}{self.dag_maand(eind)}{jaar}"
        return f"{self.dag_maand(begin)}{lang}{self.dag_maand(eind)}{jaar}"


@cache
def _maand(nummer: int) -> str:
    from babel.dates import get_month_names

    return str(get_month_names("wide", locale="nl")[nummer])


def maand_met_jaar(r: Regel, jaar: int) -> str:
    """The month it went out, with the year when that is not the overview's year."""
    verzonden: date | None = r["verzonden_op"]
    if r.maand and verzonden is not None and verzonden.year != jaar:
        return f"{r.maand} {verzonden.year}"
    return r.maand or ""


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
