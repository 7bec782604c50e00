"""Issue "Veiligheid", items 1-3: templates and drafts are handled in a bounded worker process, from
plain data; a template is checked against an allowlist; a draft is read before the transaction.

Each attack of the issue is refused with one Dutch line and nothing is stored: the logo object's
escape (`logo.tpl.render`) through `sjabloon controleer`, the setting, a stored template and the web
upload; recursive loops and macros; format-width allocations; a template that would misbehave only
for a real kenmerk; external links and macros in a template; a draft of 20,000 paragraphs."""

from __future__ import annotations

import dataclasses
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adviesfouten import AdviesFout
from sjablonen import brieven, werker
from sjablonen.controle import voorbeeldlogo
from sjablonen.toegestaan import SCHEMA
from sjablonen.werker import Grenzen, Werkerfout
from tests.brieven_hulp import alineas, png, sjabloon
from tests.conftest import Advies, als_json, momentopname, voer_uit, weiger

# One backend is enough: the worker process's bounds; it never sees the database.
pytestmark = pytest.mark.sqlite

# The attacks of the issue, each as the tag a template would carry, and what the refusal names.
AANVALLEN = {
    "logo.tpl.render": ("{{ logo.tpl.render({}) }}", "de aanroep 'logo.tpl.render(...)' is niet toegestaan"),
    "logo.tpl": ("{{ logo.tpl }}", "'logo.tpl' bestaat niet in een brief"),
    "attr": ("{{ (logo|attr('_' ~ '_init__')) }}", "het filter 'attr' is niet toegestaan"),
    "format-methode": ('{{ "{:>900000000}".format("x") }}', "de aanroep 'format(...)' is niet toegestaan"),
    "format-filter": ('{{ "%900000000s"|format("x") }}', "het filter 'format' is niet toegestaan"),
    "procent": ('{{ "%900000000s" % "x" }}', "'%' is niet toegestaan"),
    "keer": ('{{ (["x" * 999999] * 3000)|join }}', "'*' is niet toegestaan"),
    "recursief": ("{% for r in afschriften recursive %}{{ r }}{% endfor %}", "'recursive' in een for-lus"),
    "loop-aanroep": ("{% for r in afschriften %}{{ loop(afschriften) }}{% endfor %}", "de aanroep 'loop(...)'"),
    "macro": ("{% macro m(n) %}{{ n }}{% endmacro %}", "{% macro %} is niet toegestaan"),
    "call-blok": ("{% call kenmerk() %}x{% endcall %}", "{% call %} is niet toegestaan"),
    "set": ("{% set x = kenmerk %}", "{% set %} is niet toegestaan"),
    "self": ("{{ self }}", "de variabele 'self' levert de brief niet"),
    "range": ("{% for a in range(9) %}{% endfor %}", "de aanroep 'range(...)' is niet toegestaan"),
    "alleen-echt": (
        '{% if kenmerk != "CRA 2020-02" %}{% for a in range(10**8) %}x{% endfor %}{% endif %}',
        "de aanroep 'range(...)' is niet toegestaan",
    ),
    "onbekend-veld": ("{% for r in geadresseerde %}{{ r.tpl }}{% endfor %}", "'r.tpl' bestaat niet"),
    "python": ("{{ organisatie.naam.__class__ }}", "'organisatie.naam.__class__' bestaat niet"),
}


@pytest.fixture
def met_logo(advies: Advies, tmp_path: Path) -> Advies:
    """A register whose letters have a logo: the situation in which `logo` was an InlineImage."""
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(60, 20))
    advies("instelling", "organisatie.logo", str(logo))
    return advies


@pytest.mark.parametrize(("tag", "melding"), list(AANVALLEN.values()), ids=list(AANVALLEN))
def test_een_aanval_in_een_sjabloon_wordt_geweigerd(met_logo: Advies, tmp_path: Path, tag: str, melding: str) -> None:
    pad = tmp_path / "kwaad.docx"
    pad.write_bytes(sjabloon(tag))
    voor = momentopname()
    uit = met_logo("sjabloon", "controleer", str(pad), code=1)
    assert uit.stdout == ""
    regels = uit.stderr.splitlines()
    assert regels and all(r.startswith("Fout: alinea 39 (") for r in regels), uit.stderr
    assert melding in uit.stderr
    fout = weiger("instelling", "brief.sjabloon", str(pad))
    assert fout.startswith("Fout: het sjabloon is niet bruikbaar: alinea 39 (") and melding in fout
    assert momentopname() == voor
    assert sorted(os.listdir(tmp_path)) == ["home", "kwaad.docx", "logo.png"]


