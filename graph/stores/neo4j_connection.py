"""Connecting to Neo4j (or any Bolt server speaking Neo4j's Cypher), and its failures as one line.

:func:`connect` opens a verified :class:`Neo4jConnection`; :func:`driver_errors` turns the ``neo4j``
driver's exceptions into :class:`graph.errors.Neo4jError` naming the server and what was being done.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import neo4j
from neo4j import Driver, GraphDatabase
from neo4j import exceptions as nx_exc

from graph.errors import Neo4jError
from graph.i18n import _

DEFAULT_USER = "neo4j"
# The driver logs each retry of a failing transaction as a warning; with no handler configured Python
# prints those on stderr before our one error line. A library's loggers get a NullHandler.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONNECTING = "connecting"  # the action of opening a connection (its errors say so in their own words)


@dataclass(frozen=True)
class Neo4jSettings:
    """Where Neo4j is and who we are; unset values come from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD."""

    uri: str
    user: str = DEFAULT_USER
    password: str | None = None
    database: str | None = None

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                database: str | None = None) -> Neo4jSettings:
        """Fill what is not given from the environment; raise :class:`Neo4jError` without a URI."""
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise Neo4jError(_("no Neo4j URI given"), hint=_("pass --uri bolt://host:7687 or set NEO4J_URI"))
        uri, uri_user, uri_password = _split_credentials(uri)
        user = user or uri_user
        password = password if password is not None else uri_password
        return cls(uri=uri, user=user or os.environ.get("NEO4J_USER") or DEFAULT_USER,
                   password=password if password is not None else os.environ.get("NEO4J_PASSWORD"),
                   database=database or os.environ.get("NEO4J_DATABASE") or None)


def _split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """``bolt://user:password@host`` -> (``bolt://host``, user, password): the URI is shown in messages
    and output, the password never is."""
    try:
        parts = urlsplit(uri)
        if "@" not in parts.netloc:
            return uri, None, None
        host = parts.netloc.rsplit("@", 1)[1]
        user = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password is not None else None
        return urlunsplit(parts._replace(netloc=host)), user, password
    except ValueError:  # not a URI at all: said by connect(), without what precedes '@'
        return uri.rsplit("@", 1)[-1], None, None


def _reason(exc: BaseException) -> str:
    """A short, lower-case reason from a driver error: 'connection refused', 'timed out' ..."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, TimeoutError):
            return _("timed out")
        if isinstance(cur, OSError) and cur.strerror:
            return cur.strerror.lower()
        cur = cur.__cause__ or cur.__context__
    text = str(exc)
    for marker, reason in (("looks like HTTP", _("the server there speaks HTTP, not Bolt (Neo4j's Bolt "
                                                 "port is usually 7687, its browser's 7474)")),
                           ("Bolt handshake", _("the server there does not speak Bolt (not Neo4j, or the "
                                                "wrong port)")),
                           ("Connection refused", _("connection refused")), ("timed out", _("timed out")),
                           ("Name or service not known", _("unknown host")),
                           ("nodename nor servname", _("unknown host"))):
        if marker in text:
            return reason
    return text.splitlines()[0][:200] if text else type(exc).__name__


