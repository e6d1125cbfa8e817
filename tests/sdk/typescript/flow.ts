// The v2 flow through the downloaded TypeScript client, against a live server started by
// tests/sdk/test_typescript_sdk.py. Compiled with tsc --strict next to ./ihf-client.ts.
import {
  ApiError, EVENT_TYPES, IhfClient, verifySignature, verifyStandardWebhook, type EventType,
} from "./ihf-client.js";

declare const process: { env: Record<string, string | undefined> };

interface FlowConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  readerKey: string;
  limitedKey: string;
  webhook: { secret: string; body: string; header: string; whsec: string; headers: Record<string, string> };
}

const config = JSON.parse(process.env.IHF_FLOW ?? "{}") as FlowConfig;
// Registered just before this client was downloaded: a compile error if the download missed it.
const fresh: EventType = "sdk_ts_checked";

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`check failed: ${message}`);
}

async function main(): Promise<Record<string, unknown>> {
  let tokenCalls = 0;
  const counting: typeof fetch = (input, init) => {
    if (String(input).endsWith("/api/v2/token")) tokenCalls += 1;
    return fetch(input, init);
  };
  const hub = new IhfClient({ baseUrl: config.baseUrl, clientId: config.clientId, clientSecret: config.clientSecret, fetch: counting });
  const widget = await hub.registerWidget({ name: "ts-button", widget_type: "button" });
  const created = await hub.submitEvent({ widget_id: widget.id, event_type: fresh, occurred_at: "2026-01-01T10:00:00Z" });
  check(created.event_type === fresh, "event submitted with the new type");
  const batch = await hub.submitBatch({
    events: [1, 2, 3].map((i) => ({ widget_id: widget.id, event_type: "viewed", occurred_at: `2026-01-01T10:0${i}:00Z` })),
  });
  check(batch.created === 3 && batch.rejected === 0, "batch created three");
  const page = await hub.listEvents({ widget_id: widget.id, limit: 2 });
  check(page.data.length === 2 && page.has_more && page.next_cursor !== null, "first page");
  const seen: string[] = [];
  for await (const event of hub.iterEvents({ widget_id: widget.id, limit: 2 })) seen.push(event.id);
  check(seen.length === 4 && new Set(seen).size === 4, "iterated every page");
  check(tokenCalls === 1, `one token for the whole flow (got ${tokenCalls})`);

  // A token within renewBefore of expiry is replaced before each call.
  const renewing = new IhfClient({ baseUrl: config.baseUrl, clientId: config.clientId, clientSecret: config.clientSecret,
                                   renewBefore: 1e9, fetch: counting });
  await renewing.listWidgets();
  await renewing.listWidgets();
  check(tokenCalls === 3, `renewed before expiry (got ${tokenCalls})`);

  let unregistered: ApiError | null = null;
  try {
    await hub.submitEvent({ widget_id: widget.id, event_type: "not_a_type" as EventType, occurred_at: "2026-01-01T10:00:00Z" });
  } catch (error) {
    if (error instanceof ApiError) unregistered = error;
  }
  check(unregistered !== null && unregistered.status === 422, "422 raised as ApiError");
  check(unregistered?.code === "unregistered_event_type" && unregistered.registry === "/api/v2/event-types", "code and registry");

  const reader = new IhfClient({ baseUrl: config.baseUrl, apiKey: config.readerKey });
  const names: string[] = [];
  for await (const w of reader.iterWidgets()) names.push(w.name);
  check(names.includes("ts-button"), "API key lists widgets");

  const waits: number[] = [];
  const limited = new IhfClient({ baseUrl: config.baseUrl, apiKey: config.limitedKey, maxRetries: 2,
                                  sleep: async (seconds) => { waits.push(seconds); } });
  await limited.listWidgets();
  let rateLimited: ApiError | null = null;
  try {
    await limited.listWidgets();
  } catch (error) {
    if (error instanceof ApiError) rateLimited = error;
  }
  check(rateLimited?.status === 429 && rateLimited.code === "rate_limited", "429 after retries");
  check(waits.length === 2 && waits.every((w) => w > 0 && w <= 61), `waited Retry-After twice (${waits})`);

  const { secret, body, header, whsec, headers } = config.webhook;
  const webhooks = {
    signed: await verifySignature(secret, body, header),
    tampered: await verifySignature(secret, body.replace("}", " }"), header),
    standardSigned: await verifyStandardWebhook(whsec, headers, body),
    standardTampered: await verifyStandardWebhook(whsec, headers, body + " "),
    standardBytes: await verifyStandardWebhook(whsec, new Headers(headers), new TextEncoder().encode(body)),
  };
  return { ok: true, eventTypes: EVENT_TYPES.length, events: seen.length, waits, webhooks };
}

main().then(
  (summary) => console.log(JSON.stringify(summary)),
  (error: unknown) => {
    console.log(JSON.stringify({ ok: false, error: String(error instanceof Error ? error.stack : error) }));
  },
);