@pytest.fixture
def zonder_controle(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """Store a template as if it came in before the allowlist existed: the setting's check off."""
    from workflow.instellingen import DEFINITIES

    origineel = DEFINITIES["brief.sjabloon"]
    monkeypatch.setitem(DEFINITIES, "brief.sjabloon", dataclasses.replace(origineel, bestand=lambda inhoud: None))
    yield lambda: monkeypatch.setitem(DEFINITIES, "brief.sjabloon", origineel)


def test_een_opgeslagen_kwaad_sjabloon_wordt_bij_het_renderen_geweigerd(
    met_logo: Advies, tmp_path: Path, tekst: Callable[..., Path], zonder_controle: Callable[[], None]
) -> None:
    """The render checks the allowlist too: a hostile template stored by other means never runs."""
    marker = tmp_path / "MARKER"
    pad = tmp_path / "kwaad.docx"
    pad.write_bytes(sjabloon(f"{{{{ logo.tpl.render({{}}) }}}}{{{{ '{marker}' }}}}"))
    met_logo("instelling", "brief.sjabloon", str(pad))
    zonder_controle()
    met_logo("nieuw", "Basisbanen", "--datum", "2020-04-01")
    voor = momentopname()
    fout = weiger("concept", "2020-01", "--tekst", str(tekst()))
    assert fout == (
        "Fout: het briefsjabloon is niet bruikbaar: de aanroep 'logo.tpl.render(...)' is niet toegestaan "
        "in een sjabloon"
    )
    assert momentopname() == voor
    assert not marker.exists()


def test_de_webupload_met_een_kwaad_sjabloon_slaat_niets_op(
    advies: Advies, home: Path, tmp_path: Path, zonder_controle: Callable[[], None]
) -> None:
    from starlette.testclient import TestClient

    from tests.webhulp import SLEUTEL, VASTE_DAG, log_in, richt_in, verborgen
    from workflow.register import Register
    from workflow.web.app import maak_app

    richt_in(advies, home)
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(60, 20))
    advies("instelling", "organisatie.logo", str(logo))
    pad = tmp_path / "kwaad.docx"
    pad.write_bytes(sjabloon("{{ logo.tpl.render({}) }}"))
    advies("instelling", "brief.sjabloon", str(pad))
    zonder_controle()
    advies("nieuw", "Eigen idee", "--datum", "2020-02-01")
    register = Register()
    try:
        with TestClient(maak_app(register, sleutel=SLEUTEL, vandaag=lambda: VASTE_DAG)) as els:
            log_in(els, "els")
            pagina = els.get("/adviezen/CRA-2020-02").text
            voor = momentopname()
            bestand = {"tekst": ("tekst.md", io.BytesIO(b"Een nieuwe tekst."), "text/markdown")}
            antwoord = els.post("/adviezen/CRA-2020-02/concept", data=verborgen(pagina, "concept"), files=bestand)
    finally:
        register.sluit()
    assert antwoord.status_code == 400  # a broken template is OngeldigeInvoer, also after the worker
    assert "Het briefsjabloon is niet bruikbaar: de aanroep &#39;logo.tpl.render(...)&#39; is niet" in antwoord.text
    assert momentopname() == voor


