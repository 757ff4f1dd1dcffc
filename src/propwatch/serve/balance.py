"""Keep-alive connections spread evenly over the server's processes.

With ``propwatch serve --workers N`` every process accepts connections from one listening
socket, and a keep-alive connection stays with the process that accepted it. Which process
wins each accept is a race, so 20 clients that connect at once may end up 13 on one process
and 7 on the other; each process works on its own queue, and the 13 wait nearly twice as long
as the 7 (benchmarks/RESULTS.md: the same run passed or failed its p95 target with the split).

:class:`ConnectionBalancer` lets the processes see each other's share. Each process counts
the client connections it has answered in the last few seconds and publishes the count in a
small file of a directory the processes share (``$PROPWATCH_BALANCE_DIR``, made by
``propwatch serve``). A process that holds more than its fair share, and at least two more
than the least loaded process, answers one request with ``Connection: close``; the client
opens a new connection, which the less busy process is the more likely to accept, since a
busy process is slower to come back to its accept loop. One connection at a time, at most
every :data:`MIN_INTERVAL` seconds, so that a lasting imbalance fades within seconds and a
balanced server closes nothing.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BALANCE_ENV", "MIN_INTERVAL", "WINDOW", "ConnectionBalancer"]

#: The directory the server's processes share (set by ``propwatch serve --workers N``).
BALANCE_ENV = "PROPWATCH_BALANCE_DIR"
#: A connection counts as held while it has made a request in this many seconds.
WINDOW = 5.0
#: Least time between two connections a process closes to rebalance.
MIN_INTERVAL = 0.1
#: How often a process publishes its count and reads the others'.
_REFRESH = 0.1
#: How often it looks for processes that started or stopped.
_RESCAN = 2.0


class ConnectionBalancer:
    """ASGI middleware; ``directory`` is shared by the server's processes (see module doc)."""

    def __init__(self, app: ASGIApp, directory: str | Path) -> None:
        self.app = app
        self.directory = Path(directory)
        self.path = self.directory / f"{os.getpid()}.count"
        self.clients: dict[object, float] = {}
        self.others: list[int] = []
        self._refreshed = -math.inf
        self._scanned = -math.inf
        self._fd: int | None = None  # this process's count file
        self._peers: dict[str, int] = {}  # the other processes' count files
        self._last_close = -math.inf
        self.closed = 0  # connections this process closed to rebalance

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client") if scope["type"] == "http" else None
        if client is None:
            await self.app(scope, receive, send)
            return
        key = tuple(client)
        now = time.monotonic()
        self.clients[key] = now
        self._refresh(now)
        close = self._should_close(now)
        if close:
            self._last_close = now
            self.clients.pop(key, None)
            self.closed += 1

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"connection"
                ]
                headers.append((b"connection", b"close"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_closing if close else send)

    def _should_close(self, now: float) -> bool:
        if not self.others or now - self._last_close < MIN_INTERVAL:
            return False
        mine = len(self.clients)
        fair = math.ceil((mine + sum(self.others)) / (len(self.others) + 1))
        return mine > fair and mine >= min(self.others) + 2

    def _refresh(self, now: float) -> None:
        """Forget idle connections, publish this process's count, read the others'."""
        if now - self._refreshed < _REFRESH:
            return
        self._refreshed = now
        stale = [k for k, seen in self.clients.items() if now - seen > WINDOW]
        for k in stale:
            del self.clients[k]
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            os.pwrite(self._fd, b"%10d" % len(self.clients), 0)  # fixed width: no truncation
            if now - self._scanned > _RESCAN:  # processes come and go rarely
                self._scanned = now
                self._scan()
            others: list[int] = []
            wall = time.time()
            for fd in self._peers.values():
                if wall - os.fstat(fd).st_mtime > WINDOW:  # an idle or stopped process
                    others.append(0)
                    continue
                text = os.pread(fd, 10, 0).strip()
                others.append(int(text) if text.isdigit() else 0)
            self.others = others
        except OSError:  # the directory went away (server stopping): balance nothing
            self.others = []

    def _scan(self) -> None:
        """Open the count files of the other processes (kept open: read with ``pread``)."""
        seen: set[str] = set()
        for entry in os.scandir(self.directory):
            if not entry.name.endswith(".count") or entry.path == str(self.path):
                continue
            seen.add(entry.path)
            if entry.path not in self._peers:
                self._peers[entry.path] = os.open(entry.path, os.O_RDONLY)
        for path in [p for p in self._peers if p not in seen]:
            os.close(self._peers.pop(path))
