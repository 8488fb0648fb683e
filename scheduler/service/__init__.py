"""Services that combine the library's pure logic with the store."""

from scheduler.service.roster import ChangeRefused, Evidence, RosterService

__all__ = ["ChangeRefused", "Evidence", "RosterService"]
