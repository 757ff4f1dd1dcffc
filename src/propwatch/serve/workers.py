"""Several server processes, each with its own listening socket (``SO_REUSEPORT``).

uvicorn's own ``--workers`` shares one listening socket among its processes, and whichever
process wakes first accepts every connection waiting: 20 clients that connect at once often
land 16/4 or 20/0, and a keep-alive connection stays where it landed (benchmarks/RESULTS.md).
Here every process listens on its own socket bound to the same port with ``SO_REUSEPORT``,
and the kernel spreads new connections over the sockets by a hash of their addresses, so each
connection is a fair coin toss. :mod:`propwatch.serve.balance` then evens out what the coin
left uneven.

The supervisor starts the processes, restarts one that dies, and stops them all on SIGINT or
SIGTERM. Where ``SO_REUSEPORT`` does not exist, :func:`run_workers` returns False and the
caller falls back to uvicorn's shared socket (as it does with ``PROPWATCH_REUSE_PORT=0``).
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import threading
import traceback
from types import FrameType

import uvicorn

from propwatch.errors import PropwatchError

__all__ = ["reuse_port_supported", "run_workers"]

#: uvicorn's exit code for a worker that could not start (the app or the socket is broken).
_STARTUP_FAILURE = 3


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def _listen(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def _serve(config: uvicorn.Config, sock: socket.socket) -> None:  # pragma: no cover (child)
    """One server process. Exits with :data:`_STARTUP_FAILURE` if it never started serving
    (the app could not be built: a database that cannot be opened, say), so that the
    supervisor stops instead of restarting it forever."""
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except (Exception, SystemExit) as exc:
        if server.started:
            raise
        if isinstance(exc, PropwatchError):
            print(f"error: {exc}", file=sys.stderr)
        elif not isinstance(exc, SystemExit):
            traceback.print_exc()
        sys.exit(_STARTUP_FAILURE)
    if not server.started:
        sys.exit(_STARTUP_FAILURE)


def run_workers(config: uvicorn.Config, workers: int) -> int | None:
    """Serve ``config`` (its ``app`` an import string, so that each process builds its own)
    with ``workers`` processes until SIGINT or SIGTERM; the exit code: 0, or 1 when a process
    could not start. None, having started nothing, where ``SO_REUSEPORT`` is missing."""
    if not reuse_port_supported():
        return None
    multiprocessing.allow_connection_pickling()
    spawn = multiprocessing.get_context("spawn")
    sockets = [_listen(config.host, config.port, config.backlog) for _ in range(workers)]
    stop = threading.Event()
    failed = False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    procs = [spawn.Process(target=_serve, args=(config, sock)) for sock in sockets]
    try:
        for proc in procs:
            proc.start()
        while not stop.wait(0.5):
            for i, proc in enumerate(procs):
                if proc.is_alive():
                    continue
                if proc.exitcode == _STARTUP_FAILURE:  # it would fail the same way again
                    failed = True
                    stop.set()
                    break
                procs[i] = spawn.Process(target=_serve, args=(config, sockets[i]))
                procs[i].start()
    finally:
        if failed:
            print("error: a server process could not start (see above); stopping.",
                  file=sys.stderr)  # fmt: skip
        for proc in procs:
            if proc.is_alive():
                proc.terminate()  # SIGTERM: uvicorn finishes the requests under way
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for sock in sockets:
            sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 1 if failed else 0
