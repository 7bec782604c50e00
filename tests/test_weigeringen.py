"""Bad input: one Dutch `Fout:` line, exit 1 (2 for wrong usage), and nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest

from opslag.schema import SCHEMAVERSIE
from tests import beginstand
from tests.conftest import Advies, momentopname, voer_uit, weiger


@pytest.fixture
def register(advies: Advies, tekst: Callable[..., Path], home: Path) -> Any:
    """A request in concept, one sent advice, and an empty one in aangevraagd."""

    def bouw() -> None:
        advies("aanvraag", "Werkprogramma", "--ontvangen", "2020-01-10", "--termijn", "2020-02-07")
        advies("concept", "2020-01", "--tekst", str(tekst()))
        advies("nieuw", "Stadjerspas", "--datum", "2020-01-12")
        advies("concept", "2020-02", "--tekst", str(tekst("Tekst over de pas.\n", "pas.txt")))
        advies("agenderen", "2020-02", "--vergadering", "2020-01-28")
        advies("vaststellen", "2020-02", "--datum", "2020-01-28")
        advies("verzenden", "2020-02", "--datum", "2020-01-29")
        advies("aanvraag", "Basisbanen", "--ontvangen", "2020-03-01")

    beginstand.zet_neer("weigeringen", home, bouw)
    return momentopname()


def ongewijzigd(voor: Any) -> None:
    assert momentopname() == voor


@pytest.mark.parametrize(
    "args, melding",
    [
        (["toon", "2020-99"], "Fout: onbekend kenmerk '2020-99'"),
        (["toon", "CRB 2020-01"], "Fout: onbekend kenmerk 'CRB 2020-01'"),
        (["toon", "abc"], "Fout: ongeldig kenmerk 'abc'; verwacht bijvoorbeeld 'CRA 2020-02', '2020-2' of '2020-08A'"),
        (["aanvraag", "  ", "--ontvangen", "2020-04-01"], "Fout: het onderwerp mag niet leeg zijn"),
        (
            ["nieuw", "Later", "--datum", "2999-01-01"],
            "Fout: de datum (2999-01-01) ligt in de toekomst; dit is gebeurd, dus uiterlijk vandaag",
        ),
        (
            ["aanvraag", "X", "--ontvangen", "2020-04-01", "--termijn", "2020-03-01"],
            "Fout: de adviestermijn (2020-03-01) ligt vóór de ontvangstdatum (2020-04-01)",
        ),
        (
            ["vaststellen", "2020-01"],
            "Fout: CRA 2020-01 staat op 'concept'; 'vaststellen' kan daar niet "
            "(mogelijk: concept, agenderen, intrekken)",
        ),
        (
            ["agenderen", "2020-03", "--vergadering", "2020-03-20"],
            "Fout: CRA 2020-03 staat op 'aangevraagd'; 'agenderen' kan daar niet (mogelijk: concept, intrekken)",
        ),
        (
            ["intrekken", "2020-02", "--reden", "te laat"],
            "Fout: CRA 2020-02 staat op 'verzonden'; 'intrekken' kan daar niet "
            "(mogelijk: reactie, termijn, herinnering, opschorten)",
        ),
        (
            ["reactie", "2020-02", "--ontvangen", "2020-01-20"],
            "Fout: de ontvangstdatum van de reactie (2020-01-20) ligt vóór de verzending (2020-01-29)",
        ),
        (
            ["termijn", "2020-02", "--tot", "2020-03-01", "--reden", "afgesproken"],
            "Fout: de nieuwe termijn (2020-03-01) ligt niet na de huidige (2020-03-11)",
        ),
        (["termijn", "2020-02", "--tot", "2020-05-01", "--reden", " "], "Fout: de reden mag niet leeg zijn"),
        (["intrekken", "2020-01", "--reden", ""], "Fout: de reden mag niet leeg zijn"),
        (["aanvulling", "2020-99", "Extra"], "Fout: onbekend kenmerk '2020-99'"),
        (["instelling", "onbekend.ding", "x"], None),
        (["instelling", "termijn.reactie_weken", "zes"], None),
        (["instelling", "organisatie.logo", "/bestaat/niet.png"], "Fout: het bestand '/bestaat/niet.png' bestaat niet"),
        (["gebruiker", "toevoegen", "hans", "--rol", "voorzitter"], None),
    ],
)
def test_weigering_verandert_niets(register: Any, args: list[str], melding: str | None) -> None:
    regel = weiger(*args)
    if melding is not None:
        assert regel == melding
    ongewijzigd(register)


def test_agenderen_zonder_tekst(register: Any, advies: Advies) -> None:
    advies("nieuw", "Zonder tekst", "--datum", "2020-04-01")
    voor = momentopname()
    assert weiger("agenderen", "2020-04", "--vergadering", "2020-04-28") == (
        "Fout: CRA 2020-04 heeft nog geen concepttekst; sla er eerst een op met 'advies concept'"
    )
    ongewijzigd(voor)


def test_vaststellen_voor_de_vergadering(register: Any, advies: Advies) -> None:
    advies("agenderen", "2020-01", "--vergadering", "2020-02-25")
    voor = momentopname()
    assert weiger("vaststellen", "2020-01", "--datum", "2020-02-24") == (
        "Fout: de datum van vaststelling (2020-02-24) ligt vóór de vergadering (2020-02-25)"
    )
    ongewijzigd(voor)


@pytest.mark.parametrize(
    "naam, inhoud, melding",
    [
        ("leeg.md", b"", "Fout: het bestand '{pad}' is leeg"),
        ("spaties.md", b"  \n\n  \n", "Fout: 'spaties.md' bevat geen tekst"),
        (
            "latin1.txt",
            "Cliëntenraad".encode("latin-1"),
            "Fout: 'latin1.txt' is geen UTF-8-tekst; sla het bestand op als UTF-8",
        ),
        ("nep.docx", b"dit is geen word", "Fout: 'nep.docx' is geen geldig Word-document (.docx)"),
        ("brief.pdf", b"%PDF-1.4", "Fout: 'brief.pdf' heeft een onbekend tekstformaat; gebruik .md, .txt of .docx"),
    ],
)
def test_onbruikbare_tekst(register: Any, tmp_path: Path, naam: str, inhoud: bytes, melding: str) -> None:
    pad = tmp_path / naam
    pad.write_bytes(inhoud)
    assert weiger("concept", "2020-01", "--tekst", str(pad)) == melding.format(pad=pad)
    ongewijzigd(register)


def test_ontbrekend_tekstbestand(register: Any, tmp_path: Path) -> None:
    pad = tmp_path / "weg.md"
    assert weiger("concept", "2020-01", "--tekst", str(pad)) == f"Fout: het bestand '{pad}' bestaat niet"
    ongewijzigd(register)


def test_dezelfde_tekst_nog_eens(register: Any, tekst: Callable[..., Path]) -> None:
    assert weiger("concept", "2020-01", "--tekst", str(tekst())) == (
        "Fout: de tekst is gelijk aan versie 1 van CRA 2020-01; er is niets opgeslagen"
    )
    ongewijzigd(register)


def test_tekst_ligt_vast_na_agenderen(register: Any, advies: Advies, tekst: Callable[..., Path]) -> None:
    advies("agenderen", "2020-01", "--vergadering", "2020-01-28")
    voor = momentopname()
    regel = weiger("concept", "2020-01", "--tekst", str(tekst("Andere tekst.\n")))
    assert regel.startswith("Fout: CRA 2020-01 staat op 'ter_vaststelling'; 'concept' kan daar niet")
    ongewijzigd(voor)


@pytest.mark.parametrize(
    "args",
    [
        ["aanvraag", "X", "--ontvangen", "2020-02-30"],
        ["aanvraag", "X", "--ontvangen", "28-01-2020"],
        ["aanvraag", "X", "--ontvangen", "20200128"],
        ["aanvraag", "X"],
        ["lijst", "--status", "klaar"],
        ["lijst", "--jaar", "twintig"],
        ["verzenden"],
        ["onbekend"],
        ["reactie", "2020-02", "--ontvangen", "2020-03-01", "--oordeel", "misschien"],
    ],
)
def test_verkeerd_gebruik_is_exit_2(register: Any, args: list[str]) -> None:
    regel = weiger(*args, code=2)
    assert "Zie 'advies" in regel
    ongewijzigd(register)


def test_onmogelijke_datum_zegt_wat_er_mis_is(register: Any) -> None:
    assert weiger("aanvraag", "X", "--ontvangen", "2020-02-30", code=2) == (
        "Fout: Ongeldige waarde voor '--ontvangen': '2020-02-30' is geen geldige datum; "
        "schrijf JJJJ-MM-DD, bijvoorbeeld 2020-01-28. Zie 'advies aanvraag --help'."
    )


@pytest.mark.sqlite
def test_zonder_init(home: Path) -> None:
    assert weiger("lijst") == "Fout: de database is nog niet ingericht; voer eerst 'advies init' uit"


def test_demo_weigert_een_gevulde_database(register: Any) -> None:
    assert weiger("demo") == (
        "Fout: de database bevat al adviezen; demo vult alleen een lege database (kies een andere map met ADVIES_HOME)"
    )
    ongewijzigd(register)


def test_onverwachte_fout_geeft_geen_traceback(advies: Advies, monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    from workflow import overzichten

    def stuk(*_args: Any, **_kwargs: Any) -> NoReturn:
        raise RuntimeError("kapot")

    monkeypatch.setattr(overzichten, "lijst", stuk)
    regel = weiger("lijst")
    assert regel.startswith("Fout: onverwachte fout (RuntimeError: kapot); details staan in ")
    assert "RuntimeError: kapot" in (home / "fouten.log").read_text(encoding="utf-8")


def test_init_is_veilig_te_herhalen(register: Any) -> None:
    uit = voer_uit("init")
    assert uit.stdout.startswith(f"Database is bijgewerkt (schemaversie {SCHEMAVERSIE}): ")
    ongewijzigd(register)
