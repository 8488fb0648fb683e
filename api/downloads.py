"""An evidence file as a download, the same for the API and the pages.

The file is always an attachment (never shown inline), its stored type is not
second-guessed by the browser (``nosniff``), it is not cached by shared
caches, and its name survives in two forms: printable ASCII without quotes
for old browsers, and the exact UTF-8 name in ``filename*`` (RFC 6266), so a
name typed by a user can never break out of the header.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response

from scheduler.store import Attachment


def ascii_filename(filename: str) -> str:
    """The name for browsers that ignore ``filename*``: printable ASCII without quotes."""
    return "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in filename)


def attachment_response(attachment: Attachment) -> Response:
    disposition = (
        f'attachment; filename="{ascii_filename(attachment.filename)}"; '
        f"filename*=UTF-8''{quote(attachment.filename, safe='')}"
    )
    headers = {
        "Content-Disposition": disposition,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    return Response(attachment.data, media_type=attachment.content_type, headers=headers)
