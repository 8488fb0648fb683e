"""Calendar feed tokens: the secrets in the addresses of the iCalendar feeds.

Hand-written to match the ORM (``feed_token`` in :mod:`scheduler.store.schema`)
and reviewed against autogenerate; like the revisions before it, it imports
nothing from the ORM. One new table: existing data is left as it is.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "feed_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),  # NULL: the team's feed
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(8), nullable=False),
        _timestamp("created_at"),
        _timestamp("revoked_at", nullable=True),
        sa.Column("rotated_from", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name="fk_feed_token_team_id_team"),
        sa.ForeignKeyConstraint(["agent_id"], ["agent.id"], name="fk_feed_token_agent_id_agent"),
        sa.ForeignKeyConstraint(
            ["rotated_from"], ["feed_token.id"], name="fk_feed_token_rotated_from_feed_token"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_feed_token"),
        sa.UniqueConstraint("token_hash", name="uq_feed_token_token_hash"),
    )
    op.create_index("ix_feed_token_team_id", "feed_token", ["team_id"])


def downgrade() -> None:
    op.drop_index("ix_feed_token_team_id", table_name="feed_token")
    op.drop_table("feed_token")
