"""Free ports on 127.0.0.1 for the servers of tests and benchmarks."""

from __future__ import annotations

import contextlib
import socket


def free_ports(count: int) -> list[int]:
    """count different free ports on 127.0.0.1: held open together, so that no two are the same
    (two free_port() calls in a row can return one port twice)."""
    with contextlib.ExitStack() as sockets:
        held = [sockets.enter_context(socket.socket()) for _ in range(count)]
        for sock in held:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in held]


def free_port() -> int:
    return free_ports(1)[0]
