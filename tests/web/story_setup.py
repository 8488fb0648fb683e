"""The starting point of the browser story: a team with its instance uploaded, no roster yet.

The default four-agent instance, its horizon moved to a Monday more than a
week ahead (the server runs on the real clock, and a duty in the past or
within the notice cannot be swapped), stored for team ``four-agents`` with a
supervisor ``lead`` and a user per agent, each with an API token.
"""

from __future__ import annotations

from scheduler.instance import parse_instance_text
from scheduler.service import RosterService
from scheduler.store import open_store
from tests.api.server import INSTANCE_PATH, TEAM, create_users, instance_source


def prepare_team(database_url: str) -> dict[str, str]:
    """Store the team and its instance; the bearer token of ``lead`` and of each agent."""
    source = instance_source()
    instance = parse_instance_text(source, str(INSTANCE_PATH))
    store = open_store(database_url)
    try:
        RosterService(store).ensure_team(TEAM, instance)
        store.save_instance(TEAM, instance, source)
        return create_users(store)
    finally:
        store.close()
