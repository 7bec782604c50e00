"""The wording of the overview's cells and figures, shared by the Word report, the workbook and the
CSV file, so all three say the same thing in the same words."""

from __future__ import annotations

from datetime import date
from typing import Any

from sjablonen.jaaroverzicht.gegevens import ONTBREEKT, OP_TIJD, TE_LAAT, TERMIJN_LOOPT, Jaaroverzicht, Regel

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
    ]


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