def _met_deel(basis: bytes, naam: str, inhoud: bytes, vervang: dict[str, tuple[bytes, bytes]] | None = None) -> bytes:
    """A copy of the .docx `basis` with member `naam` added (or replaced) and text replaced in others."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(basis)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for lid in bron.namelist():
            if lid == naam:
                continue
            data = bron.read(lid)
            if vervang and lid in vervang:
                data = data.replace(*vervang[lid])
            doel.writestr(lid, data)
        if naam:
            doel.writestr(naam, inhoud)
    return uit.getvalue()


_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
)
_ATTACHED = (
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'attachedTemplate" Target="file://server/share/Normal.dotm" TargetMode="External"/>'
)
_PLAATJE = (
    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    b'Target="http://example.org/spoor.png" TargetMode="External"/></Relationships>'
)
_ALTCHUNK = (
    b'<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
    b'Target="stuk.html"/></Relationships>'
)
_MACRO = b"wordprocessingml.document.main+xml"
EXTERN = {
    "attachedTemplate": (
        ("word/_rels/settings.xml.rels", _RELS % _ATTACHED, None),
        "een gekoppeld sjabloon (attachedTemplate)",
    ),
    "gekoppeld plaatje": (
        ("", b"", {"word/_rels/document.xml.rels": (b"</Relationships>", _PLAATJE)}),
        "verwijst naar iets buiten het bestand ('http://example.org/spoor.png'",
    ),
    "altChunk": (("", b"", {"word/_rels/document.xml.rels": (b"</Relationships>", _ALTCHUNK)}), "(altChunk)"),
    "macro's": (
        ("", b"", {"[Content_Types].xml": (_MACRO, b"ms-word.document.macroEnabled.main+xml")}),
        "bevat macro's of ingesloten programma's (macroEnabled)",
    ),
}


@pytest.mark.parametrize(("wijziging", "melding"), list(EXTERN.values()), ids=list(EXTERN))
def test_externe_koppelingen_en_macros_worden_geweigerd(
    advies: Advies, tmp_path: Path, wijziging: tuple[str, bytes, Any], melding: str
) -> None:
    pad = tmp_path / "extern.docx"
    pad.write_bytes(_met_deel(brieven.standaardsjabloon(), *wijziging))
    voor = momentopname()
    fout = weiger("sjabloon", "controleer", str(pad))
    assert fout.startswith("Fout: het Word-document ") and melding in fout
    assert weiger("instelling", "brief.sjabloon", str(pad)) == fout.replace(
        "Fout: ", "Fout: het sjabloon is niet bruikbaar: "
    )
    assert momentopname() == voor


def test_de_proefbrief_vult_ook_het_logo(advies: Advies, tmp_path: Path) -> None:
    """The trial letter has a logo: a template that breaks with one is refused by the check."""
    inhoud = brieven.render_in_werker(brieven.standaardsjabloon(), _voorbeeld(), [], logo=voorbeeldlogo())
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        assert [n for n in archief.namelist() if n.startswith("word/media/")] == ["word/media/image1.png"]
        assert b"ADVIESLOGO" not in archief.read("word/document.xml")
    pad = tmp_path / "twee.docx"
    pad.write_bytes(sjabloon("{% if logo %}Logo: {{ logo }} en nog eens {{ logo }}{% endif %}"))
    assert advies("sjabloon", "controleer", str(pad)).stdout.startswith("twee.docx is in orde.")


def _voorbeeld() -> dict[str, Any]:
    from sjablonen.controle import voorbeeldgegevens

    return voorbeeldgegevens()


# --- drafts --------------------------------------------------------------------------------------


def _lange_docx(alineas: int) -> bytes:
    """A .docx of `alineas` paragraphs, written as XML directly (python-docx would take minutes)."""
    import docx

    leeg = io.BytesIO()
    docx.Document().save(leeg)
    lichaam = b"<w:p><w:r><w:t>Een alinea.</w:t></w:r></w:p>" * alineas
    return _met_deel(leeg.getvalue(), "", b"", {"word/document.xml": (b"<w:body>", b"<w:body>" + lichaam)})


@pytest.fixture
def schrijfsessies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The order in which drafts are read in the worker and write transactions open."""
    from opslag import database

    gebeurd: list[str] = []
    echte_sessie, echte_taak = database.sessie, werker.voer_uit

    def sessie(engine: Any, *, schrijven: bool) -> Any:
        if schrijven:
            gebeurd.append("schrijven")
        return echte_sessie(engine, schrijven=schrijven)

    def voer_uit(taak: str, argumenten: dict[str, Any], grenzen: Grenzen | None = None) -> Any:
        gebeurd.append(taak)
        return echte_taak(taak, argumenten, grenzen)

    monkeypatch.setattr(database, "sessie", sessie)
    monkeypatch.setattr(werker, "voer_uit", voer_uit)
    return gebeurd


def test_een_draft_van_20000_alineas_houdt_de_database_niet_vast(
    advies: Advies, tmp_path: Path, schrijfsessies: list[str]
) -> None:
    advies("nieuw", "Lang", "--datum", "2020-04-01")
    pad = tmp_path / "lang.docx"
    pad.write_bytes(_lange_docx(20_000))
    voor = momentopname()
    schrijfsessies.clear()
    fout = weiger("concept", "2020-01", "--tekst", str(pad))
    assert fout == "Fout: 'lang.docx' heeft meer dan 5.000 alinea's (20.000); dat is geen brieftekst"
    assert schrijfsessies == ["concepttekst"]  # refused in the worker; no write transaction opened
    assert momentopname() == voor


