"""Per-address rate limits of the requests that hash a password

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("full_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limits")),
    )
    op.create_index(
        op.f("ix_rate_limits_full_at"), "rate_limits", ["full_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_rate_limits_full_at"), table_name="rate_limits")
    op.drop_table("rate_limits")
