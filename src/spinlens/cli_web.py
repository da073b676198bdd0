"""`spinlens serve`: the web app and REST API over a library (uvicorn)."""

from __future__ import annotations

import click

from spinlens.cli import _err, _library_option, main


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but localhost/127.0.0.1/::1 requires a token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="SPINLENS_TOKEN",
              help="Token every request must carry, at least 16 characters (or set SPINLENS_TOKEN).")
@click.option("--allow-private", is_flag=True, help="Let URL analysis fetch private, loopback and link-local addresses.")
@click.option("--workers", "-j", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Background analysis threads (per server process).")
@click.option("--processes", "-p", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes answering requests (use the number of cores for many concurrent users).")
@_library_option
def serve(host: str, port: int, token: str | None, allow_private: bool, workers: int, processes: int,
          library_path: str | None) -> None:
    """Open the web app and REST API (/api/v1, docs at /api/v1/docs) over the library."""
    import json
    import os

    import uvicorn

    from spinlens.store import Library
    from spinlens.web.app import SERVE_SETTINGS, create_app
    from spinlens.web.security import require_token_for

    token = require_token_for(host, token)
    with Library(library_path) as library:  # created and migrated once, before any server process opens it
        location = library.path
    if port == 0:  # choose the port now, so the address printed is the one served
        from spinlens.web.processes import free_port

        port = free_port(host)
    shown = f"[{host}]" if ":" in host else host
    _err.print(f"spinlens serving {location} on http://{shown}:{port}/"
               + (f" with {processes} processes" if processes > 1 else "")
               + (" (token required: open http://HOST:PORT/?token=... once, or send Authorization: Bearer)" if token else ""),
               highlight=False, soft_wrap=True)
    if processes == 1:
        app = create_app(library_path, token=token, allow_private=allow_private, workers=workers)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    from spinlens.web.processes import serve_processes

    os.environ[SERVE_SETTINGS] = json.dumps({"library": str(location), "token": token,
                                             "allow_private": allow_private, "workers": workers})
    serve_processes(host, port, processes, log_level="warning", server_header=False)
