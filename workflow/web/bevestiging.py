"""What a step that cannot be undone will do, for its confirmation page (and a second reminder on
one day, before it is made): read through the checks of the service itself
(`levensloop.vaststelling`, `verzending`, `intrekking`, `herinnering`, which the steps run first),
so the page refuses what the step would refuse and shows what the step would store, without
changing anything. The confirmation posts the same fields to the step."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from adviesfouten import NietGevonden, OngeldigeInvoer
from sjablonen import brieven as opmaak
from workflow import levensloop
from workflow.domein.rechten import Rechten
from workflow.web.stappen import Formulier


def wat_er_gebeurt(s: Session, wie: Rechten, stap: str, kenmerk: str, formulier: Formulier) -> dict[str, Any]:
    """The page's data for `stap`: `velden`, the hidden fields the button **Bevestigen** posts
    (besides the CSRF token), and what the page says will happen."""
    f = formulier
    rijversie = str(f.rijversie())
    if stap == "vaststellen":
        sha = f.tekst("sha256").strip()
        if not sha:
            raise OngeldigeInvoer("het formulier mist de versie die u zag; laad de pagina opnieuw")
        gekozen = levensloop.vaststelling(s, wie, kenmerk, f.datum("datum", "de datum van vaststelling"), sha)
        return {
            "velden": {"rijversie": rijversie, "sha256": sha, "datum": gekozen.datum.isoformat()},
            "datum": gekozen.datum,
            "vast_te_stellen": gekozen.versie.versie,
        }
    if stap == "verzenden":
        verzending = levensloop.verzending(s, wie, kenmerk, f.datum("datum", "de verzenddatum"))
        return {
            "velden": {"rijversie": rijversie, "datum": verzending.datum.isoformat()},
            "datum": verzending.datum,
            "reactie_uiterlijk": verzending.reactie_uiterlijk,
            "brief": opmaak.brieftekst(verzending.brief),
            "verzonden_versie": verzending.versie.versie,
        }
    if stap == "intrekken":
        _, reden = levensloop.intrekking(s, wie, kenmerk, f.tekst("reden"))
        return {"velden": {"rijversie": rijversie, "reden": reden}, "reden": reden}
    if stap == "herinnering":
        plan = levensloop.herinnering(s, wie, kenmerk, f.datum("datum", "de datum van de herinnering"))
        return {
            "velden": {"rijversie": rijversie, "datum": plan.datum.isoformat(), "nogmaals": "1"},
            "datum": plan.datum,
            "nieuwe_termijn": plan.nieuwe_termijn,
            "zelfde_dag": plan.zelfde_dag,
        }
    raise NietGevonden(f"onbekende stap '{stap}'")