def test_een_draft_wordt_gelezen_voor_de_transactie(
    advies: Advies, tekst: Callable[..., Path], schrijfsessies: list[str]
) -> None:
    advies("nieuw", "Kort", "--datum", "2020-04-01")
    schrijfsessies.clear()
    advies("concept", "2020-01", "--tekst", str(tekst()))
    assert schrijfsessies == ["concepttekst", "schrijven", "brief"]


# --- plain data and the worker's bounds --------------------------------------------------------------


gewoon = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.binary(),
    lambda binnen: st.lists(binnen, max_size=4) | st.dictionaries(st.text(max_size=8), binnen, max_size=4),
    max_leaves=20,
)


@given(gewoon)
def test_gewone_gegevens_gaan_heen_en_terug(waarde: Any) -> None:
    assert werker.is_gewoon(waarde)
    assert werker.decodeer(werker.codeer(waarde)) == waarde


@given(gewoon, st.sampled_from([object(), io.BytesIO(), brieven.Eigenschappen("t", "a"), {1: "x"}, print]))
def test_een_object_komt_niet_door_de_pijp(waarde: Any, object_: Any) -> None:
    assert not werker.is_gewoon([waarde, {"diep": [object_]}])


def _bereikbaar(waarde: Any) -> Iterator[Any]:
    yield waarde
    if isinstance(waarde, list):
        for w in waarde:
            yield from _bereikbaar(w)
    elif isinstance(waarde, dict):
        for k, w in waarde.items():
            yield k
            yield from _bereikbaar(w)


