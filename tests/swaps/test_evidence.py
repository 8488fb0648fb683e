"""Attachments as proof of agreement, and the notice a change needs."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

import pytest

from scheduler.swaps import (
    DEFAULT_NOTICE,
    AttachmentPolicy,
    DutyInPast,
    DutyKey,
    EvidenceError,
    TooLate,
    check_notice,
    inspect_attachment,
    start_of_duty,
)
from scheduler.swaps.evidence import format_instant, sniff
from tests.builders import build_instance

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
PDF = b"%PDF-1.7\n" + b"\x00" * 32
MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (WEBP, "image/webp"),
        (PDF, "application/pdf"),
        ("我同意和 a1 换班".encode(), "text/plain"),
    ],
)
def test_accepted_attachments(data: bytes, content_type: str) -> None:
    info = inspect_attachment(data, content_type, "proof")
    assert info.size == len(data)
    assert info.content_type == content_type
    assert info.sha256 == hashlib.sha256(data).hexdigest()


def test_sha256_value_and_clean_metadata() -> None:
    info = inspect_attachment(b"hello\n", "Text/Plain; charset=utf-8", "C:\\chats\\wechat.txt")
    assert info.sha256 == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
    assert (info.size, info.content_type, info.filename) == (6, "text/plain", "wechat.txt")


def test_empty_file_is_refused() -> None:
    with pytest.raises(EvidenceError) as caught:
        inspect_attachment(b"", "image/png", "shot.png")
    assert caught.value.describe() == "the attachment shot.png is empty"


def test_oversized_file_is_refused_at_the_default_limit() -> None:
    at_limit = PNG + b"\x00" * (5 * MIB - len(PNG))
    assert inspect_attachment(at_limit, "image/png", "big.png").size == 5 * MIB
    with pytest.raises(EvidenceError) as caught:
        inspect_attachment(at_limit + b"\x00", "image/png", "big.png")
    assert isinstance(caught.value, ValueError)
    assert caught.value.describe() == (
        "the attachment big.png has 5242881 bytes; at most 5242880 bytes (5 MiB) are accepted"
    )
    assert "5242881" in caught.value.describe("zh")


def test_policy_limits_are_configurable() -> None:
    policy = AttachmentPolicy(max_bytes=16, content_types=("text/plain",))
    with pytest.raises(EvidenceError, match="at most 16 bytes"):
        inspect_attachment(b"x" * 17, "text/plain", "a.txt", policy)
    with pytest.raises(EvidenceError, match="image/png, which is not accepted"):
        inspect_attachment(PNG[:16], "image/png", "a.png", policy)
    with pytest.raises(ValueError, match="positive"):
        AttachmentPolicy(max_bytes=0)


def test_type_not_allowed() -> None:
    with pytest.raises(EvidenceError) as caught:
        inspect_attachment(b"GIF89a....", "image/gif", "x.gif")
    assert caught.value.describe() == (
        "the attachment x.gif is of type image/gif, which is not accepted"
        " (accepted: image/png, image/jpeg, image/webp, application/pdf, text/plain)"
    )


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (PDF, "image/png", "is declared as image/png but its content is a PDF document"),
        (PNG, "image/jpeg", "is declared as image/jpeg but its content is a PNG image"),
        (JPEG, "application/pdf", "is declared as application/pdf but its content is a JPEG image"),
        (PNG, "text/plain", "is declared as text/plain but its content is a PNG image"),
        (
            b"just some text",
            "image/png",
            "is declared as image/png but its content is not a PNG image",
        ),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "image/webp", "but its content is not a WebP image"),
    ],
)
def test_declared_type_must_match_the_content(data: bytes, declared: str, expected: str) -> None:
    with pytest.raises(EvidenceError) as caught:
        inspect_attachment(data, declared, "proof")
    assert expected in caught.value.describe()
    assert declared in caught.value.describe("zh")


def test_text_must_be_utf8() -> None:
    with pytest.raises(EvidenceError, match="not UTF-8 text"):
        inspect_attachment(b"\xff\xfe\x00x", "text/plain", "chat.txt")


def test_sniff() -> None:
    assert [sniff(data) for data in (PNG, JPEG, WEBP, PDF, b"hello")] == [
        "png",
        "jpeg",
        "webp",
        "pdf",
        None,
    ]


# Notice. The default team is in Asia/Shanghai (no DST); A starts at 09:00.
SHANGHAI = ZoneInfo("Asia/Shanghai")
A_TUESDAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def test_start_of_duty_is_in_the_team_zone() -> None:
    from scheduler.instance import load_instance

    instance = load_instance("instances/four-agents.yaml")
    start = start_of_duty(instance, DutyKey.parse("2026-12-01/A/0"))
    assert start == A_TUESDAY
    assert start.utcoffset() == dt.timedelta(hours=8)


def test_default_notice_is_24_hours_and_the_boundary_is_in_time() -> None:
    assert dt.timedelta(hours=24) == DEFAULT_NOTICE
    check_notice(A_TUESDAY, A_TUESDAY - DEFAULT_NOTICE, filed_by_supervisor=False)
    check_notice(A_TUESDAY, A_TUESDAY - dt.timedelta(days=3), filed_by_supervisor=False)
    with pytest.raises(TooLate):
        check_notice(
            A_TUESDAY,
            A_TUESDAY - DEFAULT_NOTICE + dt.timedelta(seconds=1),
            filed_by_supervisor=False,
        )


def test_late_agreement_says_why() -> None:
    now = dt.datetime(2026, 11, 30, 12, 30, tzinfo=dt.UTC)  # 20:30 in Shanghai, 12.5 h before
    with pytest.raises(TooLate) as caught:
        check_notice(
            A_TUESDAY,
            now,
            dt.timedelta(hours=24),
            filed_by_supervisor=False,
            duty=DutyKey.parse("2026-12-01/A/0"),
        )
    assert not isinstance(caught.value, DutyInPast)
    assert caught.value.describe() == (
        "2026-12-01/A/0 starts at 2026-12-01 09:00 UTC+08:00; both agreements were needed by"
        " 2026-11-30 09:00 UTC+08:00 (24 hours before), but it is 2026-11-30 20:30 UTC+08:00."
        " Ask a supervisor to file the change"
    )
    assert "2026-11-30 20:30 UTC+08:00" in caught.value.describe("zh")


def test_supervisor_is_exempt_from_the_notice() -> None:
    check_notice(A_TUESDAY, A_TUESDAY - dt.timedelta(minutes=1), filed_by_supervisor=True)


def test_configurable_notice() -> None:
    check_notice(
        A_TUESDAY,
        A_TUESDAY - dt.timedelta(hours=2),
        dt.timedelta(hours=2),
        filed_by_supervisor=False,
    )
    with pytest.raises(TooLate, match=r"\(2 hours before\)"):
        check_notice(
            A_TUESDAY,
            A_TUESDAY - dt.timedelta(hours=1),
            dt.timedelta(hours=2),
            filed_by_supervisor=False,
        )
    with pytest.raises(ValueError, match="negative"):
        check_notice(A_TUESDAY, A_TUESDAY, -dt.timedelta(hours=1), filed_by_supervisor=False)


@pytest.mark.parametrize("supervisor", [False, True])
@pytest.mark.parametrize("after", [dt.timedelta(0), dt.timedelta(minutes=5), dt.timedelta(days=2)])
def test_a_started_duty_is_refused_even_for_supervisors(
    supervisor: bool, after: dt.timedelta
) -> None:
    with pytest.raises(DutyInPast) as caught:
        check_notice(A_TUESDAY, A_TUESDAY + after, filed_by_supervisor=supervisor)
    assert isinstance(caught.value, TooLate)
    assert "a duty that has started cannot be changed" in caught.value.describe()


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        check_notice(A_TUESDAY, dt.datetime(2026, 11, 29, 9, 0), filed_by_supervisor=False)


def test_notice_is_real_time_across_a_dst_change() -> None:
    # Berlin moves from CET to CEST at 02:00 on Sunday 2026-03-29. N starts Sunday 22:00 CEST
    # (20:00 UTC); 24 real hours earlier is Saturday 21:00 CET, not 22:00.
    instance = build_instance(timezone="Europe/Berlin", start="2026-03-23")
    start = start_of_duty(instance, DutyKey(dt.date(2026, 3, 29), "N"))
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 20, 0, tzinfo=dt.UTC)
    berlin = ZoneInfo("Europe/Berlin")
    check_notice(start, dt.datetime(2026, 3, 28, 21, 0, tzinfo=berlin), filed_by_supervisor=False)
    # 21:30 Saturday is 24.5 hours by the wall clock but only 23.5 real hours before.
    with pytest.raises(TooLate) as caught:
        check_notice(
            start, dt.datetime(2026, 3, 28, 21, 30, tzinfo=berlin), filed_by_supervisor=False
        )
    assert "needed by 2026-03-28 21:00 UTC+01:00" in caught.value.describe()
    assert "starts at 2026-03-29 22:00 UTC+02:00" in caught.value.describe()
    # The same instant given in UTC is compared the same way.
    with pytest.raises(TooLate):
        check_notice(
            start, dt.datetime(2026, 3, 28, 20, 30, tzinfo=dt.UTC), filed_by_supervisor=False
        )


def test_format_instant() -> None:
    moment = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    assert format_instant(moment, SHANGHAI) == "2026-12-01 09:00 UTC+08:00"
    assert format_instant(moment, ZoneInfo("America/New_York")) == "2026-11-30 20:00 UTC-05:00"
