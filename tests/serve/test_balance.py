"""Several server processes: connections spread evenly over them.

``ConnectionBalancer`` is driven here as two processes would drive it (two instances sharing
one directory); ``propwatch serve --workers 2`` is started for real, with its own listening
socket per process, and stopped with SIGTERM.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from propwatch.serve import balance
from propwatch.serve.balance import ConnectionBalancer
from propwatch.serve.workers import reuse_port_supported


def _drive(bal: ConnectionBalancer, client: tuple[str, int]) -> bool:
    """One request from ``client`` through ``bal``: whether the answer closes the connection."""
    headers: list[tuple[bytes, bytes]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        if message["type"] == "http.response.start":
            headers.extend(message["headers"])

    bal.app = app
    scope = {"type": "http", "path": "/api/search", "client": client}
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, bal(scope, receive, send)).result()
    return (b"connection", b"close") in headers


def _as_process(directory: Path, pid: int) -> ConnectionBalancer:
    bal = ConnectionBalancer(lambda *a: None, directory)
    bal.path = directory / f"{pid}.count"
    return bal


@pytest.fixture()
def no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counts published and read on every request; no pause between two closes."""
    monkeypatch.setattr(balance, "_REFRESH", 0.0)
    monkeypatch.setattr(balance, "_RESCAN", 0.0)
    monkeypatch.setattr(balance, "MIN_INTERVAL", 0.0)


def test_the_process_holding_most_connections_closes_some(tmp_path: Path, no_wait: None) -> None:
    busy, idle = _as_process(tmp_path, 1), _as_process(tmp_path, 2)
    for port in range(2):  # the idle process has answered 2 clients, the busy one then 8
        _drive(idle, ("127.0.0.1", 50_000 + port))
    closed = [_drive(busy, ("127.0.0.1", 40_000 + port)) for port in range(8)]
    # with 4 against 2 the busy process holds more than its fair share (3 of 6) and at least
    # 2 more than the other: it answers with "Connection: close" and forgets that client
    assert closed == [False] * 3 + [True] * 5
    assert len(busy.clients) == 3 and busy.closed == 5
    # 3 against 2 is balanced: the clients it kept are not closed
    assert not any(_drive(busy, ("127.0.0.1", 40_000 + port)) for port in range(3))
    assert not any(_drive(idle, ("127.0.0.1", 50_000 + port)) for port in range(2))


def test_alone_or_balanced_nothing_is_closed(tmp_path: Path, no_wait: None) -> None:
    alone = _as_process(tmp_path, 1)
    assert not any(_drive(alone, ("127.0.0.1", 40_000 + port)) for port in range(20))
    other = _as_process(tmp_path, 2)
    # 20 against 19: off by one is balanced
    assert not any(_drive(other, ("127.0.0.1", 50_000 + port)) for port in range(19))


def test_a_process_gone_quiet_counts_as_holding_nothing(
    tmp_path: Path, no_wait: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiet, busy = _as_process(tmp_path, 1), _as_process(tmp_path, 2)
    for port in range(6):
        _drive(quiet, ("127.0.0.1", 50_000 + port))
    old = time.time() - balance.WINDOW - 1
    os.utime(quiet.path, (old, old))  # it has answered nothing for longer than the window
    closed = [_drive(busy, ("127.0.0.1", 40_000 + port)) for port in range(4)]
    assert closed == [False, True, True, True]  # one is fair against a quiet process


def test_a_missing_directory_turns_balancing_off(tmp_path: Path, no_wait: None) -> None:
    bal = _as_process(tmp_path / "gone", 1)
    assert not any(_drive(bal, ("127.0.0.1", 40_000 + port)) for port in range(10))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(not reuse_port_supported(), reason="no SO_REUSEPORT on this system")
def test_serve_with_two_workers_spreads_connections_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    psutil = pytest.importorskip("psutil")
    db = tmp_path / "w.db"
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    # the sockets alone, without the balancer closing connections (tested above)
    env = {**os.environ, "TMPDIR": str(tmp), "PROPWATCH_BALANCE": "0"}
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "propwatch", "serve", "--db", str(db), "--port", str(port),
         "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    conns: list[http.client.HTTPConnection] = []
    try:
        deadline = time.monotonic() + 60
        while True:  # until both processes answer
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/health")
                assert probe.getresponse().status == 200
                probe.close()
                listening = [
                    p for p in psutil.Process(server.pid).children()
                    if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port
                           for c in p.net_connections(kind="tcp"))
                ]  # fmt: skip
                if len(listening) >= 2:
                    break
            except (OSError, http.client.HTTPException):
                pass
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        # 40 clients connect at once, as a benchmark's or a team's browsers do
        for _ in range(40):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.connect()
            conns.append(conn)
        for conn in conns:
            conn.request("GET", "/health")
            assert conn.getresponse().read()
        held = sorted(
            sum(1 for c in p.net_connections(kind="tcp")
                if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port)
            for p in psutil.Process(server.pid).children()
        )  # fmt: skip
        # each process listens on a socket of its own and the kernel spreads connections over
        # them; with one shared socket the first process awake accepted all that were waiting
        assert sum(held) == 40 and held[-2] >= 8, held
    finally:
        for conn in conns:
            conn.close()
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
        finally:
            if server.stderr:
                server.stderr.close()
    assert code == 0
    assert list(tmp.iterdir()) == []  # the directory the processes shared is gone


@pytest.mark.skipif(not reuse_port_supported(), reason="no SO_REUSEPORT on this system")
def test_workers_that_cannot_start_stop_the_server_with_a_clear_error(tmp_path: Path) -> None:
    bad = "postgresql://nobody@127.0.0.1:1/none"  # nothing listens on port 1
    done = subprocess.run(
        [sys.executable, "-m", "propwatch", "serve", "--db", bad, "--port", str(_free_port()),
         "--workers", "2"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "[PW201] cannot connect" in done.stderr
    assert "a server process could not start" in done.stderr


@pytest.mark.skipif(not reuse_port_supported(), reason="no SO_REUSEPORT on this system")
def test_a_worker_that_dies_is_replaced(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "propwatch", "serve", "--db", str(tmp_path / "w.db"),
         "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def listening() -> list[Any]:
        return [
            p for p in psutil.Process(server.pid).children()
            if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port
                   for c in p.net_connections(kind="tcp"))
        ]  # fmt: skip

    try:
        deadline = time.monotonic() + 60
        while len(listening()) < 2:
            assert server.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        victim = listening()[0]
        victim.kill()
        victim.wait(timeout=10)
        deadline = time.monotonic() + 60
        while len([p for p in listening() if p.pid != victim.pid]) < 2:
            assert server.poll() is None, "the supervisor stopped"
            assert time.monotonic() < deadline, "no replacement"
            time.sleep(0.2)
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        probe.request("GET", "/health")
        assert probe.getresponse().status == 200
        probe.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
