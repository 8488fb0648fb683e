"""Persistence: teams, instances, solve results, roster versions, swap requests, audit trail.

SQLAlchemy 2 over a SQLite file by default or PostgreSQL (``ROSTER_DATABASE_URL``),
the schema made by the Alembic migrations in ``migrations/``. :func:`open_store`
is the entry point; :class:`Store` methods return frozen plain data.
"""

from scheduler.store.audit import canonical_json
from scheduler.store.database import database_url, make_engine, open_store, upgrade
from scheduler.store.errors import Conflict, NotFound, StoreError
from scheduler.store.records import (
    AgentRecord,
    Attachment,
    AttachmentInfo,
    AuditEntry,
    AuditVerification,
    InstanceRecord,
    ResultRecord,
    SwapRecord,
    TeamRecord,
    VersionInfo,
    VersionRecord,
)
from scheduler.store.store import Store, Transaction, Upload

__all__ = [
    "AgentRecord",
    "Attachment",
    "AttachmentInfo",
    "AuditEntry",
    "AuditVerification",
    "Conflict",
    "InstanceRecord",
    "NotFound",
    "ResultRecord",
    "Store",
    "StoreError",
    "SwapRecord",
    "TeamRecord",
    "Transaction",
    "Upload",
    "VersionInfo",
    "VersionRecord",
    "canonical_json",
    "database_url",
    "make_engine",
    "open_store",
    "upgrade",
]
