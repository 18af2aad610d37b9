"""A TCP relay that can cut its connections: a real network failure between a client and a real server.

``CuttingRelay(upstream_host, upstream_port, cut_after=N)`` listens on a free port of 127.0.0.1 and
relays every connection to the upstream server. Once the clients have sent ``N`` bytes in total, it
resets every open connection and refuses new ones, as when the network to a server goes down mid-load.
``cut_after=None`` never cuts (it just counts, to learn how many bytes a whole run sends).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading


class CuttingRelay:
    def __init__(self, upstream_host: str, upstream_port: int, cut_after: int | None = None) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.cut_after = cut_after
        self.sent = 0  # bytes from clients to the server
        self.cut = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.cut.is_set():
                _reset(client)
                return
            try:
                server = socket.create_connection(self.upstream, timeout=10)
            except OSError:
                _reset(client)
                continue
            server.settimeout(None)
            with self._lock:
                self._sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, from_client: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if from_client:
                    with self._lock:
                        self.sent += len(data)
                        over = self.cut_after is not None and self.sent >= self.cut_after
                    if over:
                        self.cut_now()
                        return
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

    def cut_now(self) -> None:
        """Reset every connection (RST, not a clean close) and stop accepting."""
        self.cut.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            for s in self._sockets:
                _reset(s)
            self._sockets.clear()

    def close(self) -> None:
        self.cut_now()
        self._thread.join(5)


def _reset(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        s.close()
