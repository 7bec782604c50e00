"""grenzen: a CHECK on the length of every sized text column, so SQLite refuses what PostgreSQL refuses

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, length), as in opslag/modellen.py at this revision.
GRENZEN = {
    "advies": [
        ("kenmerk", 40),
        ("achtervoegsel", 2),
        ("soort", 20),
        ("status", 20),
        ("uw_kenmerk", 200),
        ("vastgestelde_sha256", 64),
        ("oordeel", 20),
    ],
    "gebruiker": [("naam", 100), ("rol", 20), ("wachtwoord_hash", 255)],
    "instelling": [("sleutel", 60), ("gewijzigd_door", 100)],
    "document": [("soort", 20), ("kenmerk", 40), ("bestandsnaam", 255), ("sha256", 64), ("door", 100)],
    "tekstversie": [("sha256", 64), ("bron_naam", 255), ("door", 100)],
    "geschiedenis": [("gebeurtenis", 30), ("van", 20), ("naar", 20), ("door", 100)],
    "feestdagcorrectie": [("soort", 20), ("door", 100)],
    "termijnwijziging": [("soort", 20), ("door", 100)],
    "mislukt_inloggen": [("naam", 100)],
}


def upgrade() -> None:
    for tabel, kolommen in GRENZEN.items():
        with op.batch_alter_table(tabel, schema=None) as batch_op:
            for kolom, lengte in kolommen:
                batch_op.create_check_constraint(
                    batch_op.f(f"ck_{tabel}_{kolom}_lengte"), f"length({kolom}) <= {lengte}"
                )


def downgrade() -> None:
    for tabel, kolommen in GRENZEN.items():
        with op.batch_alter_table(tabel, schema=None) as batch_op:
            for kolom, _ in kolommen:
                batch_op.drop_constraint(batch_op.f(f"ck_{tabel}_{kolom}_lengte"), type_="check")
