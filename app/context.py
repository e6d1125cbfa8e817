"""RequestContext: what one request (REST call or GraphQL operation) works with.

Built once per request by the door. The session opens lazily on first use and
is committed only by the boundary (`finish`), never by a service. Loaders belong
to the context, built on first use, so their caches never outlive the request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import structlog

from app.auth.principal import ANONYMOUS, Principal
from app.clock import Clock
from app.db import SerializedSession

if TYPE_CHECKING:
    from app.loaders import Loaders
    from app.runtime import Runtime

log = structlog.get_logger("crossway.context")
T = TypeVar("T")


@dataclass
class RequestContext:
    runtime: Runtime
    principal: Principal = ANONYMOUS
    client_ip: str = "unknown"
    request_id: str = "-"
    _session: SerializedSession | None = None
    _after_commit: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # Per-request memo for look-ups several steps need (the active contract, registries).
    memo: dict[str, object] = field(default_factory=dict)
    _loaders: Loaders | None = None
    # Set by a door that commits nothing but one statement, run as the handler's last step (a REST call
    # that appends one event): that statement may then commit by itself (`write`), without a transaction.
    single_write: bool = False

    @property
    def loaders(self) -> Loaders:
        """Built on first use: most REST calls never batch, and building every domain's loaders costs."""
        if self._loaders is None:
            from app.loaders import Loaders

            self._loaders = Loaders(self)
        return self._loaders

    def reset_loaders(self) -> None:
        """Forget every loader's cache (a long-lived subscription context, before each emission)."""
        self._loaders = None

    @property
    def settings(self):  # noqa: ANN201 - Settings, kept lazy to avoid an import cycle
        return self.runtime.settings

    @property
    def clock(self) -> Clock:
        return self.runtime.clock

    @property
    def session(self) -> SerializedSession:
        if self._session is None:
            self._session = SerializedSession(self.runtime.db.sessionmaker())
        return self._session

    async def write(self, statement: Any, params: dict[str, Any]) -> list[Any]:
        """Run a write statement and return its rows (for repositories handed this method).

        When the door allows it (`single_write`) and the request has no session open, the statement runs
        alone and commits as it runs (app/autocommit.py): one round trip, no BEGIN/COMMIT, no ORM session.
        Only the first such write; anything else goes through the request's session and commits at the
        boundary.
        """
        if self.single_write and self._session is None and not self._after_commit:
            self.single_write = False
            return await self.runtime.db.autocommit.execute(statement, params)
        result = await self.session.execute(statement, params)
        return result.all() if result.returns_rows else []

    async def read(self, statement: Any, params: dict[str, Any]) -> list[Any]:
        """Rows of one read statement, indexable by position (a repository reads them by index).

        A request with no session open has nothing of its own to see: the statement then runs alone,
        outside any transaction (app/autocommit.py: one round trip, no BEGIN/COMMIT, no ORM session;
        one statement is its own consistent snapshot). Otherwise it runs in the request's session.
        """
        if self._session is None and not self._after_commit:
            return await self.runtime.db.autocommit.execute(statement, params)
        return (await self.session.execute(statement, params)).all()

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        """Run `action` once the request's changes are committed (events, files)."""
        self._after_commit.append(action)

    async def finish(self, *, commit: bool) -> None:
        """The boundary: commit (or roll back) and close; then run after-commit actions."""
        actions, self._after_commit = self._after_commit, []
        session, self._session = self._session, None
        if session is not None:
            try:
                if commit:
                    await session.commit()
                else:
                    await session.rollback()
            finally:
                await session.close()
        if commit:
            for action in actions:
                try:
                    await action()
                except Exception:  # the change is committed; report, do not fail the request
                    log.exception("after_commit_failed", request_id=self.request_id)


async def in_transaction(runtime: Runtime, action: Callable[[RequestContext], Awaitable[T]], *,
                         principal: Principal = ANONYMOUS, request_id: str = "-") -> T:
    """Run `action` in a context of its own and commit it (roll back if it raises): for work that is not
    a request, or that must be kept whatever the request does (the CLI, seeding, credential health)."""
    ctx = RequestContext(runtime=runtime, principal=principal, request_id=request_id)
    try:
        result = await action(ctx)
    except BaseException:
        await ctx.finish(commit=False)
        raise
    await ctx.finish(commit=True)
    return result
