"""The year's figures in a few Dutch sentences, for the Word report and the Excel workbook.

Counts up to twenty are written in words ("elf adviezen", "één herinnering"), larger ones in
digits, as Dutch house styles do in running text. No sentence starts with a digit: a count that
opens a sentence is a word, and above twenty the sentence starts with "Er" instead. Averages and
dates stay in digits; days are whole days.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sjablonen.jaaroverzicht.gegevens import Jaaroverzicht

# The counts written in words, 0 to 20 (what num2words gives for Dutch, without importing it:
# that took a tenth of a second of every `jaaroverzicht`).
TELWOORDEN = (
    "nul één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien "
    "achttien negentien twintig"
).split()
IN_WOORDEN_TOT_EN_MET = len(TELWOORDEN) - 1


def telwoord(n: int) -> str:
    """3 as "drie", 1 as "één", 21 as "21"."""
    if 0 <= n <= IN_WOORDEN_TOT_EN_MET:
        return TELWOORDEN[n]
    return str(n)


def aantal(n: int, enkel: str, meer: str) -> str:
    """ "één advies", "drie adviezen", "25 adviezen"."""
    return f"{telwoord(n)} {enkel if n == 1 else meer}"


def met_hoofdletter(zin: str) -> str:
    """The first letter capitalised; "één" becomes "Eén", as Dutch writes it at the start of a sentence."""
    if zin.startswith("één"):
        return "Eén" + zin[3:]
    return zin[:1].upper() + zin[1:]


def hele_dagen(dagen: float) -> int:
    """43.8 days as 44: half a day rounds up, as a reader expects (not to the even number)."""
    return int(Decimal(str(dagen)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def opsomming(delen: Sequence[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def de_raad(naam: str) -> str:
    return naam if naam.lower().startswith(("de ", "het ")) else f"de {naam}"


def zinnen(o: Jaaroverzicht) -> list[str]:
    """The year's figures in a few Dutch sentences."""
    c = o.cijfers
    if c["aantal_geregistreerd"] == 0:
        return [f"In {o.jaar} zijn er geen adviezen geregistreerd; dit overzicht is leeg."]
    uit = [_uitgebracht(o)]
    apart = _apart(c)
    if apart:
        uit.append(met_hoofdletter("; ".join(apart)) + ".")
    if c["aantal_verzonden"]:
        uit.extend(_reactiezinnen(o))
    return uit


def _uitgebracht(o: Jaaroverzicht) -> str:
    """One sentence for the advices sent: those of the year's kenmerk sent after the year ended
    are named in the same sentence, so it never says "in 2020" of an advice sent in 2021."""
    c = o.cijfers
    raad = de_raad(o.organisatie)
    n, later = c["aantal_verzonden"], c["verzonden_na_het_jaar"]
    if n == 0:
        return f"In {o.jaar} bracht {raad} nog geen adviezen uit."
    waarvan = _waarvan(c)
    if later == 0:
        return f"In {o.jaar} bracht {raad} {aantal(n, 'advies', 'adviezen')} uit{waarvan}."
    wanneer = _wanneer_later(o)
    if later == n:
        return (
            f"In {o.jaar} bracht {raad} geen adviezen uit; {wanneer} {'ging' if n == 1 else 'gingen'} er "
            f"{aantal(n, 'advies', 'adviezen')} met een kenmerk van {o.jaar} de deur uit{waarvan}."
        )
    return (
        f"In {o.jaar} bracht {raad} {aantal(n - later, 'advies', 'adviezen')} uit en {wanneer} nog "
        f"{telwoord(later)} met een kenmerk van {o.jaar}: {aantal(n, 'advies', 'adviezen')} in totaal{waarvan}."
    )


def _waarvan(c: Mapping[str, Any]) -> str:
    n = c["aantal_verzonden"]
    delen = [
        f"{telwoord(c['verzonden_gevraagd'])} gevraagd" if c["verzonden_gevraagd"] else "",
        f"{telwoord(c['verzonden_ongevraagd'])} ongevraagd" if c["verzonden_ongevraagd"] else "",
        aantal(c["verzonden_aanvulling"], "aanvulling", "aanvullingen") + " op een eerder advies"
        if c["verzonden_aanvulling"]
        else "",
    ]
    delen = [d for d in delen if d]
    if len(delen) > 1:
        return f", waarvan {opsomming(delen)}"
    if c["verzonden_gevraagd"] == n:
        return ", allemaal op verzoek van het college" if n > 1 else ", op verzoek van het college"
    if c["verzonden_ongevraagd"] == n:
        return ", allemaal ongevraagd" if n > 1 else ", ongevraagd"
    return ", allemaal aanvullingen op een eerder advies" if n > 1 else ", een aanvulling op een eerder advies"


