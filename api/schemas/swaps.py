"""Swap and cover requests with their recorded agreements."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.conventions import Page
from scheduler.store import SwapRecord
from scheduler.swaps import Suggestion


class AgreementPublic(BaseModel):
    agent: str
    at: dt.datetime
    channel: str = Field(examples=["chat"])
    note: str
    attachment_sha256: str | None = Field(
        None,
        description="Fetch with GET /swaps/{id}/attachments/{sha256} (the two agents and supervisors only).",
    )


class SwapPublic(BaseModel):
    id: int
    team: str
    kind: str = Field(examples=["swap", "cover"])
    state: str = Field(examples=["requested"])
    requester: str
    duty: str = Field(examples=["2026-12-04/A/0"])
    counterpart: str
    counterpart_duty: str | None
    filed_by_supervisor: bool
    evidence_complete: bool = Field(description="Both agreements are on record.")
    agreements: list[AgreementPublic]
    base_version: int
    applied_version: int | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, record: SwapRecord) -> SwapPublic:
        request = record.request
        return cls(
            id=request.id, team=record.team, kind=request.kind.value, state=request.state.value,
            requester=request.requester, duty=str(request.requester_duty),
            counterpart=request.counterpart,
            counterpart_duty=None if request.counterpart_duty is None else str(request.counterpart_duty),
            filed_by_supervisor=request.filed_by_supervisor,
            evidence_complete=request.evidence_complete,
            agreements=[
                AgreementPublic(agent=a.agent, at=a.at, channel=a.channel.value, note=a.note,
                                attachment_sha256=a.attachment_sha256)
                for a in request.agreements
            ],
            base_version=record.base_version, applied_version=record.applied_version,
            created_at=record.created_at, updated_at=record.updated_at,
        )  # fmt: skip


class CandidatePublic(BaseModel):
    kind: str
    counterpart: str
    counterpart_duty: str | None
    penalty_change: int
    penalty_after: int
    text: str

    @classmethod
    def of(cls, suggestion: Suggestion, language: str) -> CandidatePublic:
        duty = suggestion.counterpart_duty
        return cls(
            kind=suggestion.kind.value, counterpart=suggestion.counterpart,
            counterpart_duty=None if duty is None else str(duty), penalty_change=suggestion.delta,
            penalty_after=suggestion.penalty_after, text=suggestion.describe(language),
        )  # fmt: skip


class SwapPage(Page[SwapPublic]):
    """A page of a team's swaps, oldest first."""
