"""A real Bolt server for the tests (and the benchmarks), never a mock.

In order of preference:

1. ``NEO4J_URI`` is set: use that server (``NEO4J_USER`` / ``NEO4J_PASSWORD``).
2. A Docker engine answers: start Neo4j 5 with testcontainers.
3. Otherwise: start ArcadeDB's server with its Bolt plugin from the ``arcadedb-embedded`` wheel
   (its own JRE and jars; see ``/work/shared/notes/bolt-server.md``), on 127.0.0.1 and free ports,
   with its root in a temporary folder, stopped by PID at the end of the session.

When none can be started the fixture fails under CI (``CI`` set) and skips, naming the reason, locally.
The fixtures are imported by ``tests/conftest.py``:

- ``bolt_server`` (session): an object with ``uri``, ``user``, ``password``, ``kind``;
- ``neo4j_driver`` / ``clean_neo4j`` (function): the session's driver, on an empty database.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ARCADEDB_PASSWORD = "lineage-test-pw"  # ArcadeDB wants 8+ characters
ARCADEDB_HEAP = os.environ.get("LINEAGE_ARCADEDB_HEAP", "768m")
START_TIMEOUT = float(os.environ.get("LINEAGE_BOLT_START_TIMEOUT", "90"))


@dataclass
class BoltServer:
    """Where a running Bolt server listens, and how to stop it (if we started it)."""

    uri: str
    user: str
    password: str
    kind: str  # "env", "neo4j-container" or "arcadedb"
    log_path: Path | None = None
    pid: int | None = None
    settings: str = ""  # how we started it (JVM options, server mode), for benchmark reports
    _stop: Callable[[], None] | None = field(default=None, repr=False)

    def stop(self) -> None:
        """Stop the server if this process started it; safe to call twice."""
        stop, self._stop = self._stop, None
        if stop is not None:
            stop()

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's log (for error messages)."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]


class BoltServerUnavailable(RuntimeError):
    """No Bolt server could be used or started; the message says why."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_ready(uri: str, auth: tuple[str, str], timeout: float,
                     alive: Callable[[], str | None]) -> None:
    """Poll ``RETURN 1`` every 0.1 s until it answers; ``alive`` returns a reason when the server died."""
    from neo4j import GraphDatabase

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    with GraphDatabase.driver(uri, auth=auth, connection_timeout=2.0, max_connection_pool_size=1) as driver:
        while time.monotonic() < deadline:
            dead = alive()
            if dead:
                raise BoltServerUnavailable(dead)
            try:
                with driver.session() as session:
                    session.run("RETURN 1").consume()
                return
            except Exception as exc:
                last = exc
                time.sleep(0.1)
    raise BoltServerUnavailable(f"no answer on {uri} after {timeout:.0f} s (last error: {last!r})")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: SIGTERM the server when the test process dies, so no orphan JVM is left."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _terminate(proc: subprocess.Popen, timeout: float = 20.0) -> None:
    """SIGTERM (a clean shutdown), then SIGKILL if it does not exit in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def arcadedb_command(root: Path, bolt_port: int, http_port: int, heap: str, password: str,
                     options: Sequence[str] = ()) -> list[str]:
    """The command line that starts ArcadeDB's server with the Bolt plugin from the wheel's JRE and jars;
    ``options``: extra JVM options (``-Darcadedb.<setting>=<value>``), placed before ``-cp``."""
    import arcadedb_embedded

    pkg = Path(arcadedb_embedded.__file__).parent
    java = pkg / "jre" / "bin" / "java"
    if not java.exists():
        raise BoltServerUnavailable(f"arcadedb-embedded has no bundled JRE at {java}")
    return [
        str(java), f"-Xmx{heap}", "-XX:+UseSerialGC", "-Xss1m", *options,
        "-cp", f"{pkg / 'jars'}/*",
        f"-Darcadedb.server.rootPath={root}",
        f"-Darcadedb.server.databaseDirectory={root / 'databases'}",
        f"-Darcadedb.server.rootPassword={password}",
        "-Darcadedb.server.mode=development",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1",
        f"-Darcadedb.server.httpIncomingPort={http_port}",
        "-Darcadedb.bolt.host=127.0.0.1",
        f"-Darcadedb.bolt.port={bolt_port}",
        "-Darcadedb.server.defaultDatabases=neo4j[root]",
        "-Darcadedb.bolt.defaultDatabase=neo4j",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "com.arcadedb.server.ArcadeDBServer",
    ]


def start_arcadedb(heap: str = ARCADEDB_HEAP, timeout: float = START_TIMEOUT, *, root: Path | None = None,
                   bolt_port: int | None = None, keep_root: bool = False,
                   options: Sequence[str] = ()) -> BoltServer:
    """Start ArcadeDB (Bolt on a free port of 127.0.0.1) and wait until it answers ``RETURN 1``.

    ``root`` / ``bolt_port`` / ``keep_root`` let a test restart a server on the same data and port;
    ``options`` are extra JVM options (server settings), reported in ``settings``.
    """
    try:
        import arcadedb_embedded  # noqa: F401
    except ImportError as exc:
        raise BoltServerUnavailable(
            "arcadedb-embedded is not installed (pip install -e '.[test]')") from exc
    root = root or Path(tempfile.mkdtemp(prefix="lineage-arcadedb-"))
    log_path = root / "server.log"
    bolt_port, http_port = bolt_port or free_port(), free_port()
    cmd = arcadedb_command(root, bolt_port, http_port, heap, ARCADEDB_PASSWORD, options)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=root, preexec_fn=_die_with_parent if sys.platform == "linux" else None)

    def stop() -> None:
        _terminate(proc)
        if not keep_root:
            shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    settings = " ".join(cmd[1:cmd.index("-cp")] + [a for a in cmd if a.startswith("-Darcadedb.server.mode")])
    server = BoltServer(uri=f"bolt://127.0.0.1:{bolt_port}", user="root", password=ARCADEDB_PASSWORD,
                        kind="arcadedb", log_path=log_path, pid=proc.pid, settings=settings, _stop=stop)

    def died() -> str | None:
        if proc.poll() is None:
            return None
        return f"ArcadeDB exited with code {proc.returncode}"

    try:
        wait_until_ready(server.uri, (server.user, server.password), timeout, died)
    except BoltServerUnavailable as exc:
        tail = server.log_tail()
        server.stop()
        raise BoltServerUnavailable(f"ArcadeDB did not start: {exc}\nserver log:\n{tail}") from None
    return server


def docker_reachable() -> str | None:
    """None when a Docker engine answers, else the reason it does not."""
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def start_neo4j_container() -> BoltServer:
    """Neo4j 5 in Docker through testcontainers."""
    from testcontainers.community.neo4j import Neo4jContainer

    container = Neo4jContainer("neo4j:5", password="lineage-test-pw")
    container.start()
    return BoltServer(uri=container.get_connection_url(), user=container.username,
                      password=container.password, kind="neo4j-container", _stop=container.stop)


def start_server() -> BoltServer:
    """The first Bolt server that works: ``NEO4J_URI``, then Docker's Neo4j 5, then ArcadeDB."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return BoltServer(uri=uri, user=os.environ.get("NEO4J_USER", "neo4j"),
                          password=os.environ.get("NEO4J_PASSWORD", ""), kind="env")
    reasons = []
    why_not_docker = docker_reachable()
    if why_not_docker is None:
        try:
            return start_neo4j_container()
        except Exception as exc:
            reasons.append(f"Neo4j container: {exc}")
    else:
        reasons.append(f"no Docker engine ({why_not_docker})")
    try:
        return start_arcadedb()
    except BoltServerUnavailable as exc:
        reasons.append(str(exc))
    raise BoltServerUnavailable("no Bolt server: " + "; ".join(reasons))


# --- pytest fixtures (imported by conftest.py) ---------------------------------------------------

@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """One real Bolt server for the whole test session."""
    try:
        server = start_server()
    except BoltServerUnavailable as exc:
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"CI must run the Bolt tests, but {exc}", pytrace=False)
        pytest.skip(f"no Bolt server available: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def _bolt_driver(bolt_server: BoltServer):
    from neo4j import GraphDatabase

    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as driver:
        yield driver


def wipe(driver) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    with driver.session() as session:
        session.execute_write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())


@pytest.fixture
def neo4j_driver(_bolt_driver) -> Iterator:
    """The session's driver, on a database emptied before the test."""
    wipe(_bolt_driver)
    yield _bolt_driver


@pytest.fixture
def clean_neo4j(neo4j_driver) -> Iterator:
    """Alias of ``neo4j_driver`` for tests that read better with it."""
    yield neo4j_driver


@contextlib.contextmanager
def running_server() -> Iterator[BoltServer]:
    """A Bolt server for scripts (benchmarks): started, yielded, stopped."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
