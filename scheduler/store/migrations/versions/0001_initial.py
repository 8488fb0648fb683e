"""The initial schema: teams, instances, results, roster versions, swaps, audit trail.

Written from autogenerate output and reviewed: plain column types (the
timestamp type decorator of the ORM stores a ``DateTime(timezone=True)``), and
nothing imported from the ORM, so this revision stays what it was when the ORM
changes.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("notice_hours", sa.Integer(), server_default=sa.text("24"), nullable=False),
        sa.Column("auto_approve", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_team"),
        sa.UniqueConstraint("slug", name="uq_team_slug"),
    )
    op.create_table(
        "agent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name="fk_agent_team_id_team"),
        sa.PrimaryKeyConstraint("id", name="pk_agent"),
        sa.UniqueConstraint("team_id", "code", name="uq_agent_team_id_code"),
    )
    op.create_table(
        "instance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name="fk_instance_team_id_team"),
        sa.PrimaryKeyConstraint("id", name="pk_instance"),
    )
    op.create_index("ix_instance_team_id", "instance", ["team_id"])
    op.create_table(
        "solve_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("objective", sa.Integer(), nullable=True),
        sa.Column("best_bound", sa.Float(), nullable=True),
        sa.Column("wall_time_s", sa.Float(), nullable=False),
        sa.Column("penalties", sa.JSON(), nullable=False),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["instance.id"], name="fk_solve_result_instance_id_instance"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_solve_result"),
    )
    op.create_index("ix_solve_result_instance_id", "solve_result", ["instance_id"])
    op.create_table(
        "roster_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("solve_result_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name="fk_roster_version_team_id_team"),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["roster_version.id"], name="fk_roster_version_parent_id_roster_version"
        ),
        sa.ForeignKeyConstraint(
            ["instance_id"], ["instance.id"], name="fk_roster_version_instance_id_instance"
        ),
        sa.ForeignKeyConstraint(
            ["solve_result_id"],
            ["solve_result.id"],
            name="fk_roster_version_solve_result_id_solve_result",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_roster_version"),
        sa.UniqueConstraint("team_id", "number", name="uq_roster_version_team_id_number"),
        # Linear history: a version has at most one child ...
        sa.UniqueConstraint("parent_id", name="uq_roster_version_parent_id"),
    )
    # ... and a team at most one root (NULLs are distinct in a unique constraint).
    op.create_index(
        "uq_roster_version_root",
        "roster_version",
        ["team_id"],
        unique=True,
        sqlite_where=sa.text("parent_id IS NULL"),
        postgresql_where=sa.text("parent_id IS NULL"),
    )
    op.create_table(
        "duty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("shift", sa.String(64), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(64), nullable=False),
        sa.Column("responsible", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["roster_version.id"], name="fk_duty_version_id_roster_version"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_duty"),
        sa.UniqueConstraint(
            "version_id", "date", "shift", "slot", name="uq_duty_version_id_date_shift_slot"
        ),
    )
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attachment"),
        sa.UniqueConstraint("sha256", name="uq_attachment_sha256"),
    )
    op.create_table(
        "swap_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("base_version_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("requester_duty", sa.String(100), nullable=False),
        sa.Column("counterpart_id", sa.Integer(), nullable=False),
        sa.Column("counterpart_duty", sa.String(100), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("filed_by_supervisor", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("applied_version_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name="fk_swap_request_team_id_team"),
        sa.ForeignKeyConstraint(
            ["base_version_id"],
            ["roster_version.id"],
            name="fk_swap_request_base_version_id_roster_version",
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["agent.id"], name="fk_swap_request_requester_id_agent"
        ),
        sa.ForeignKeyConstraint(
            ["counterpart_id"], ["agent.id"], name="fk_swap_request_counterpart_id_agent"
        ),
        sa.ForeignKeyConstraint(
            ["applied_version_id"],
            ["roster_version.id"],
            name="fk_swap_request_applied_version_id_roster_version",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_swap_request"),
    )
    op.create_index("ix_swap_request_team_state", "swap_request", ["team_id", "state"])
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("swap_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        _timestamp("at"),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["swap_id"], ["swap_request.id"], name="fk_agreement_swap_id_swap_request"
        ),
        sa.ForeignKeyConstraint(["agent_id"], ["agent.id"], name="fk_agreement_agent_id_agent"),
        sa.ForeignKeyConstraint(
            ["attachment_id"], ["attachment.id"], name="fk_agreement_attachment_id_attachment"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_agreement"),
        sa.UniqueConstraint("swap_id", "agent_id", name="uq_agreement_swap_id_agent_id"),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        _timestamp("at"),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("team", sa.String(64), nullable=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
        sa.UniqueConstraint("seq", name="uq_audit_entry_seq"),
    )


def downgrade() -> None:
    op.drop_table("audit_entry")
    op.drop_table("agreement")
    op.drop_table("swap_request")
    op.drop_table("attachment")
    op.drop_table("duty")
    op.drop_index("uq_roster_version_root", table_name="roster_version")
    op.drop_table("roster_version")
    op.drop_index("ix_solve_result_instance_id", table_name="solve_result")
    op.drop_table("solve_result")
    op.drop_index("ix_instance_team_id", table_name="instance")
    op.drop_table("instance")
    op.drop_table("agent")
    op.drop_table("team")
