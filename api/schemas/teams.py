"""Teams and their agents."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.conventions import Page
from scheduler.store import TeamRecord


class AgentPublic(BaseModel):
    code: str = Field(examples=["a1"])
    name: str = Field(examples=["王芳"])


class TeamPublic(BaseModel):
    slug: str = Field(examples=["four-agents"])
    name: str
    timezone: str = Field(examples=["Asia/Shanghai"])
    language: str = Field(examples=["zh"])
    notice_hours: int = Field(examples=[24])
    auto_approve: bool
    agents: list[AgentPublic]

    @classmethod
    def of(cls, team: TeamRecord) -> TeamPublic:
        return cls(
            slug=team.slug, name=team.name, timezone=team.timezone, language=team.language,
            notice_hours=team.notice_hours, auto_approve=team.auto_approve,
            agents=[AgentPublic(code=a.code, name=a.name) for a in team.agents],
        )  # fmt: skip


class TeamCreate(BaseModel):
    slug: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", max_length=64, examples=["four-agents"])
    name: str = Field(examples=["客服组"])
    timezone: str = Field(examples=["Asia/Shanghai"])
    language: str = Field("en", pattern="^(en|zh)$")
    agents: list[AgentPublic] = Field(default_factory=list)
    notice_hours: int = Field(24, ge=0, le=24 * 14)
    auto_approve: bool = False


class TeamUpdate(BaseModel):
    name: str | None = None
    timezone: str | None = None
    language: str | None = Field(None, pattern="^(en|zh)$")
    notice_hours: int | None = Field(None, ge=0, le=24 * 14)
    auto_approve: bool | None = None


class TeamPage(Page[TeamPublic]):
    """A page of teams, by slug."""
