"""Proof of agreement and its timing: attachments checked and hashed, notice enforced.

An agreement may carry an attachment, typically a chat screenshot. It is
limited in size and type, and the declared type must match what the bytes
are (the first bytes of PNG, JPEG, WebP and PDF files are fixed signatures;
plain text must be UTF-8): a file that lies about its type is refused, so the
stored proof is what it claims to be. Its SHA-256 is what the agreement
records. The policy also wants a change reported in advance: agreement must be
complete ``notice`` before the duty starts, unless a supervisor files the
request; a duty that has already started cannot be changed by anyone. All
times are aware and compared in UTC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from scheduler.instance.models import Instance
from scheduler.swaps.model import DutyKey, Phrase, SwapError
from scheduler.timeline import duty_on

MIB = 1024 * 1024
DEFAULT_NOTICE = dt.timedelta(hours=24)

SIGNATURES: dict[str, str] = {
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
"""Content types whose bytes are checked against their signature, and the kind name used."""


@dataclass(frozen=True)
class AttachmentPolicy:
    max_bytes: int = 5 * MIB
    content_types: tuple[str, ...] = (
        "image/png",
        "image/jpeg",
        "image/webp",
        "application/pdf",
        "text/plain",
    )

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")


@dataclass(frozen=True)
class AttachmentInfo:
    sha256: str  # hex digest of the bytes, as stored with the agreement
    size: int
    content_type: str
    filename: str


class EvidenceError(SwapError, ValueError):
    """An attachment that cannot serve as proof."""


class TooLate(SwapError, ValueError):
    """Agreement came (or would come) later than the notice the team requires."""


class DutyInPast(TooLate):
    """The duty has already started: nobody can change it any more."""


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes start like: ``png``, ``jpeg``, ``webp``, ``pdf`` or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"%PDF-"):
        return "pdf"
    return None


def _clean_filename(filename: str) -> str:
    # Only the last path component: a client's directory names are no part of the proof.
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:255] or "attachment"


def inspect_attachment(
    data: bytes, content_type: str, filename: str, policy: AttachmentPolicy | None = None
) -> AttachmentInfo:
    """Check an attachment against ``policy`` and describe it; :class:`EvidenceError` if unfit.

    ``content_type`` may carry parameters (``text/plain; charset=utf-8``);
    they are dropped and the type compared in lower case.
    """
    policy = policy or AttachmentPolicy()
    name = _clean_filename(filename)
    declared = content_type.split(";", 1)[0].strip().lower()
    size = len(data)
    if size == 0:
        raise EvidenceError("swaps.evidence.empty", filename=name)
    if size > policy.max_bytes:
        raise EvidenceError(
            "swaps.evidence.too_large",
            filename=name,
            size=size,
            max=policy.max_bytes,
            max_mib=f"{policy.max_bytes / MIB:.3g}",
        )
    if declared not in policy.content_types:
        raise EvidenceError(
            "swaps.evidence.type",
            filename=name,
            content_type=declared or "?",
            allowed=", ".join(policy.content_types),
        )
    actual = sniff(data)
    expected = SIGNATURES.get(declared)
    if expected is not None and actual != expected:
        if actual is None:
            raise EvidenceError(
                "swaps.evidence.no_signature",
                filename=name,
                declared=declared,
                kind=Phrase.of(f"swaps.content.{expected}"),
            )
        raise EvidenceError(
            "swaps.evidence.mismatch",
            filename=name,
            declared=declared,
            actual=Phrase.of(f"swaps.content.{actual}"),
        )
    if expected is None and actual is not None:
        # Declared as text (or another unchecked type) but it is one of the signed kinds.
        raise EvidenceError(
            "swaps.evidence.mismatch",
            filename=name,
            declared=declared,
            actual=Phrase.of(f"swaps.content.{actual}"),
        )
    if declared == "text/plain":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise EvidenceError("swaps.evidence.not_text", filename=name) from None
    return AttachmentInfo(hashlib.sha256(data).hexdigest(), size, declared, name)


def start_of_duty(instance: Instance, duty: DutyKey) -> dt.datetime:
    """When ``duty`` starts, as an aware datetime in the team's zone."""
    return duty_on(duty.date, instance.shift_type(duty.shift), instance.team.zone).start


def _aware(name: str, value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, not {value!r}")
    return value.astimezone(dt.UTC)


def format_instant(moment: dt.datetime, zone: dt.tzinfo | None) -> str:
    """``2026-12-01 09:00 UTC+08:00``: the wall clock in ``zone`` with its offset."""
    local = moment.astimezone(zone) if zone is not None else moment
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} UTC{offset[:3]}:{offset[3:]}"


def _hours(delta: dt.timedelta) -> str:
    return f"{delta.total_seconds() / 3600:g}"


def check_notice(
    duty_start: dt.datetime,
    agreed_at: dt.datetime,
    notice: dt.timedelta = DEFAULT_NOTICE,
    *,
    filed_by_supervisor: bool,
    duty: DutyKey | None = None,
) -> None:
    """Raise unless agreement at ``agreed_at`` comes ``notice`` or more before ``duty_start``.

    ``agreed_at`` is when both agreements were complete, or now while one is
    still missing. Exactly ``notice`` before the start is in time. A supervisor
    filing the request is exempt from the notice (:class:`TooLate`) but not
    from :class:`DutyInPast`: at or after the start, the duty is history.
    ``duty`` only names the duty in the message.
    """
    if notice < dt.timedelta(0):
        raise ValueError(f"notice must not be negative, not {notice}")
    start = _aware("duty_start", duty_start)
    at = _aware("agreed_at", agreed_at)
    zone = duty_start.tzinfo
    what: object = str(duty) if duty is not None else Phrase.of("swaps.notice.the_duty")
    if at >= start:
        raise DutyInPast(
            "swaps.notice.past",
            duty=what,
            start=format_instant(start, zone),
            at=format_instant(at, zone),
        )
    deadline = start - notice
    if at > deadline and not filed_by_supervisor:
        raise TooLate(
            "swaps.notice.too_late",
            duty=what,
            start=format_instant(start, zone),
            deadline=format_instant(deadline, zone),
            hours=_hours(notice),
            at=format_instant(at, zone),
        )
