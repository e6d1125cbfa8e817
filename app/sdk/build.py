"""The two client libraries, rendered from a request's live view or from reference data.

`render_live(ctx, language)` uses what a request sees: the live v2 document (registry enums
included) and the registries' active names. `export(root)` renders the same files from a
throwaway database seeded with the reference data only, so the committed packages under sdk/
are the same on every machine.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from app import __version__
from app.context import RequestContext
from app.domains.interactions.validation import active_names
from app.sdk.generator import REGISTRY_ALIASES, build_model, render_python, render_typescript

LANGUAGES = {"python": render_python, "typescript": render_typescript}
# Where `crossway export sdk` writes each language's generated module, under the sdk/ folder.
PACKAGE_FILES = {
    "python": Path("python/src/crossway_ihf_client/__init__.py"),
    "typescript": Path("typescript/src/index.ts"),
}


async def render_live(ctx: RequestContext, language: str) -> str:
    from app.rest.hub.openapi_live import live_document

    names = {kind: sorted(await active_names(ctx, kind)) for kind in REGISTRY_ALIASES}
    return LANGUAGES[language](build_model(await live_document(ctx), names), __version__)


async def render_reference() -> dict[str, str]:
    """Both modules, from a fresh database holding the reference data and nothing else."""
    from app.bootstrap import prepare_database
    from app.rest.registry import families
    from app.runtime import Runtime
    from app.settings import Settings

    families()  # registers every endpoint on its family, so the document is complete
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{folder}/reference.sqlite", redis_url=None,
                            seed_demo=False)
        runtime = Runtime.build(settings)
        try:
            await prepare_database(runtime, with_demo=False)
            ctx = RequestContext(runtime=runtime)
            try:
                return {language: await render_live(ctx, language) for language in LANGUAGES}
            finally:
                await ctx.finish(commit=False)
        finally:
            await runtime.close()


def export(root: Path, *, check: bool) -> dict[str, object]:
    """Write (or, with check, only compare) the generated modules under `root` (the sdk/ folder).
    Returns {"what", "path", "files": {relative path: changed}, and "up_to_date" or "changed"}."""
    import asyncio

    rendered = asyncio.run(render_reference())
    files: dict[str, bool] = {}
    for language, relative in PACKAGE_FILES.items():
        target = root / relative
        current = target.read_text(encoding="utf-8") if target.exists() else None
        files[str(relative)] = current != rendered[language]
        if not check and files[str(relative)]:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rendered[language], encoding="utf-8")
    changed = any(files.values())
    result: dict[str, object] = {"what": "sdk", "path": str(root), "files": files}
    result["up_to_date" if check else "changed"] = (not changed) if check else changed
    return result
