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
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each opens the database; SQLite allows one writer).")
@click.option("--concurrency", default=None, type=click.IntRange(1, 256),
              help="Interactive requests each process works on at once; the rest wait in "
                   "order (default: CPU cores / workers, at least 1; or "
                   "$PROPWATCH_CONCURRENCY).")  # fmt: skip
def serve_command(
    db: str | None, host: str, port: int, max_upload: int | None, workers: int,
    concurrency: int | None,
) -> None:
    """Start the workspace: REST API (OpenAPI at /openapi.json, docs at /docs) and web UI.

    Create a first account with `propwatch users add NAME --role admin --password-stdin`.
    """

    def body() -> int:
        import uvicorn

        from propwatch.serve.app import create_app
        from propwatch.serve.settings import ServeSettings

        click.echo(f"propwatch workspace on http://{host}:{port}/  (Ctrl+C to stop)", err=True)
        if workers > 1:  # each worker process builds its app from the environment
            import os

            if db:
                os.environ["PROPWATCH_DB"] = db
            if max_upload:
                os.environ["PROPWATCH_MAX_UPLOAD"] = str(max_upload)
            if concurrency:
                os.environ["PROPWATCH_CONCURRENCY"] = str(concurrency)
            os.environ["PROPWATCH_WORKERS"] = str(workers)  # cores are shared among them
            import shutil
            import tempfile

            from propwatch.serve.balance import BALANCE_ENV

            # the processes publish their connection counts here (propwatch.serve.balance);
            # PROPWATCH_BALANCE=0 leaves connections where they land
            balance_dir = tempfile.mkdtemp(prefix="propwatch-serve-")
            if os.environ.get("PROPWATCH_BALANCE", "1") != "0":
                os.environ[BALANCE_ENV] = balance_dir
            try:
                if os.environ.get("PROPWATCH_REUSE_PORT", "1") != "0":
                    from propwatch.serve.workers import run_workers

                    config = uvicorn.Config("propwatch.serve.app:create_app", factory=True,
                                            host=host, port=port, log_level="warning")  # fmt: skip
                    code = run_workers(config, workers)
                    if code is not None:
                        return code
                uvicorn.run("propwatch.serve.app:create_app", factory=True, host=host,
                            port=port, workers=workers, log_level="warning")  # fmt: skip
            finally:
                shutil.rmtree(balance_dir, ignore_errors=True)
            return 0
        settings = ServeSettings(db=db)
        if max_upload:
            settings.max_upload_bytes = max_upload
        if concurrency:
            settings.concurrency = concurrency
        app = create_app(db, settings=settings)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return 0

    run_safely(body)
