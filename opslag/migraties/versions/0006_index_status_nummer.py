"""index_status_nummer: the lists of one status (Mijn werk, the register page) newest first via an index

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("advies", schema=None) as batch_op:
        kolommen = ["status", "jaar", "volgnummer", "achtervoegsel"]
        batch_op.create_index("ix_advies_status_nummer", kolommen, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("advies", schema=None) as batch_op:
        batch_op.drop_index("ix_advies_status_nummer")
