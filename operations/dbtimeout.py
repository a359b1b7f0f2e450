"""Every request runs under a PostgreSQL statement timeout.

A slow or locked database must not pile up gunicorn workers: a reader query
that takes longer than ``READER_STATEMENT_TIMEOUT_MS`` is cancelled by the
server, the request ends with the friendly 503 page (``operations.faults``), and
the worker is free again. Staff requests (the admin, imports through it) get a
longer but finite ``STAFF_STATEMENT_TIMEOUT_MS``: a long save is not cut off, but
a few admin requests stuck behind a lock cannot hold every worker until gunicorn
kills them (its timeout must stay longer, docs/deploy.md). The admin's writes run
in a transaction, so a cancelled save changes nothing.

The timeout is a session setting, and connections outlive requests
(``CONN_MAX_AGE``), so each request states what it needs before its first query
and nothing is sent when the connection already has it.
"""

from django.db import connection
from django.db.backends.signals import connection_created

SERVER_DEFAULT = "server default"
UNKNOWN = "unknown"
STATE_ATTRIBUTE = "_newsroom_statement_timeout"


def connect_signals():
    connection_created.connect(_fresh_connection_has_server_default, dispatch_uid="operations.dbtimeout")


def _fresh_connection_has_server_default(sender, connection, **kwargs):
    setattr(connection, STATE_ATTRIBUTE, SERVER_DEFAULT)


class StatementTimeout:
    """An ``execute_wrapper`` that sets the session's statement timeout before the first query.

    ``milliseconds=None`` restores the server default.
    """

    def __init__(self, milliseconds: int | None):
        self.wanted = SERVER_DEFAULT if milliseconds is None else int(milliseconds)

    def __call__(self, execute, sql, params, many, context):
        db = context["connection"]
        if getattr(db, STATE_ATTRIBUTE, UNKNOWN) != self.wanted:
            statement = (
                "SET statement_timeout TO DEFAULT" if self.wanted == SERVER_DEFAULT
                else f"SET statement_timeout = {self.wanted}"
            )
            with db.connection.cursor() as raw_cursor:  # the raw cursor: no wrappers, no recursion
                raw_cursor.execute(statement)
            # Inside a transaction a rollback would undo the SET, so don't trust it afterwards.
            setattr(db, STATE_ATTRIBUTE, UNKNOWN if db.in_atomic_block else self.wanted)
        return execute(sql, params, many, context)


def timeout_for(
    path: str, *, staff_prefixes: tuple[str, ...], reader_timeout_ms: int, staff_timeout_ms: int
) -> int | None:
    """The request's timeout in milliseconds; None (the server's default) when the setting is 0."""
    milliseconds = staff_timeout_ms if path.startswith(staff_prefixes) else reader_timeout_ms
    return milliseconds or None


def statement_timeout(milliseconds: int | None):
    """Context manager: queries on the default database run under this timeout."""
    return connection.execute_wrapper(StatementTimeout(milliseconds))