def _wanneer_later(o: Jaaroverzicht) -> str:
    """ "in januari 2021" when every late sending was in one month, else "in 2021", else "na 2020"."""
    later = {
        (r["verzonden_op"].year, r.maand)
        for r in o.uitgebracht
        if r["verzonden_op"] is not None and r["verzonden_op"].year > o.jaar
    }
    if len(later) == 1:
        jaar, maand = next(iter(later))
        return f"in {maand} {jaar}"
    jaren = {jaar for jaar, _ in later}
    if len(jaren) == 1:
        return f"in {next(iter(jaren))}"
    return f"na {o.jaar}"


def _apart(c: Mapping[str, Any]) -> list[str]:
    """The withdrawn and the pending advices, as clauses that may open a sentence."""
    delen = []
    ingetrokken, lopend = c["aantal_ingetrokken"], c["aantal_in_behandeling"]
    if ingetrokken > IN_WOORDEN_TOT_EN_MET:
        delen.append(f"er werden {ingetrokken} adviezen ingetrokken; die tellen niet mee")
    elif ingetrokken:
        werd, telt = ("werd", "telt") if ingetrokken == 1 else ("werden", "tellen")
        delen.append(f"{aantal(ingetrokken, 'advies', 'adviezen')} {werd} ingetrokken en {telt} niet mee")
    if lopend > IN_WOORDEN_TOT_EN_MET:
        delen.append(f"er zijn nog {lopend} adviezen in behandeling")
    elif lopend:
        delen.append(f"{aantal(lopend, 'advies is', 'adviezen zijn')} nog in behandeling")
    return delen


def _reactiezinnen(o: Jaaroverzicht) -> list[str]:
    c = o.cijfers
    uit = [_reacties(c)]
    if c["reacties_ontbrekend"]:
        m = c["reacties_ontbrekend"]
        uit.append(
            f"Op {o.peildatum_voluit} {'ontbreekt' if m == 1 else 'ontbreken'} nog "
            f"{aantal(m, 'reactie', 'reacties')} waarvan de termijn verstreken is."
        )
    if c["reacties_termijn_loopt"]:
        t = c["reacties_termijn_loopt"]
        uit.append(f"Voor {aantal(t, 'advies', 'adviezen')} loopt de reactietermijn nog.")
    if c["gemiddelde_reactietijd_dagen"] is not None:
        dagen = hele_dagen(c["gemiddelde_reactietijd_dagen"])
        uit.append(
            f"Gemiddeld kwam een reactie {dagen} {'dag' if dagen == 1 else 'dagen'} na verzending "
            f"(de reactietermijn is {aantal(o.reactie_weken, 'week', 'weken')})."
        )
    uit.extend(_doorwerking(c["doorwerking"]))
    h = c["herinneringen"]
    if h:
        uit.append(f"Er {'ging' if h == 1 else 'gingen'} {aantal(h, 'herinnering', 'herinneringen')} naar het college.")
    else:
        uit.append("Er waren geen herinneringen nodig.")
    return uit


def _reacties(c: Mapping[str, Any]) -> str:
    op_tijd, te_laat = c["reacties_op_tijd"], c["reacties_te_laat"]
    if op_tijd and te_laat:
        op_tijd_tekst = aantal(op_tijd, "advies", "adviezen")
        return f"Het college reageerde op {op_tijd_tekst} op tijd en op {telwoord(te_laat)} te laat."
    if op_tijd:
        return f"Het college reageerde op {aantal(op_tijd, 'advies', 'adviezen')} op tijd."
    if te_laat:
        return f"Het college reageerde op {aantal(te_laat, 'advies', 'adviezen')} te laat."
    return "Het college heeft nog op geen enkel advies gereageerd."


def _doorwerking(d: Mapping[str, int]) -> list[str]:
    # The first kind named carries the noun: "vier adviezen over, drie deels en twee niet",
    # "drie adviezen deels over en twee niet", "twee adviezen niet over".
    delen: list[str] = []
    soorten = (("overgenomen", "", "over"), ("deels", " deels", "deels over"), ("niet", " niet", "niet over"))
    for sleutel, kort, lang in soorten:
        if d[sleutel]:
            n = d[sleutel]
            delen.append(f"{aantal(n, 'advies', 'adviezen')} {lang}" if not delen else telwoord(n) + kort)
    if delen:
        zin = f"Het college nam {opsomming(delen)}"
        if d["onbekend"]:
            zin += f"; van {telwoord(d['onbekend'])} is de doorwerking (nog) onbekend"
        return [zin + "."]
    if d["onbekend"]:
        return ["Van geen enkel advies is de doorwerking al bekend."]
    return []
