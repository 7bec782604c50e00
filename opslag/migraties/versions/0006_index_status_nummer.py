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
    # Outside batch mode: on SQLite a batch copies the table, which the foreign keys to it forbid.
    op.create_index("ix_advies_status_nummer", "advies", ["status", "jaar", "volgnummer", "achtervoegsel"])


def downgrade() -> None:
    op.drop_index("ix_advies_status_nummer", table_name="advies")
