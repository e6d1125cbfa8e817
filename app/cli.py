"""The `crossway` command.

Operational subcommands (migrate, export) print one JSON object on stdout;
human-facing ones (serve, seed) print readable text and show progress.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXPORTS = {"openapi": DOCS / "openapi.json", "schema": DOCS / "schema.graphql", "sdk": ROOT / "sdk"}


def _emit(payload: dict[str, Any]) -> None:
    click.echo(json.dumps(payload, sort_keys=True))


@click.group()
@click.version_option(package_name="crossway")
def main() -> None:
    """Crossway: one GraphQL-plus-REST server."""
    from app.platform.logging import configure_logging

    settings = Settings()
    # Logs go to stderr, so stdout carries only each command's JSON.
    configure_logging(settings.log_level, settings.log_json, once=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, workers: int, reload: bool) -> None:
    """Serve HTTP, GraphQL and WebSockets. On a new database: migrate and seed first."""
    import uvicorn

    from app.main import configure_process_logging

    settings = Settings()
    configure_process_logging(settings)
    for problem in settings.startup_problems():
        click.echo(f"Refusing to start: {problem}", err=True)
    if settings.startup_problems():
        sys.exit(2)
    if settings.auto_migrate:
        click.echo(f"Preparing the database ({_safe_url(settings.database_url)}) ...", err=True)
        asyncio.run(_prepare(settings))
        # The workers find the database at head; they need not migrate again.
        os.environ["CROSSWAY_AUTO_MIGRATE"] = "0"
    click.echo(f"Crossway on http://{host}:{port}  (GraphiQL: http://{host}:{port}/graphql, "
               f"REST docs: http://{host}:{port}/docs)", err=True)
    uvicorn.run(
        "app.main:create_app", factory=True, host=host, port=port, workers=None if reload else workers,
        reload=reload, log_config=None, access_log=False, proxy_headers=True,
    )


async def _prepare(settings: Settings) -> None:
    from app.bootstrap import prepare_database
    from app.runtime import Runtime

    runtime = Runtime.build(settings)
    try:
        await prepare_database(runtime)
    finally:
        await runtime.close()


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@main.command()
@click.option("--revision", default="head", show_default=True)
def migrate(revision: str) -> None:
    """Upgrade the database schema. Prints {"before", "after", "database"}."""
    from app import migrate as migrations
    from app.db import Database

    settings = Settings()

    async def run() -> tuple[str | None, str | None]:
        db = Database(settings.database_url)
        try:
            return await migrations.upgrade(db, revision)
        finally:
            await db.dispose()

    try:
        before, after = asyncio.run(run())
    except Exception as exc:  # report, in JSON, why it failed
        _emit({"ok": False, "error": f"{type(exc).__name__}: {exc}", "database": _safe_url(settings.database_url)})
        sys.exit(1)
    _emit({"ok": True, "before": before, "after": after, "database": _safe_url(settings.database_url)})


@main.command()
@click.argument("what", type=click.Choice(sorted(EXPORTS)))
@click.option("--out", type=click.Path(path_type=Path), help="Where to write (default: under docs/; for sdk, a folder: sdk/).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the committed file is out of date.")
def export(what: str, out: Path | None, check: bool) -> None:
    """Write a contract file: the OpenAPI document, the GraphQL SDL, or the client SDKs (under sdk/)."""
    from app.contracts import render_contract

    if what == "sdk":
        from app.sdk.build import export as export_sdk

        result = export_sdk(out or EXPORTS["sdk"], check=check)
        _emit(result)
        sys.exit(1 if check and not result["up_to_date"] else 0)

    target = out or EXPORTS[what]
    content = render_contract(what)
    current = target.read_text(encoding="utf-8") if target.exists() else None
    changed = current != content
    if check:
        _emit({"what": what, "path": str(target), "up_to_date": not changed})
        sys.exit(1 if changed else 0)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    _emit({"what": what, "path": str(target), "changed": changed})


@main.command()
@click.option("--runs", "count", default=100, show_default=True, type=click.IntRange(1, 1_000_000),
              help="How many runs (2-5 tiers, 5-20 phases each) to create.")
@click.option("--prefix", default="seed", show_default=True, help="Run ids are PREFIX-000000, PREFIX-000001, ...")
def seed(count: int, prefix: str) -> None:
    """Fill the database with realistic runs, with a progress bar."""
    from app.bootstrap import prepare_database
    from app.runtime import Runtime
    from app.seed import seed_runs

    settings = Settings(CROSSWAY_SEED_DEMO=False)

    async def run() -> int:
        runtime = Runtime.build(settings)
        try:
            await prepare_database(runtime)
            with click.progressbar(length=count, label="Seeding runs", file=sys.stderr) as bar:
                done = 0

                def advance(total: int) -> None:
                    nonlocal done
                    bar.update(total - done)
                    done = total

                return await seed_runs(runtime, count, prefix=prefix, progress=advance)
        finally:
            await runtime.close()

    created = asyncio.run(run())
    click.echo(f"Created {created} runs in {_safe_url(settings.database_url)}.")


@main.command()
def worker() -> None:
    """Deliver webhooks from the outbox (as many of these as you like; run the server with
    CROSSWAY_WEBHOOK_WORKER=0 to leave delivery to them)."""
    from app.main import configure_process_logging
    from app.runtime import Runtime

    settings = Settings()
    configure_process_logging(settings)

    async def run() -> None:
        runtime = Runtime.build(settings)
        click.echo("Delivering webhooks (Ctrl-C to stop) ...", err=True)
        try:
            await runtime.webhook_worker.run_forever()
        finally:
            await runtime.close()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)


def _register_admin_groups() -> None:
    from app.cli_admin import clients, credentials, hubs, keys, registry, users
    from app.cli_collab import collab
    from app.cli_delivery import delivery

    for group in (hubs, clients, keys, registry, users, credentials, collab, delivery):
        main.add_command(group)


_register_admin_groups()

if __name__ == "__main__":
    main()
