"""Serve an app from a background thread on a free port of 127.0.0.1: for tests, benchmarks and screenshots."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any


def serve_in_background(app: Any, host: str = "127.0.0.1") -> tuple[str, Any]:
    """Start uvicorn on a free port; returns the base URL and the server (set ``should_exit`` to stop it)."""
    import uvicorn

    with socket.socket() as s:
        s.bind((host, 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started:
            break
        time.sleep(0.05)
    return f"http://{host}:{port}", server
