"""GET /admin/api: the API dashboard page for admins (an admin API key, or a superuser's token).

The page is drawn from the GraphQL `apiUsage` query, executed on the server with the
caller's own credentials, so the page and the query always agree.
"""

from __future__ import annotations

import html

from starlette.responses import HTMLResponse

from app.context import RequestContext
from app.domains.platform.usage import require_admin
from app.errors import AppError
from app.rest.control.family import control
from app.rest.endpoint import Call

USAGE_QUERY = """query ApiUsage($hours: Int!) {
  apiUsage(hours: $hours) { credential kind name requests errors errorRate lastSeen p50Ms p95Ms dailyQuota quotaUsed }
}"""

STYLE = """body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}
th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}
h2{margin-top:2rem}.chart text{font-size:12px}.muted{color:#777}"""


def _bars(rows: list[dict], field: str, label: str, fmt: str) -> str:
    if not rows:
        return ""
    top = max(float(r[field]) for r in rows) or 1.0
    height = 26 * len(rows) + 10
    bars = []
    for i, row in enumerate(rows):
        width = 400 * float(row[field]) / top
        y = 5 + 26 * i
        bars.append(
            f'<text x="0" y="{y + 15}">{html.escape(row["name"])}</text>'
            f'<rect x="220" y="{y}" width="{width:.1f}" height="20" fill="#4a7bd0"></rect>'
            f'<text x="{226 + width:.1f}" y="{y + 15}">{fmt.format(float(row[field]))}</text>'
        )
    return (f'<h2>{label}</h2><svg class="chart" data-chart="{field}" width="760" height="{height}" '
            f'role="img" aria-label="{label}">{"".join(bars)}</svg>')


@control.endpoint("GET", "/admin/api", tags=["admin"], responses={200: "HTML page", 401: "No credentials",
                                                                   403: "Not an admin"})
async def api_dashboard(ctx: RequestContext, call: Call):
    """The admin API dashboard: per API key and client over the last 24 hours."""
    require_admin(ctx)
    hours = int(call.request.query_params.get("hours", "24")) if call.request.query_params.get("hours", "24").isdigit() else 24
    result = await call.request.app.state.schema.execute(USAGE_QUERY, variable_values={"hours": hours},
                                                        context_value=ctx)
    if result.errors:
        original = result.errors[0].original_error
        if isinstance(original, AppError):
            raise original
        raise RuntimeError(result.errors[0].message)
    rows = result.data["apiUsage"]
    body = "".join(
        f'<tr data-credential="{html.escape(r["credential"])}">'
        f'<td class="name">{html.escape(r["name"])} <span class="muted">{html.escape(r["kind"])}</span></td>'
        f'<td class="requests">{r["requests"]}</td><td class="errors">{r["errors"]}</td>'
        f'<td class="error-rate">{100 * r["errorRate"]:.1f}%</td><td class="last-seen">{html.escape(r["lastSeen"])}</td>'
        f'<td class="p50">{r["p50Ms"]:.1f}</td><td class="p95">{r["p95Ms"]:.1f}</td>'
        f'<td class="quota">{100 * r["quotaUsed"]:.2f}% of {r["dailyQuota"]}</td></tr>'
        for r in rows
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>Crossway API usage</title>
<style>{STYLE}</style></head><body>
<h1>API usage, last {hours} hours</h1>
<p class="muted">Per API key and OAuth client, from the request log. Figures come from the GraphQL query below.</p>
<table id="usage"><thead><tr><th>Credential</th><th>Requests</th><th>Errors</th><th>Error rate</th><th>Last seen</th>
<th>p50 ms</th><th>p95 ms</th><th>Quota used</th></tr></thead><tbody>{body or '<tr><td colspan="8">No requests yet.</td></tr>'}</tbody></table>
{_bars(rows, "requests", "Requests", "{:.0f}")}
{_bars(rows, "p95Ms", "p95 latency (ms)", "{:.1f}")}
<h2>Query</h2><pre>{html.escape(USAGE_QUERY)}</pre>
</body></html>"""
    return HTMLResponse(page)
