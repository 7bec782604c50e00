"""sessies: server-side web sessions and atomic login counters (replacing the failure rows)

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _lengte(tabel: str, kolom: str, lengte: int) -> sa.CheckConstraint:
    # The same length check every sized text column has (migration 0005, opslag/modellen.py).
    return sa.CheckConstraint(f"length({kolom}) <= {lengte}", name=op.f(f"ck_{tabel}_{kolom}_lengte"))


def upgrade() -> None:
    op.create_table(
        "websessie",
        sa.Column("sleutel", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("gebruiker", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("aangemaakt_op", sa.Integer(), nullable=False),
        sa.Column("actief_op", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_websessie")),
        _lengte("websessie", "sleutel", 64),
        _lengte("websessie", "gebruiker", 100),
    )
    op.create_index(op.f("ix_websessie_gebruiker"), "websessie", ["gebruiker"], unique=False)
    op.create_table(
        "inlogteller",
        sa.Column("sleutel", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        sa.Column("tot", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_inlogteller")),
        _lengte("inlogteller", "sleutel", 200),
    )
    # The failure rows could not be counted atomically; a lock that was running simply ends.
    op.drop_index("ix_mislukt_inloggen_naam", table_name="mislukt_inloggen")
    op.drop_table("mislukt_inloggen")


def downgrade() -> None:
    op.create_table(
        "mislukt_inloggen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mislukt_inloggen")),
        _lengte("mislukt_inloggen", "naam", 100),
    )
    op.create_index("ix_mislukt_inloggen_naam", "mislukt_inloggen", ["naam"], unique=False)
    op.drop_table("inlogteller")
    op.drop_index(op.f("ix_websessie_gebruiker"), table_name="websessie")
    op.drop_table("websessie")
