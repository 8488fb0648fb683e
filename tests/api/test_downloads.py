"""Evidence downloads: a file name typed by a user never breaks the header."""

from __future__ import annotations

from api.downloads import ascii_filename, attachment_response
from scheduler.store import Attachment


def test_the_ascii_name_keeps_printable_characters_and_drops_quotes() -> None:
    assert ascii_filename('chat "ok"\\.png') == "chat _ok__.png"
    assert ascii_filename("聊天.png") == "__.png"


def test_a_download_is_an_attachment_never_sniffed_or_cached() -> None:
    response = attachment_response(Attachment("0" * 64, "image/png", 3, '聊天 "ok".png', b"png"))
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"__ _ok_.png\"; filename*=UTF-8''%E8%81%8A%E5%A4%A9%20%22ok%22.png"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"
    assert response.media_type == "image/png" and response.body == b"png"
