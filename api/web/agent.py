"""An agent's own pages: their duties and calendar feed, and their swap and cover requests.

The routes live in :mod:`api.web.agent_duties` (``/me``, the feed token) and
:mod:`api.web.agent_swaps` (asking for a swap, answering requests); this
router gathers them.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.web import agent_duties, agent_swaps

router = APIRouter(include_in_schema=False)
router.include_router(agent_duties.router)
router.include_router(agent_swaps.router)
