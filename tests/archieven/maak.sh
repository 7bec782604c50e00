#!/bin/bash
# Export the archive of one release, by the same walk for every schema version (see
# tests/test_archief_naspelen.py). Run with the .venv of this checkout and the code of the release:
#   git archive COMMIT | tar -x -C /tmp/oud
#   tests/archieven/maak.sh /tmp/oud /tmp/oud-home tests/archieven/schema-NNNN.zip [nieuw]
# `nieuw` (from schema 0004 on) adds a suspension and a calendar correction.
set -euo pipefail
VENV=$(cd "$(dirname "$0")/../.." && pwd)/.venv
export PYTHONPATH=$1 ADVIES_HOME=$2 ADVIES_GEBRUIKER=els
unset ADVIES_DATABASE_URL || true
rm -rf "$2"; mkdir -p "$2"; cd "$2"
A() { "$VENV/bin/python" -m workflow "$@" > /dev/null; }
A init
A instelling brief.ondertekenaar "Hans Alderkamp"
A instelling brief.functie "Voorzitter"
A aanvraag "Werkprogramma 2020-2022" --ontvangen 2020-01-10 --uw-kenmerk WI/2020/0042 --termijn 2020-02-07
printf 'De Cliëntenraad is blij met het werkprogramma.\n' > t.md
A concept 2020-01 --tekst t.md
A agenderen 2020-01 --vergadering 2020-01-28
A vaststellen 2020-01 --datum 2020-01-28
A verzenden 2020-01 --datum 2020-01-29
A termijn 2020-01 --tot 2020-04-01 --reden "Afgesproken met de wethouder"
if [ "${4:-}" = nieuw ]; then
  A opschorten 2020-01 --van 2020-02-17 --tot 2020-02-21 --reden "Voorjaarsreces"
  A feestdag toevoegen 2027-12-24 --reden "Besluit van 12 juni 2024, Stb. 2024, 123"
fi
A herinnering 2020-01 --datum 2020-04-14 --uit "$2/herinnering.docx"
A aanvraag "Aanpassing WMO-vervoer" --ontvangen 2020-02-03
A intrekken 2020-02 --reden "Aanvraag door het college teruggenomen"
A nieuw "Armoedemiddelen" --datum 2020-03-01
A concept 2020-03 --tekst t.md
A agenderen 2020-03 --vergadering 2020-03-10
A vaststellen 2020-03 --datum 2020-03-10
A verzenden 2020-03 --datum 2020-03-11
A reactie 2020-03 --ontvangen 2020-04-01 --oordeel deels --samenvatting "Wordt onderzocht"
A aanvulling 2020-03 "Ervaringen van deelnemers" --datum 2020-04-15
A gebruiker toevoegen els --rol secretaris
A gebruiker toevoegen hans --rol voorzitter
A archief exporteer --uit "$3"