tekst_ = st.text(max_size=30)
briefgegevens = st.fixed_dictionaries(
    {
        naam: (
            st.booleans()
            if soort == "waarheid"
            else st.integers(0, 99)
            if soort == "getal"
            else st.lists(tekst_, max_size=3)
            if naam in ("geadresseerde", "afschriften")
            else st.fixed_dictionaries({"naam": tekst_, "adres": st.lists(tekst_, max_size=3), "plaats": tekst_})
            if naam == "organisatie"
            else st.lists(st.fixed_dictionaries({"kenmerk": tekst_, "datum": tekst_}), max_size=3)
            if naam == "vorige_herinneringen"
            else tekst_
        )
        for naam, soort in SCHEMA.items()
        if naam not in ("logo", "tekst")
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(briefgegevens, st.booleans(), st.booleans())
def test_alles_in_een_sjablooncontext_is_gewone_gegevens(gegevens: dict[str, Any], logo: bool, tekst: bool) -> None:
    """What a template can reach is text, numbers, truth values, None, lists and dicts: no object
    with methods or attributes of a library (the logo is a placeholder text, the body markup text)."""
    from markupsafe import Markup

    assert werker.is_gewoon(gegevens)
    context = brieven.sjablooncontext(gegevens, "ADVIESLOGO0123" if logo else None, Markup("<w:p/>") if tekst else None)
    for waarde in _bereikbaar(context):
        assert type(waarde) in (str, int, bool, type(None), list, dict, Markup), type(waarde)
    assert set(context) <= set(SCHEMA)


def test_het_hulpproces_is_afgezonderd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVIES_DATABASE_URL", "postgresql://geheim@db/advies")
    monkeypatch.setenv("ADVIES_WEB_GEHEIM", "sleutel")
    monkeypatch.setenv("PGPASSWORD", "wachtwoord")
    werker.stop_alle()  # a fresh worker, started with this environment
    eerste = werker.voer_uit("zelfonderzoek", {})
    tweede = werker.voer_uit("zelfonderzoek", {})
    assert not [n for n in eerste["omgeving"] if n.startswith(("ADVIES", "PG", "DATABASE"))], eerste["omgeving"]
    # /dev/null three times, listdir's own descriptor and the pipe for the answer: nothing else
    assert eerste["descriptors"][:3] == [0, 1, 2] and len(eerste["descriptors"]) == 5
    assert eerste["inhoud_map"] == [] and eerste["map"] != tweede["map"]
    assert (eerste["geheugen"], eerste["cpu"]) == (512 * 1024 * 1024, 20)


@pytest.mark.parametrize(
    ("taak", "grenzen", "melding"),
    [
        (
            ("a.txt", b"woord " * 8_000_000),
            Grenzen(geheugen_mb=100),
            "het document overschrijdt de grens voor het geheugen (100 MB); er is niets opgeslagen",
        ),
        (
            ("a.md", b"- *a* **b** [c](d) `e`\n" * 100_000),
            Grenzen(cpu_s=1, muur_s=120),
            "het document overschrijdt de grens voor de processortijd (1 s); er is niets opgeslagen",
        ),
        (
            ("a.md", b"- *a* **b** [c](d) `e`\n" * 100_000),
            Grenzen(cpu_s=120, muur_s=0.5),
            "het document overschrijdt de grens voor de tijd (0.5 s); er is niets opgeslagen",
        ),
    ],
    ids=["geheugen", "processortijd", "tijd"],
)
def test_elke_grens_van_het_hulpproces_houdt(taak: tuple[str, bytes], grenzen: Grenzen, melding: str) -> None:
    naam, inhoud = taak
    with pytest.raises(Werkerfout) as fout:
        werker.voer_uit("concepttekst", {"inhoud": inhoud, "naam": naam}, grenzen)
    assert str(fout.value) == melding
    # The worker itself lives on and serves the next job within the normal bounds.
    assert werker.voer_uit("concepttekst", {"inhoud": b"Goed.", "naam": "a.txt"}) == [
        {"stijl": "alinea", "delen": [{"tekst": "Goed.", "vet": False, "cursief": False}]}
    ]


def test_een_onbekende_taak_bestaat_niet() -> None:
    with pytest.raises(AdviesFout, match="^onbekende taak 'os.system'$"):
        werker.voer_uit("os.system", {})


def test_een_grens_via_de_cli_is_een_nederlandse_regel(
    advies: Advies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft that takes longer than the bound: one Dutch line naming it, nothing stored."""
    advies("nieuw", "Traag", "--datum", "2020-04-01")
    pad = tmp_path / "traag.md"
    pad.write_bytes(b"- *a* **b** [c](d) `e`\n" * 100_000)
    voor = momentopname()
    monkeypatch.setattr(werker, "STANDAARD", Grenzen(muur_s=0.5))
    uit = voer_uit("concept", "2020-01", "--tekst", str(pad), code=1)
    assert uit.stderr == "Fout: het document overschrijdt de grens voor de tijd (0.5 s); er is niets opgeslagen\n"
    assert momentopname() == voor


def test_het_jaaroverzicht_gaat_als_gewone_gegevens_naar_het_hulpproces(advies: Advies, tmp_path: Path) -> None:
    """The Word year overview is written in the worker from plain data that makes the same overview."""
    from datetime import date, timedelta

    from sjablonen.jaaroverzicht.gegevens import als_gewoon, uit_gewoon
    from workflow import jaaroverzicht
    from workflow.register import Register

    advies("demo", "--aantal", "40")
    lijst = als_json(advies("lijst", "--status", "verzonden", "--jaar", "2020", "--json"))
    verzonden = lijst[0]
    tot = date.fromisoformat(verzonden["reactie_uiterlijk"]) + timedelta(days=21)
    advies("termijn", verzonden["kenmerk"], "--tot", tot.isoformat(), "--reden", "afgesproken met het college")
    register = Register()
    try:
        with register.lezen() as (sessie, _wie):
            overzicht = jaaroverzicht.maak(sessie, 2020, date(2021, 3, 1))
    finally:
        register.sluit()
    gewoon = als_gewoon(overzicht)
    assert werker.is_gewoon(gewoon)
    assert uit_gewoon(werker.decodeer(werker.codeer(gewoon))) == overzicht
    assert overzicht.regels and any(r.termijnwijzigingen for r in overzicht.regels)
    pad = tmp_path / "jaar.docx"
    advies("jaaroverzicht", "2020", "--formaat", "docx", "--uit", str(pad))
    assert alineas(pad)[0] == "Jaaroverzicht adviezen 2020"


@pytest.mark.parametrize("soort", [brieven.ADVIESBRIEF, brieven.HERINNERING])
def test_de_lijst_van_wat_mag_is_de_lijst_van_de_brief(soort: str) -> None:
    """Every documented variable has its type in the allowlist, and the trial letter fills each one."""
    from sjablonen.controle import voorbeeldgegevens

    assert set(SCHEMA) == set(brieven.VARIABELEN[brieven.ADVIESBRIEF]) | set(brieven.VARIABELEN[brieven.HERINNERING])
    assert set(voorbeeldgegevens(soort)) | {"logo", "tekst"} >= set(brieven.VARIABELEN[soort])


@given(st.binary(max_size=64))
def test_een_beschadigd_antwoord_is_een_valueerror(rommel: bytes) -> None:
    """Whatever a (possibly hostile) job writes back, the parent only ever unpacks plain data."""
    try:
        uitkomst = werker.decodeer(rommel)
    except ValueError:
        return
    assert werker.is_gewoon(uitkomst)
