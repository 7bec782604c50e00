"""Rendering and reading untrusted documents in a separate, bounded process.

A template is code and a draft is a file from outside: neither is ever opened in the process that
holds the database. Every letter, reminder, trial letter, Word year overview and every read of a
draft or a template under check is a *taak* (job) sent to a worker:

- the worker is a fresh Python (`python -I`, running `main` below) with an environment cleared of
  database URLs, passwords and keys, no file descriptors but its two pipes, stdin/stdout/stderr on
  /dev/null, and a fresh temporary working folder per job;
- it preloads docxtpl, python-docx, lxml, Jinja and markdown-it once, then *forks one child per
  job* (a fork server): the child sets RLIMIT_AS and RLIMIT_CPU, runs the job and exits, so no job
  sees what an earlier one left, and a CLI command pays the preload once, in parallel with its own
  imports (`start()` at the top of a command);
- the worker enforces the wall-clock bound of each job (it kills the child), the parent a bound on
  the worker as a whole;
- data crosses the pipe only as plain values (str, int, float, bool, None, bytes, lists and dicts of
  those), encoded as JSON plus raw bytes, never pickled: the parent never unpickles what a
  possibly hostile job wrote, and no library object can travel into a template.

A refusal of a job crosses the pipe as its sentence and the name of its kind (adviesfouten.SOORTEN),
and is raised here again as that kind. A job that exceeds a bound gives one `Werkerfout` (a
`Storing`) naming the bound ("het geheugen (512 MB)", "de processortijd (20 s)", "de tijd (30 s)");
the caller stores nothing.
This module imports nothing from `workflow`.
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import resource
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from adviesfouten import SOORTEN, AdviesFout, OngeldigeInvoer, Storing

MB = 1024 * 1024
MAX_BERICHT = 256 * MB  # one request or answer over the pipe
_LENGTE = struct.Struct(">Q")
_BYTES = "\x00bytes"  # the key of the marker that stands for a blob in the JSON header


@dataclass(frozen=True)
class Grenzen:
    """The bounds of one job: address space (MB), processor time (s) and wall-clock time (s)."""

    geheugen_mb: int = 512
    cpu_s: int = 20
    muur_s: float = 30.0


STANDAARD = Grenzen()
RUIM = Grenzen(geheugen_mb=1024, cpu_s=120, muur_s=180)  # the year overview of a whole register, chart included

# Environment the worker keeps: locale, and coverage's own switch so the test suite measures it.
_DOORGEVEN = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")


class Werkerfout(Storing):
    """A job that exceeded a bound or stopped without an answer."""


# --- plain data over a pipe ------------------------------------------------------------------------


def codeer(waarde: Any) -> bytes:
    """`waarde` as a JSON header followed by its blobs; refuses anything that is not plain data."""
    blobs: list[bytes] = []

    def plat(w: Any) -> Any:
        if w is None or isinstance(w, bool | int | float | str):
            return w
        if isinstance(w, bytes | bytearray | memoryview):
            blobs.append(bytes(w))
            return {_BYTES: len(blobs) - 1}
        if isinstance(w, list | tuple):
            return [plat(x) for x in w]
        if isinstance(w, dict):
            if not all(isinstance(k, str) for k in w):
                raise TypeError("alleen tekst als sleutel")
            return {k: plat(x) for k, x in w.items()}
        raise TypeError(f"geen gewone gegevens: {type(w).__name__}")

    kop = json.dumps({"w": plat(waarde), "n": [len(b) for b in blobs]}, ensure_ascii=False).encode("utf-8")
    return b"".join([_LENGTE.pack(len(kop)), kop, *blobs])


def decodeer(bericht: bytes) -> Any:
    """The value `codeer` made; a malformed message (whatever is wrong with it) is a ValueError."""
    try:
        return _decodeer(bericht)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, struct.error) as fout:
        raise ValueError(f"beschadigd bericht: {type(fout).__name__}") from None


def _decodeer(bericht: bytes) -> Any:
    (lengte,) = _LENGTE.unpack_from(bericht)
    kop = json.loads(bericht[_LENGTE.size : _LENGTE.size + lengte])
    blobs: list[bytes] = []
    plek = _LENGTE.size + lengte
    for n in kop["n"]:
        if not isinstance(n, int) or n < 0 or plek + n > len(bericht):
            raise ValueError("beschadigd bericht")
        blobs.append(bericht[plek : plek + n])
        plek += n

    def terug(w: Any) -> Any:
        if isinstance(w, list):
            return [terug(x) for x in w]
        if isinstance(w, dict):
            if len(w) == 1 and _BYTES in w:
                return blobs[w[_BYTES]]
            return {k: terug(x) for k, x in w.items()}
        return w

    return terug(kop["w"])


def is_gewoon(waarde: Any) -> bool:
    """Whether `waarde` is plain data (what `codeer` accepts)."""
    try:
        codeer(waarde)
    except (TypeError, ValueError):
        return False
    return True


def _schrijf(fd: int, data: bytes) -> None:
    data = _LENGTE.pack(len(data)) + data
    while data:
        data = data[os.write(fd, data) :]


def _lees_precies(fd: int, n: int, tot: float | None) -> bytes | None:
    """`n` bytes from `fd`, None at end of file; TimeoutError when `tot` (monotonic) passes."""
    delen: list[bytes] = []
    while n:
        if tot is not None:
            rest = tot - time.monotonic()
            if rest <= 0 or not select.select([fd], [], [], rest)[0]:
                raise TimeoutError
        stuk = os.read(fd, min(n, MB))
        if not stuk:
            return None
        delen.append(stuk)
        n -= len(stuk)
    return b"".join(delen)


def _lees_bericht(fd: int, tot: float | None = None) -> bytes | None:
    kop = _lees_precies(fd, _LENGTE.size, tot)
    if kop is None:
        return None
    (lengte,) = _LENGTE.unpack(kop)
    if lengte > MAX_BERICHT:
        raise ValueError("bericht te groot")
    return _lees_precies(fd, lengte, tot)


# --- the parent's side -----------------------------------------------------------------------------


class _Werker:
    """One worker process and its two pipes."""

    def __init__(self) -> None:
        self.map = tempfile.mkdtemp(prefix="advies-werker-")
        omgeving = {k: v for k, v in os.environ.items() if k in _DOORGEVEN or k.startswith("COVERAGE_")}
        omgeving.update(
            {"HOME": self.map, "TMPDIR": self.map, "MPLCONFIGDIR": self.map, "PYTHONDONTWRITEBYTECODE": "1"}
        )
        omgeving.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})  # no thread pools in a bounded job
        # -I: no PYTHON* variables, no user site, not the working folder on the path; the folder
        # that holds this package is put there explicitly, installed or not.
        start = f"import sys; sys.path.insert(0, {str(_WORTEL)!r}); from sjablonen.werker import main; main()"
        self.proces = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
            [sys.executable, "-I", "-c", start],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            cwd=self.map,
            env=omgeving,
        )

    def vraag(self, verzoek: bytes, muur_s: float) -> bytes:
        assert self.proces.stdin is not None and self.proces.stdout is not None
        try:
            _schrijf(self.proces.stdin.fileno(), verzoek)
            # The worker bounds each job itself; this bounds the worker (its start included).
            antwoord = _lees_bericht(self.proces.stdout.fileno(), time.monotonic() + muur_s + 30)
        except (BrokenPipeError, TimeoutError, ValueError):
            antwoord = None
        if antwoord is None:
            self.stop()
            raise Werkerfout("het hulpproces voor brieven en documenten gaf geen antwoord; er is niets opgeslagen")
        return antwoord

    def stop(self) -> None:
        if self.proces.poll() is None:
            self.proces.kill()
        self.proces.wait()
        for stroom in (self.proces.stdin, self.proces.stdout):
            if stroom is not None:
                stroom.close()
        shutil.rmtree(self.map, ignore_errors=True)


_WORTEL = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_VRIJ = 4  # idle workers kept for the next job (the web server's threads each take one)
_vrij: list[_Werker] = []
_slot = threading.Lock()


def start() -> None:
    """Start a worker now, so its preload runs while this process does its own imports."""
    with _slot:
        if not _vrij:
            _vrij.append(_Werker())


def _neem() -> _Werker:
    with _slot:
        while _vrij:
            werker = _vrij.pop()
            if werker.proces.poll() is None:
                return werker
            werker.stop()
    return _Werker()


def _geef_terug(werker: _Werker) -> None:
    with _slot:
        if len(_vrij) < MAX_VRIJ:
            _vrij.append(werker)
            return
    werker.stop()


@atexit.register
def stop_alle() -> None:
    """End the idle workers (at exit; a worker also ends when its stdin closes)."""
    with _slot:
        werkers = list(_vrij)
        _vrij.clear()
    for werker in werkers:
        werker.stop()


def voer_uit(taak: str, argumenten: dict[str, Any], grenzen: Grenzen | None = None) -> Any:
    """Run job `taak` with plain-data `argumenten` in a worker; its plain-data result.
    An AdviesFout of the job is raised here again as its kind, with its list of findings when it had one."""
    grenzen = grenzen or STANDAARD
    verzoek = codeer({"taak": taak, "argumenten": argumenten, "grenzen": asdict(grenzen)})
    werker = _neem()
    try:
        antwoord = decodeer(werker.vraag(verzoek, grenzen.muur_s))
    except ValueError:
        werker.stop()
        raise Werkerfout("het hulpproces gaf een onleesbaar antwoord; er is niets opgeslagen") from None
    _geef_terug(werker)
    if not isinstance(antwoord, dict):
        raise Werkerfout("het hulpproces gaf een onleesbaar antwoord; er is niets opgeslagen")
    if "grens" in antwoord:
        raise Werkerfout(_grensmelding(str(antwoord["grens"]), grenzen))
    if "fout" in antwoord:
        if isinstance(antwoord.get("fouten"), list):
            from sjablonen.controle import SjabloonFout

            raise SjabloonFout([str(f) for f in antwoord["fouten"]])
        # Only a name from the list picks the class: a job cannot make the parent build anything else.
        soort = next((k for k in SOORTEN if k.__name__ == antwoord.get("soort")), AdviesFout)
        raise soort(str(antwoord["fout"]))
    return antwoord.get("uitkomst")


def _grensmelding(grens: str, grenzen: Grenzen) -> str:
    namen = {
        "geheugen": f"het geheugen ({grenzen.geheugen_mb} MB)",
        "cpu": f"de processortijd ({grenzen.cpu_s} s)",
        "muur": f"de tijd ({grenzen.muur_s:g} s)",
        "uitvoer": f"de grootte van het antwoord ({MAX_BERICHT // MB} MB)",
    }
    if grens in namen:
        return f"het document overschrijdt de grens voor {namen[grens]}; er is niets opgeslagen"
    return f"het hulpproces stopte onverwacht ({grens}); er is niets opgeslagen"


# --- the worker's side -----------------------------------------------------------------------------


def _taken() -> dict[str, Callable[..., Any]]:
    """The jobs a worker runs, by name: nothing else can be asked of it."""
    from sjablonen import brieven, concepttekst, controle

    return {
        "brief": brieven.render_in_werker,
        "brieftekst": brieven.tekst_in_werker,
        "afbeelding": brieven.afbeelding,
        "controleer": controle.onderzoek,
        "concepttekst": concepttekst.blokken_uit,
        "zelfonderzoek": _zelfonderzoek,
        "jaaroverzicht_docx": _jaaroverzicht_docx,
    }


def _jaaroverzicht_docx(overzicht: dict[str, Any]) -> bytes:
    from sjablonen.jaaroverzicht.gegevens import uit_gewoon
    from sjablonen.jaaroverzicht.word import docx_bytes

    return docx_bytes(uit_gewoon(overzicht))


def _zelfonderzoek() -> dict[str, Any]:
    """What a job sees of its process: environment names, open descriptors, working folder and
    bounds. The tests check the isolation with it; it reads nothing from outside."""
    return {
        "omgeving": sorted(os.environ),
        "descriptors": sorted(int(fd) for fd in os.listdir("/proc/self/fd")),
        "map": os.getcwd(),
        "inhoud_map": sorted(os.listdir(".")),
        "geheugen": resource.getrlimit(resource.RLIMIT_AS)[0],
        "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
    }


def _voorladen() -> None:
    """What every job needs, imported once before the first fork. (Rendering a letter here too, to
    warm the caches, made no measurable difference per letter and delays the first job.)"""
    import docx  # noqa: F401
    import docxtpl  # noqa: F401
    import jinja2.sandbox  # noqa: F401
    import markdown_it  # noqa: F401

    import sjablonen.brieven  # noqa: F401
    import sjablonen.concepttekst  # noqa: F401
    import sjablonen.controle  # noqa: F401
    import sjablonen.toegestaan  # noqa: F401
    import sjablonen.zandbak  # noqa: F401


def _doe(verzoek: dict[str, Any]) -> dict[str, Any]:
    """Run one job in this (child) process; its answer as plain data."""
    taken = _taken()
    taak = verzoek.get("taak")
    if taak not in taken:
        return {"fout": f"onbekende taak '{taak}'"}
    try:
        return {"uitkomst": taken[taak](**verzoek["argumenten"])}
    except AdviesFout as fout:
        fouten = getattr(fout, "fouten", None)
        soort = next((k.__name__ for k in SOORTEN if isinstance(fout, k)), None)
        return {
            "fout": str(fout),
            **({"soort": soort} if soort else {}),
            **({"fouten": list(fouten)} if isinstance(fouten, list) else {}),
        }
    except MemoryError:
        return {"grens": "geheugen"}
    except RecursionError:
        return {"fout": "het document is te diep genest", "soort": OngeldigeInvoer.__name__}


def _kind(verzoek_bytes: bytes, uit: int, map_: str) -> None:
    """The forked child: bound itself, run the job, write the answer, exit without cleanup."""
    status = 70
    geheugen_op = codeer({"grens": "geheugen"})  # made before the bound, sent when memory ran out
    try:
        os.chdir(map_)
        os.environ["TMPDIR"] = map_
        tempfile.tempdir = map_
        verzoek = decodeer(verzoek_bytes)
        grenzen = Grenzen(**verzoek["grenzen"])
        geheugen = grenzen.geheugen_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (geheugen, geheugen))
        resource.setrlimit(resource.RLIMIT_CPU, (grenzen.cpu_s, grenzen.cpu_s + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            antwoord = codeer(_doe(verzoek))
        except MemoryError:
            antwoord = geheugen_op
        _schrijf(uit, antwoord)
        status = 0
    except MemoryError:
        try:
            _schrijf(uit, geheugen_op)
            status = 0
        except OSError:
            pass
    except BaseException:  # noqa: BLE001, S110 - whatever happened, the parent hears it from the status
        pass
    finally:
        os._exit(status)


def _voer_taak_uit(verzoek: bytes) -> bytes:
    """Fork a child for one job, bound its wall-clock time, and return its answer (or the bound)."""
    muur = float(decodeer(verzoek)["grenzen"]["muur_s"])
    map_ = tempfile.mkdtemp(prefix="taak-")
    lees, schrijf = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(lees)
        os.closerange(3, schrijf)
        os.closerange(schrijf + 1, 1024)
        _kind(verzoek, schrijf, map_)
    os.close(schrijf)
    antwoord: bytes | None = None
    door_ons = False
    try:
        antwoord = _lees_bericht(lees, time.monotonic() + muur)
    except TimeoutError:
        os.kill(pid, signal.SIGKILL)
        door_ons = True
    except ValueError:
        os.kill(pid, signal.SIGKILL)
        antwoord = codeer({"grens": "uitvoer"})
    finally:
        os.close(lees)
    _, status = os.waitpid(pid, 0)
    shutil.rmtree(map_, ignore_errors=True)
    if door_ons:
        return codeer({"grens": "muur"})
    if antwoord is not None:
        return antwoord
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        return codeer({"grens": "cpu"})
    return codeer({"grens": f"status {status}"})


def main() -> None:
    """The worker: preload, then answer one job after another until stdin closes."""
    invoer, uitvoer = os.dup(0), os.dup(1)
    leeg = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(leeg, fd)
    os.close(leeg)
    _voorladen()
    # What the preload made is never collected: a child's collector then does not touch (and so
    # copy) every page it shares with this process.
    gc.collect()
    gc.freeze()
    while (verzoek := _lees_bericht(invoer)) is not None:
        _schrijf(uitvoer, _voer_taak_uit(verzoek))


if __name__ == "__main__":
    main()
