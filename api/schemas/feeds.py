"""Calendar feed tokens and the caller's profile."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.conventions import Page
from scheduler.store import FeedTokenRecord, Role


class FeedTokenPublic(BaseModel):
    """A feed token without its secret: the store keeps only a hash of it."""

    id: int
    team: str = Field(examples=["four-agents"])
    agent: str | None = Field(
        description="The agent whose duties the feed shows; null for the team's feed.",
        examples=["a1"],
    )
    prefix: str = Field(
        description="The first characters of the secret, to tell tokens apart.",
        examples=["rsf_Zk3q"],
    )
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    rotated_from: int | None = Field(description="The token this one replaced by rotation.")

    @classmethod
    def of(cls, record: FeedTokenRecord) -> FeedTokenPublic:
        return cls(
            id=record.id, team=record.team, agent=record.agent, prefix=record.prefix,
            created_at=record.created_at, revoked_at=record.revoked_at,
            rotated_from=record.rotated_from,
        )  # fmt: skip


class FeedTokenCreated(FeedTokenPublic):
    """A new feed token with its secret and addresses: shown in this answer only."""

    secret: str = Field(description="Not stored: it cannot be shown again.")
    https_url: str = Field(examples=["https://roster.example.com/feeds/rsf_Zk3q....ics"])
    webcal_url: str = Field(
        description="The same address for calendar apps that subscribe on a webcal:// link.",
        examples=["webcal://roster.example.com/feeds/rsf_Zk3q....ics"],
    )


class FeedTokenCreate(BaseModel):
    agent: str | None = Field(
        None,
        max_length=64,
        description="Whose duties: an agent may name only themselves (the default for an "
        "agent); a supervisor names any agent of the team, or none for the team's feed.",
        examples=["a1"],
    )


class FeedTokenPage(Page[FeedTokenPublic]):
    """A page of feed tokens, oldest first."""


class FeedLink(BaseModel):
    """A live feed token of the caller's feed, by the start of its addresses: the secret
    itself was shown once, when the token was made or rotated."""

    id: int
    team: str
    agent: str | None
    prefix: str = Field(examples=["rsf_Zk3q"])
    https_url_prefix: str = Field(examples=["https://roster.example.com/feeds/rsf_Zk3q"])
    webcal_url_prefix: str = Field(examples=["webcal://roster.example.com/feeds/rsf_Zk3q"])
    created_at: dt.datetime


class MePublic(BaseModel):
    """Who the API token belongs to, and the feeds they can subscribe to."""

    name: str = Field(examples=["user-a1"])
    role: Role
    team: str | None = Field(description="null: a supervisor of every team.")
    agent: str | None = Field(description="The agent code of an agent user.")
    feeds: list[FeedLink] = Field(
        description="Live feed tokens: an agent's own, a supervisor's team feeds."
    )
