"""termijnen: the council's corrections of the Atw calendar, and moved response due dates

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:00:00.000000
"""

import re
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The note `advies termijn` has always written; extensions made before this migration are copied
# into termijnwijziging from it, so `toon` shows them like new ones.
_VERLENGING = re.compile(r"reactietermijn verlengd van (\S+) tot ([0-9]{4}-[0-9]{2}-[0-9]{2}): (.*)", re.DOTALL)


def upgrade() -> None:
    op.create_table(
        "feestdagcorrectie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("door", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feestdagcorrectie")),
    )
    with op.batch_alter_table("feestdagcorrectie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feestdagcorrectie_datum"), ["datum"], unique=False)

    termijnwijziging = op.create_table(
        "termijnwijziging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advies_id", sa.Integer(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("van", sa.Date(), nullable=True),
        sa.Column("tot", sa.Date(), nullable=True),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("uiterlijk_was", sa.Date(), nullable=True),
        sa.Column("uiterlijk_werd", sa.Date(), nullable=False),
        sa.Column("door", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("op", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["advies_id"], ["advies.id"], name=op.f("fk_termijnwijziging_advies_id_advies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_termijnwijziging")),
    )
    with op.batch_alter_table("termijnwijziging", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_termijnwijziging_advies_id"), ["advies_id"], unique=False)
    assert termijnwijziging is not None
    _kopieer_verlengingen(termijnwijziging)


def _kopieer_verlengingen(termijnwijziging: sa.Table) -> None:
    geschiedenis = sa.table(
        "geschiedenis",
        sa.column("id", sa.Integer()),
        sa.column("advies_id", sa.Integer()),
        sa.column("gebeurtenis", sa.String()),
        sa.column("door", sa.String()),
        sa.column("op", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("notitie", sa.Text()),
    )
    verbinding = op.get_bind()
    rijen = verbinding.execute(
        sa.select(geschiedenis).where(geschiedenis.c.gebeurtenis == "termijn").order_by(geschiedenis.c.id)
    ).mappings()
    nieuw = []
    for rij in rijen:
        gevonden = _VERLENGING.fullmatch(rij["notitie"] or "")
        if gevonden is None:
            continue
        was, werd, reden = gevonden.groups()
        nieuw.append(
            {
                "advies_id": rij["advies_id"],
                "soort": "verlenging",
                "van": None,
                "tot": None,
                "reden": reden,
                "uiterlijk_was": None if was == "geen" else date.fromisoformat(was),
                "uiterlijk_werd": date.fromisoformat(werd),
                "door": rij["door"],
                "op": rij["op"],
            }
        )
    if nieuw:
        op.bulk_insert(termijnwijziging, nieuw)


def downgrade() -> None:
    with op.batch_alter_table("termijnwijziging", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_termijnwijziging_advies_id"))
    op.drop_table("termijnwijziging")
    with op.batch_alter_table("feestdagcorrectie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feestdagcorrectie_datum"))
    op.drop_table("feestdagcorrectie")
