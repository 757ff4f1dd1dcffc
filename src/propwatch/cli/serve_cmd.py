"""``propwatch serve``: the REST API and the web UI in one server."""

from __future__ import annotations

import click

from propwatch.cli.common import db_option, run_safely

__all__ = ["serve_command"]


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-upload", default=None, type=click.IntRange(1), metavar="BYTES",
              help="Largest accepted upload (default 512 MiB, or $PROPWATCH_MAX_UPLOAD).")
def serve_command(db: str | None, host: str, port: int, max_upload: int | None) -> None:
    """Start the workspace: REST API (OpenAPI at /openapi.json, docs at /docs) and web UI.

    Create a first account with `propwatch users add NAME --role admin --password-stdin`.
    """

    def body() -> int:
        import uvicorn

        from propwatch.serve.app import create_app
        from propwatch.serve.settings import ServeSettings

        settings = ServeSettings(db=db)
        if max_upload:
            settings.max_upload_bytes = max_upload
        app = create_app(db, settings=settings)
        click.echo(f"propwatch workspace on http://{host}:{port}/  (Ctrl+C to stop)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return 0

    run_safely(body)
