"""The naive server: the benchmark scenarios written the obvious way, with ORM objects and relations
loaded per row (N+1). Not part of Crossway; only for bench/run.py.

    uvicorn bench.naive_server:app --loop uvloop --http httptools --port 8102   (BENCH_DATABASE_URL set)
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import orjson
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Uuid, event, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

engine = create_async_engine(os.environ.get("BENCH_DATABASE_URL", "postgresql+asyncpg://localhost/none"),
                             pool_size=10)
Session = async_sessionmaker(engine, expire_on_commit=False)
STATEMENTS: dict[int, int] = {}


@event.listens_for(engine.sync_engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
    STATEMENTS[id(conn.info)] = STATEMENTS.get(id(conn.info), 0) + 1


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    state: Mapped[str] = mapped_column(String)
    safety_profile: Mapped[str] = mapped_column(String)
    run_scope: Mapped[str] = mapped_column(String)
    token_cap: Mapped[int] = mapped_column(Integer)
    tokens_used: Mapped[int] = mapped_column(Integer)
    ci_runs_used: Mapped[int] = mapped_column(Integer)
    minor_issues_count: Mapped[int] = mapped_column(Integer)
    major_issues_count: Mapped[int] = mapped_column(Integer)
    promotion_eligible_to_main: Mapped[bool] = mapped_column(Boolean)
    debt_status: Mapped[str | None] = mapped_column(String)
    failure_reason: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    tiers: Mapped[list[Tier]] = relationship(order_by="Tier.tier_index", lazy="select")
    phases: Mapped[list[Phase]] = relationship(order_by="Phase.phase_index", lazy="select")


class Tier(Base):
    __tablename__ = "tiers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id"))
    tier_id: Mapped[str] = mapped_column(String)
    tier_index: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String)
    state: Mapped[str] = mapped_column(String)
    cleanliness: Mapped[str] = mapped_column(String)
    minor_issues_count: Mapped[int] = mapped_column(Integer)
    major_issues_count: Mapped[int] = mapped_column(Integer)
    phases: Mapped[list[Phase]] = relationship(order_by="Phase.phase_index", lazy="select", viewonly=True)


class Phase(Base):
    __tablename__ = "phases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id"))
    tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"))
    phase_id: Mapped[str] = mapped_column(String)
    phase_index: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(String)
    state: Mapped[str] = mapped_column(String)
    task_category: Mapped[str | None] = mapped_column(String)
    complexity: Mapped[str | None] = mapped_column(String)
    builder_mode: Mapped[str | None] = mapped_column(String)
    scope: Mapped[dict | None] = mapped_column(JSON)
    intention_refs: Mapped[dict | None] = mapped_column(JSON)


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String)
    hub_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EventType(Base):
    __tablename__ = "event_type_registry"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)


class Event(Base):
    __tablename__ = "interaction_events"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    widget_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    hub_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    event_type: Mapped[str] = mapped_column(String)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    api_version: Mapped[str] = mapped_column(String)


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def reply(data: object, status: int, session) -> Response:  # noqa: ANN001
    count = sum(STATEMENTS.values())
    STATEMENTS.clear()
    return Response(orjson.dumps(data), status_code=status, media_type="application/json",
                    headers={"Server-Timing": f'db;desc="{count} queries"'})


def phase_json(p: Phase) -> dict:
    return {"id": p.id, "phase_id": p.phase_id, "run_id": p.run_id, "tier_id": p.tier_id, "name": p.name,
            "description": p.description, "state": p.state, "task_category": p.task_category,
            "complexity": p.complexity, "builder_mode": p.builder_mode, "phase_index": p.phase_index,
            "scope": p.scope, "intention_refs": p.intention_refs}


async def runs_page(request: Request) -> Response:
    limit = min(max(int(request.query_params.get("limit", 20)), 1), 100)
    async with Session() as session:
        total = len((await session.scalars(select(Run.id))).all())
        runs = (await session.scalars(select(Run).order_by(Run.created_at.desc(), Run.id.desc()).limit(limit))).all()
        items = []
        for run in runs:
            phases = await run.awaitable_attrs.phases
            current = next((p.name for p in phases if p.state in ("EXECUTING", "GATE", "CI_RUNNING")), None) or \
                next((p.name for p in phases if p.state == "QUEUED"), None)
            items.append({"id": run.id, "state": run.state, "created_at": iso(run.created_at),
                          "tokens_used": run.tokens_used, "token_cap": run.token_cap, "phases_total": len(phases),
                          "phases_completed": sum(p.state == "COMPLETE" for p in phases),
                          "current_phase_name": current})
        return reply({"runs": items, "total": total, "limit": limit, "offset": 0}, 200, session)


async def run_detail(request: Request) -> Response:
    async with Session() as session:
        run = await session.get(Run, request.path_params["run_id"])
        if run is None:
            return reply({"detail": "not found"}, 404, session)
        phases = [phase_json(p) for p in await run.awaitable_attrs.phases]
        tiers = []
        for tier in await run.awaitable_attrs.tiers:
            tier_phases = [phase_json(p) for p in await tier.awaitable_attrs.phases]
            tiers.append({"id": tier.id, "tier_id": tier.tier_id, "name": tier.name, "state": tier.state,
                          "tier_index": tier.tier_index, "cleanliness": tier.cleanliness,
                          "minor_issues_count": tier.minor_issues_count, "major_issues_count": tier.major_issues_count,
                          "phases": tier_phases})
        body = {"id": run.id, "state": run.state, "safety_profile": run.safety_profile, "run_scope": run.run_scope,
                "created_at": iso(run.created_at), "started_at": iso(run.started_at),
                "completed_at": iso(run.completed_at), "tokens_used": run.tokens_used, "ci_runs_used": run.ci_runs_used,
                "minor_issues_count": run.minor_issues_count, "major_issues_count": run.major_issues_count,
                "promotion_eligible_to_main": "true" if run.promotion_eligible_to_main else "false",
                "debt_status": run.debt_status, "failure_reason": run.failure_reason, "tiers": tiers, "phases": phases}
        return reply(body, 200, session)


async def graphql_runs(request: Request) -> Response:
    async with Session() as session:
        runs = (await session.scalars(select(Run).order_by(Run.created_at.desc(), Run.id.desc()).limit(100))).all()
        edges = []
        for run in runs:
            tiers = []
            for tier in await run.awaitable_attrs.tiers:
                phases = [{"phaseId": p.phase_id, "state": p.state} for p in await tier.awaitable_attrs.phases]
                tiers.append({"tierId": tier.tier_id, "state": tier.state, "phases": phases})
            edges.append({"node": {"id": run.id, "state": run.state, "tiers": tiers}})
        return reply({"data": {"runs": {"edges": edges}}}, 200, session)


async def _key(session, request: Request) -> ApiKey | None:  # noqa: ANN001
    digest = hashlib.sha256(request.headers.get("x-api-key", "").encode()).hexdigest()
    return (await session.scalars(select(ApiKey).where(ApiKey.key_hash == digest))).first()


async def submit_event(request: Request) -> Response:
    body = orjson.loads(await request.body())
    async with Session() as session:
        key = await _key(session, request)
        if key is None:
            return reply({"code": "unauthorized"}, 401, session)
        names = {t.name for t in (await session.scalars(select(EventType))).all() if t.status == "active"}
        if body["event_type"] not in names:
            return reply({"code": "unregistered_event_type"}, 422, session)
        now = datetime.now(UTC)
        row = Event(id=uuid.uuid4(), widget_id=uuid.UUID(body["widget_id"]), hub_id=key.hub_id,
                    event_type=body["event_type"], occurred_at=datetime.fromisoformat(body["occurred_at"].replace("Z", "+00:00")),
                    received_at=now, api_version="v2")
        session.add(row)
        await session.commit()
        return reply({"id": str(row.id), "widget_id": body["widget_id"], "event_type": row.event_type,
                      "occurred_at": iso(row.occurred_at)}, 201, session)


async def submit_batch(request: Request) -> Response:
    events = orjson.loads(await request.body())["events"]
    async with Session() as session:
        key = await _key(session, request)
        if key is None:
            return reply({"code": "unauthorized"}, 401, session)
        results = []
        for i, item in enumerate(events):
            known = (await session.scalars(select(EventType).where(EventType.name == item["event_type"]))).first()
            if known is None:
                results.append({"index": i, "status": "rejected"})
                continue
            row = Event(id=uuid.uuid4(), widget_id=uuid.UUID(item["widget_id"]), hub_id=key.hub_id,
                        event_type=item["event_type"], received_at=datetime.now(UTC), api_version="v2",
                        occurred_at=datetime.fromisoformat(item["occurred_at"].replace("Z", "+00:00")))
            session.add(row)
            results.append({"index": i, "status": "created", "id": str(row.id)})
        await session.commit()
        return reply({"results": results}, 200, session)


async def event_counts(request: Request) -> Response:
    until = datetime(2026, 3, 31, 12, tzinfo=UTC)
    async with Session() as session:
        rows = (await session.scalars(select(Event).where(Event.occurred_at >= until - timedelta(hours=24),
                                                          Event.occurred_at < until))).all()
        counts = Counter((e.occurred_at.replace(minute=0, second=0, microsecond=0), e.widget_id, e.event_type)
                         for e in rows)
        data = [{"bucketStart": k[0].isoformat(), "widgetId": str(k[1]), "eventType": k[2], "count": v}
                for k, v in sorted(counts.items())]
        return reply({"data": {"eventCounts": data}}, 200, session)


app = Starlette(routes=[
    Route("/runs", runs_page), Route("/runs/{run_id}", run_detail),
    Route("/graphql/runs", graphql_runs, methods=["POST"]), Route("/graphql/event-counts", event_counts, methods=["POST"]),
    Route("/api/v2/interaction-events", submit_event, methods=["POST"]),
    Route("/api/v2/interaction-events/batch", submit_batch, methods=["POST"]),
])
