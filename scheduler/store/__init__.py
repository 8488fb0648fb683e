"""Persistence: teams, instances, solve results, roster versions, swap requests, audit trail,
users with their API tokens, calendar feed tokens, and the stored responses of idempotent requests.

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
    FeedTokenRecord,
    IdempotentResponse,
    InstanceRecord,
    ResultRecord,
    Role,
    SwapRecord,
    TeamRecord,
    TokenRecord,
    UserRecord,
    VersionInfo,
    VersionRecord,
)
from scheduler.store.store import Store, Transaction, Upload
from scheduler.store.tokens import hash_secret, new_secret

__all__ = [
    "AgentRecord",
    "Attachment",
    "AttachmentInfo",
    "AuditEntry",
    "AuditVerification",
    "Conflict",
    "FeedTokenRecord",
    "IdempotentResponse",
    "InstanceRecord",
    "NotFound",
    "ResultRecord",
    "Role",
    "Store",
    "StoreError",
    "SwapRecord",
    "TeamRecord",
    "TokenRecord",
    "Transaction",
    "Upload",
    "UserRecord",
    "VersionInfo",
    "VersionRecord",
    "canonical_json",
    "database_url",
    "hash_secret",
    "make_engine",
    "new_secret",
    "open_store",
    "upgrade",
]
