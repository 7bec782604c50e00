"""The README's screenshots of the web page, made again from the demo register.

    .venv/bin/python docs/schermafdrukken.py        (or: make schermafdrukken)

Builds the walk-through of `advies demo` in a temporary ADVIES_HOME, gives a chair (hans) and a
secretary (els) a password, starts `advies web` on a free port of 127.0.0.1, and photographs with
Playwright and Debian's Chromium (/usr/bin/chromium, as tests/test_browser.py does):

- docs/schermafdruk-vaststellen.png: the chair's approval page of the draft she sent back before
  (her earlier reason, what changed, the text, the button **Vaststellen**), down to its buttons;
- docs/schermafdruk-mijn-werk.png: the secretary's "Mijn werk".

The demo is dated from today, so the dates in the pictures are those of the day they were made.
Nothing outside the temporary folder and the two PNG files is touched.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HIER = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
WACHTWOORD = "demo-wachtwoord-voor-de-plaatjes"
BREEDTE = 1100
ARGS = [
    "--lang=nl-NL",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]


def advies(omgeving: dict[str, str], *args: str, invoer: str | None = None) -> str:
    uit = subprocess.run(
        [sys.executable, "-m", "workflow", *args],
        env=omgeving,
        input=invoer,
        capture_output=True,
        text=True,
        check=True,
    )
    return uit.stdout


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wacht_op(adres: str, proces: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proces.poll() is not None:
            raise SystemExit("advies web stopte meteen")
        try:
            with urllib.request.urlopen(adres + "/inloggen", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("advies web antwoordde niet binnen 30 seconden")


def log_in(p: Any, naam: str) -> None:
    p.goto("/inloggen")
    p.get_by_label("Gebruikersnaam").fill(naam)
    p.get_by_label("Wachtwoord").fill(WACHTWOORD)
    p.get_by_role("button", name="Inloggen").click()
    p.get_by_role("heading", name="Mijn werk").wait_for()


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="advies-schermafdrukken-") as map_:
        omgeving = {k: v for k, v in os.environ.items() if not k.startswith("ADVIES_")}
        omgeving |= {"ADVIES_HOME": map_, "PYTHONPATH": str(HIER.parent)}
        advies(omgeving, "init")
        # The walk-through runs as one person (one-user mode, named after the account): the chair,
        # so that the draft she sent back says so.
        advies({**omgeving, "USER": "hans", "LOGNAME": "hans"}, "demo")
        for naam, rol in (("els", "secretaris"), ("hans", "voorzitter")):
            advies({**omgeving, "ADVIES_GEBRUIKER": "els"}, "gebruiker", "toevoegen", naam, "--rol", rol)
        for naam in ("els", "hans"):
            advies(
                {**omgeving, "ADVIES_GEBRUIKER": "els"},
                "gebruiker",
                "wachtwoord",
                naam,
                "--wachtwoord-stdin",
                invoer=WACHTWOORD + "\n",
            )
        wacht = advies({**omgeving, "ADVIES_GEBRUIKER": "els"}, "lijst", "--status", "ter_vaststelling", "--json")
        kenmerk = json.loads(wacht)[0]["kenmerk"]
        adres = f"http://127.0.0.1:{vrije_poort()}"
        server = subprocess.Popen(
            [sys.executable, "-m", "workflow", "web", "--poort", adres.rsplit(":", 1)[1]],
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wacht_op(adres, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for naam, pad, bestand in (
                    ("hans", "/adviezen/" + kenmerk.replace(" ", "-"), "schermafdruk-vaststellen.png"),
                    ("els", "/", "schermafdruk-mijn-werk.png"),
                ):
                    context = browser.new_context(
                        base_url=adres, locale="nl-NL", viewport={"width": BREEDTE, "height": 900}
                    )
                    pagina = context.new_page()
                    log_in(pagina, naam)
                    pagina.goto(pad)
                    # The approval page down to its buttons; below them documents and history.
                    vak = pagina.locator("#documenten").bounding_box() if naam == "hans" else None
                    clip: Any = {"x": 0, "y": 0, "width": BREEDTE, "height": vak["y"] - 16} if vak else None
                    pagina.screenshot(path=str(HIER / bestand), full_page=True, clip=clip)
                    print(f"{bestand}: {naam} op {pad}")
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
