"""`spinlens serve --processes N`: N uvicorn server processes, each listening on its own SO_REUSEPORT socket.

With one listening socket shared by every process (uvicorn's own `workers` mode), the process that wakes first
accepts every connection waiting, so a burst of 20 keep-alive clients landed 17/3 or 20/0 on two processes and
one process did nearly all the work. With a socket per process in one SO_REUSEPORT group, the kernel hands
each new connection to one of the sockets by a hash of its addresses, so the load spreads evenly. The
supervisor (this process) starts the servers, restarts one that dies, and stops them all on SIGINT/SIGTERM.
Platforms without SO_REUSEPORT fall back to uvicorn's `workers` mode.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time
from typing import Any

#: The app factory each server process imports (it reads the settings `spinlens serve` put in the environment).
APP_FACTORY = "spinlens.web.app:app_from_environment"
#: How often a dead server process is restarted before the supervisor gives up.
MAX_RESTARTS = 20


def reuseport_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port with SO_REUSEPORT (not yet listening)."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    if family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    sock.bind((host, port))
    return sock


def free_port(host: str) -> int:
    """A TCP port on `host` (IPv4 or IPv6) that nothing listens on right now."""
    family = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM)[0][0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _serve_one(host: str, port: int, uvicorn_options: dict[str, Any]) -> None:
    """One server process: its own listening socket in the port's SO_REUSEPORT group, and uvicorn on it."""
    import uvicorn

    sock = reuseport_socket(host, port)
    sock.listen(2048)
    config = uvicorn.Config(APP_FACTORY, factory=True, **uvicorn_options)
    uvicorn.Server(config).run(sockets=[sock])


def serve_processes(host: str, port: int, processes: int, **uvicorn_options: Any) -> None:
    """Run `processes` server processes on host:port until SIGINT or SIGTERM (see the module docstring)."""
    if not hasattr(socket, "SO_REUSEPORT"):
        import uvicorn

        uvicorn.run(APP_FACTORY, factory=True, workers=processes, host=host, port=port, **uvicorn_options)
        return
    holder = reuseport_socket(host, port)  # keeps the port (chosen here when 0); never listens, so gets no clients
    port = holder.getsockname()[1]
    context = multiprocessing.get_context("spawn")
    stopping = False

    def start() -> multiprocessing.Process:
        process = context.Process(target=_serve_one, args=(host, port, uvicorn_options), daemon=False)
        process.start()
        return process

    def stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    children = [start() for _ in range(processes)]
    restarts = 0
    try:
        while not stopping:
            for i, child in enumerate(children):
                if not child.is_alive() and not stopping:
                    restarts += 1
                    if restarts > MAX_RESTARTS:
                        raise RuntimeError(f"server processes died {restarts} times; last exit code {child.exitcode}")
                    children[i] = start()
            time.sleep(0.2)
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
        for child in children:
            child.join(timeout=15)
            if child.is_alive():
                child.kill()
                child.join()
        holder.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
