"""Instances, roster versions and their duties."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from scheduler.store import InstanceRecord, VersionRecord
from scheduler.swaps import Duty


class InstancePublic(BaseModel):
    id: int
    team: str
    name: str
    created_at: dt.datetime

    @classmethod
    def of(cls, record: InstanceRecord) -> InstancePublic:
        return cls(id=record.id, team=record.team, name=record.name, created_at=record.created_at)


class InstanceDetail(InstancePublic):
    data: dict[str, Any] = Field(description="The validated instance, as JSON.")


class ValidationReport(BaseModel):
    valid: bool
    name: str
    agents: int
    shift_types: int
    days: int
    cyclic: bool


class DutyPublic(BaseModel):
    id: str = Field(
        description="DATE/SHIFT/SLOT, stable across versions", examples=["2026-12-01/A/0"]
    )
    date: dt.date
    shift: str
    holder: str = Field(description="The agent who works the duty.")
    responsible: str = Field(description="The agent who answers for it under the swap policy.")
    reason: str = Field(examples=["roster", "swap:7", "swap:7:no-evidence"])

    @classmethod
    def of(cls, duty: Duty) -> DutyPublic:
        key = duty.key
        return cls(id=str(key), date=key.date, shift=key.shift, holder=duty.holder,
                   responsible=duty.responsible, reason=duty.reason)  # fmt: skip


class RosterPublic(BaseModel):
    team: str
    version: int
    parent: int | None
    reason: str
    published: bool
    created_at: dt.datetime
    instance_id: int
    duties: list[DutyPublic]

    @classmethod
    def of(cls, version: VersionRecord) -> RosterPublic:
        return cls(
            team=version.team, version=version.number, parent=version.parent,
            reason=version.reason, published=version.published, created_at=version.created_at,
            instance_id=version.instance_id, duties=[DutyPublic.of(d) for d in version.duties],
        )  # fmt: skip