def driver_error(exc: Exception, settings: Neo4jSettings, action: str) -> Neo4jError:
    """Translate a driver exception into one line for the user. ``action`` (translated) is what was
    being done, or :data:`CONNECTING`."""
    uri, user = settings.uri, settings.user
    if isinstance(exc, nx_exc.AuthError):
        return Neo4jError(_("Neo4j refused the credentials for user {user} at {uri}").format(
            user=repr(user), uri=uri), hint=_("check --user/--password or NEO4J_USER/NEO4J_PASSWORD"))
    if isinstance(exc, nx_exc.UnsupportedServerProduct):  # answered, but not in a Bolt the driver knows
        return Neo4jError(_("cannot reach Neo4j at {uri}: {reason}").format(uri=uri, reason=_(
            "the server there does not speak Bolt (not Neo4j, or the wrong port)")),
            hint=_("is the server running? check --uri or NEO4J_URI"))
    if isinstance(exc, (nx_exc.ServiceUnavailable, nx_exc.SessionExpired, OSError)):
        if action == CONNECTING:
            return Neo4jError(_("cannot reach Neo4j at {uri}: {reason}").format(uri=uri, reason=_reason(exc)),
                              hint=_("is the server running? check --uri or NEO4J_URI"))
        return Neo4jError(_("lost the connection to Neo4j at {uri} while {action}: {reason}").format(
            uri=uri, action=action, reason=_reason(exc)))
    if isinstance(exc, nx_exc.Neo4jError):
        message = (exc.message or str(exc)).splitlines()[0][:300]
        return Neo4jError(_("Neo4j at {uri} rejected a statement while {action}: {code}: {message}").format(
            uri=uri, action=action, code=exc.code, message=message))
    return Neo4jError(_("Neo4j at {uri} failed while {action}: {error}: {reason}").format(
        uri=uri, action=action, error=type(exc).__name__, reason=_reason(exc)))


@contextmanager
def driver_errors(settings: Neo4jSettings, action: str) -> Iterator[None]:
    """Turn driver exceptions raised inside the block into :class:`Neo4jError`."""
    try:
        yield
    except Neo4jError:
        raise
    except (nx_exc.Neo4jError, nx_exc.DriverError, OSError) as exc:
        raise driver_error(exc, settings, action) from exc


def connect(uri: str | None = None, user: str | None = None, password: str | None = None, *,
            database: str | None = None, timeout: float = 10.0, retry_time: float = 15.0) -> Neo4jConnection:
    """Open a verified connection to Neo4j (or any Bolt server speaking Neo4j's Cypher).

    Unset arguments come from ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD``. ``timeout`` bounds
    opening a connection; ``retry_time`` how long a write keeps retrying transient failures. Raises
    :class:`Neo4jError` with one line when the server cannot be reached or refuses the credentials.
    """
    settings = Neo4jSettings.resolve(uri, user, password, database)
    auth = (settings.user, settings.password) if settings.password is not None else None
    scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
    if scheme not in BOLT_SCHEMES:
        raise Neo4jError(_("invalid Neo4j URI {uri}: the scheme must be one of {schemes}").format(
            uri=repr(settings.uri), schemes=", ".join(BOLT_SCHEMES)),
            hint=_("use bolt://host:7687 or neo4j://host:7687"))
    try:
        driver = GraphDatabase.driver(settings.uri, auth=auth, connection_timeout=timeout,
                                      connection_acquisition_timeout=max(timeout, 30.0),
                                      max_transaction_retry_time=retry_time)
    except (nx_exc.ConfigurationError, ValueError) as exc:
        raise Neo4jError(_("invalid Neo4j URI {uri}: {error}").format(uri=repr(settings.uri), error=exc),
                         hint=_("use bolt://host:7687 or neo4j://host:7687")) from None
    try:
        with driver_errors(settings, CONNECTING):
            driver.verify_connectivity()
    except Neo4jError:
        driver.close()
        raise
    return Neo4jConnection(driver, settings)


class Neo4jConnection:
    """A driver plus its settings (for error messages and the database name). Close it or use ``with``."""

    def __init__(self, driver: Driver, settings: Neo4jSettings) -> None:
        self.driver = driver
        self.settings = settings

    def session(self, **config: Any) -> neo4j.Session:
        return self.driver.session(database=self.settings.database, **config)

    def errors(self, action: str) -> AbstractContextManager[None]:
        """``with conn.errors("reading"):`` turns driver failures into :class:`Neo4jError`."""
        return driver_errors(self.settings, action)

    def read(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read statement in a managed (retried) transaction; records as dicts."""
        with self.errors(_("reading")), self.session() as session:
            return session.execute_read(lambda tx: tx.run(statement, params).data())

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def as_connection(conn: Neo4jConnection | Driver) -> Neo4jConnection:
    """Accept a bare driver too (tests, scripts)."""
    if isinstance(conn, Neo4jConnection):
        return conn
    return Neo4jConnection(conn, Neo4jSettings(uri="the Bolt server"))
