// The TypeScript client on a bad network, against tests/sdk/flapper.py (driven by
// tests/sdk/test_sdk_network.py): retries, typed network errors, timeouts, cancellation, headers.
import { ApiError, IhfClient, NetworkError, RequestTimeoutError } from "./ihf-client.js";

declare const process: { env: Record<string, string | undefined> };

// The proxy answers the connections in order: 503, drop, 504, pass (the read), 503 (the write),
// hang (the timeout), hang (the cancelled call).
const config = JSON.parse(process.env.IHF_NET ?? "{}") as { baseUrl: string; readerKey: string };

async function main(): Promise<Record<string, unknown>> {
  const waits: number[] = [];
  const sleep = async (seconds: number): Promise<void> => { waits.push(seconds); };
  const hub = new IhfClient({ baseUrl: config.baseUrl, apiKey: config.readerKey, sleep, retryBackoff: 0.1 });
  const page = await hub.listWidgets({}, { headers: { "X-Trace": "ts-net" } });
  const readRetries = waits.length;
  let postStatus = 0;
  try {
    await hub.registerWidget({ name: "no", widget_type: "button" });
  } catch (error) {
    if (error instanceof ApiError) postStatus = error.status;
  }
  const quick = new IhfClient({ baseUrl: config.baseUrl, apiKey: config.readerKey, sleep, maxRetries: 0 });
  let timedOut = false;
  try {
    await quick.listWidgets({}, { timeoutSeconds: 0.3 });
  } catch (error) {
    timedOut = error instanceof RequestTimeoutError;
  }
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  let aborted = "";
  try {
    await hub.listWidgets({}, { signal: controller.signal });
  } catch (error) {
    aborted = error instanceof NetworkError ? "network" : (error as Error).name;
  }
  return { ok: true, widgets: page.data.length, readRetries, postStatus, timedOut, aborted };
}

main().then(
  (summary) => console.log(JSON.stringify(summary)),
  (error: unknown) => console.log(JSON.stringify({ ok: false, error: String(error) })),
);
