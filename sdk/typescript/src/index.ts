/**
 * TypeScript client for the Crossway interaction hub API v2 (generated; version 0.1.0).
 *
 *     import { IhfClient } from "@crossway/ihf-client";
 *     const hub = new IhfClient({ baseUrl: "https://hub.example", clientId: "...", clientSecret: "..." });
 *     const widget = await hub.registerWidget({ name: "pay-button", widget_type: "button" });
 *     await hub.submitEvent({ widget_id: widget.id, event_type: "clicked", occurred_at: new Date().toISOString() });
 *     for await (const event of hub.iterEvents({ widget_id: widget.id })) console.log(event.event_type);
 *
 * Generated from the server's OpenAPI document and its registries: the union types below list
 * the names that were active when this file was produced. Download /api/v2/sdk/ihf-client.ts
 * again to pick up newly registered names. No runtime dependencies: fetch and Web Crypto.
 *
 * A bad network is expected: 429, 502, 503 and 504 answers and failed connections are retried with
 * backoff, each request has a timeout (`timeoutSeconds`, default 30), and every call takes a last
 * argument `{ headers, signal, timeoutSeconds }` (an Idempotency-Key, an AbortSignal to cancel it).
 * A call that gets no answer throws `NetworkError` (`RequestTimeoutError` when the time ran out).
 */

export const VERSION = "0.1.0";

// --- registries ------------------------------------------------------------------------------

/** Active names of the event-type registry. */
export const EVENT_TYPES = ["abandoned", "accepted_recommendation", "blocked_by_policy", "clicked", "commented", "escalated", "failed", "flagged_confusing", "flagged_helpful", "focused", "rejected_recommendation", "retried", "submitted", "viewed"] as const;
export type EventType =
  | "abandoned"
  | "accepted_recommendation"
  | "blocked_by_policy"
  | "clicked"
  | "commented"
  | "escalated"
  | "failed"
  | "flagged_confusing"
  | "flagged_helpful"
  | "focused"
  | "rejected_recommendation"
  | "retried"
  | "submitted"
  | "viewed";

/** Active names of the widget-type registry. */
export const WIDGET_TYPES = ["button", "card", "chart", "form", "input", "list", "modal", "navigation", "recommendation", "search", "table"] as const;
export type WidgetType =
  | "button"
  | "card"
  | "chart"
  | "form"
  | "input"
  | "list"
  | "modal"
  | "navigation"
  | "recommendation"
  | "search"
  | "table";

/** Active names of the annotation-category registry. */
export const ANNOTATION_CATEGORIES = ["accessibility", "bug", "confusing", "content", "helpful", "performance", "suggestion"] as const;
export type AnnotationCategory =
  | "accessibility"
  | "bug"
  | "confusing"
  | "content"
  | "helpful"
  | "performance"
  | "suggestion";

/** Active names of the policy-scope registry. */
export const POLICY_SCOPES = ["confidential", "internal", "public", "restricted"] as const;
export type PolicyScope =
  | "confidential"
  | "internal"
  | "public"
  | "restricted";

// --- schemas ---------------------------------------------------------------------------------

/** An annotation on a widget. `category` must be an active annotation category. */
export interface AnnotationIn {
  widget_id: string;
  category: AnnotationCategory;
  body?: string | null;
  actor_id?: string | null;
  actor_type?: string | null;
  event_id?: string | null;
  metadata?: Record<string, unknown> | null;
}

export interface AnnotationOut {
  id: string;
  widget_id: string;
  hub_id: string;
  category: "accessibility" | "bug" | "confusing" | "content" | "helpful" | "performance" | "suggestion";
  body: string | null;
  actor_id: string | null;
  actor_type: string | null;
  event_id: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

export interface AnnotationPage {
  data: Array<AnnotationOut>;
  next_cursor: string | null;
  has_more: boolean;
}

export interface AuditEntryOut {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  tenant: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  data: Array<AuditEntryOut>;
}

export interface BatchItemResult {
  index: number;
  status: "created" | "duplicate" | "rejected";
  id?: string | null;
  error?: Record<string, unknown> | null;
}

export interface BatchResult {
  created: number;
  duplicates: number;
  rejected: number;
  results: Array<BatchItemResult>;
}

export interface ClientCreated {
  client_id: string;
  /** Shown once; only its hash is stored. */
  client_secret: string;
  scopes: string;
}

export interface ClientIn {
  name: string;
  hub?: string | null;
  /** Space-separated; default: the hub scopes, or hub:read */
  scopes?: string | null;
  rate_per_minute?: number | null;
  daily_quota?: number | null;
}

export interface ContractOut {
  name: string;
  contract_version: string;
  status: string;
  required_fields: Array<string>;
  actor_types: Array<string>;
  max_metadata_bytes: number;
}

export interface CredentialChanged {
  credential: CredentialView;
  /** After rotate: the new secret, shown once; only its hash is kept. */
  secret?: string | null;
}

export interface CredentialList {
  data: Array<CredentialView>;
}

/** One credential as admins see it: never its secret or hash. */
export interface CredentialView {
  kind: string;
  id: string;
  name?: string | null;
  status: string;
  tenant?: string | null;
  scopes?: Array<string>;
  created_at?: string | null;
  last_used_at?: string | null;
  expires_at?: string | null;
  overlap_ends_at?: string | null;
}

export interface DecisionRecordOut {
  id: string;
  requirement_candidate_id: string;
  hub_id: string;
  decision: string;
  rationale: string | null;
  decided_by: string | null;
  decided_at: string;
}

export interface DecisionRecordPage {
  data: Array<DecisionRecordOut>;
  next_cursor: string | null;
  has_more: boolean;
}

export interface DeliveryList {
  data: Array<DeliveryOut>;
}

export interface DeliveryOut {
  id: string;
  outbox_id: string;
  attempt: number;
  status_code: number | null;
  outcome: string;
  error: string | null;
  duration_ms: number;
  attempted_at: string;
}

export interface DeploymentRecordOut {
  id: string;
  decision_record_id: string;
  hub_id: string;
  widget_id: string | null;
  widget_version: number | null;
  environment: string;
  deployed_at: string;
}

export interface DeploymentRecordPage {
  data: Array<DeploymentRecordOut>;
  next_cursor: string | null;
  has_more: boolean;
}

export interface EventBatchIn {
  /** Up to 1,000 events, each validated on its own. */
  events: Array<Record<string, unknown>>;
}

/** One interaction event. `event_type` must be an active entry of the event type registry. */
export interface EventIn {
  widget_id: string;
  event_type: EventType;
  /** ISO 8601; a time without offset is taken as UTC. */
  occurred_at: string;
  actor_id?: string | null;
  /** One of the active contract's actor types. */
  actor_type?: string | null;
  view_context_ref?: string | null;
  metadata?: Record<string, unknown> | null;
  /** Makes a retried submission a no-op instead of a duplicate. */
  client_event_id?: string | null;
}

export interface EventOut {
  id: string;
  widget_id: string;
  hub_id: string;
  event_type: "abandoned" | "accepted_recommendation" | "blocked_by_policy" | "clicked" | "commented" | "escalated" | "failed" | "flagged_confusing" | "flagged_helpful" | "focused" | "rejected_recommendation" | "retried" | "submitted" | "viewed";
  occurred_at: string;
  received_at: string;
  actor_id: string | null;
  actor_type: string | null;
  view_context_ref: string | null;
  metadata: Record<string, unknown> | null;
  client_event_id: string | null;
}

export interface EventPage {
  data: Array<EventOut>;
  next_cursor: string | null;
  has_more: boolean;
}

export interface HubCreated {
  hub_id: string;
  slug: string;
  name: string;
  /** The hub's v1 key. Shown once; only its hash is stored. */
  api_key: string;
}

export interface HubIn {
  slug: string;
  name: string;
  domain?: string | null;
}

export interface KeyCreated {
  key_id: string;
  key_prefix: string;
  /** Shown once; only its hash is stored. */
  api_key: string;
  scopes: string;
}

export interface KeyIn {
  name: string;
  hub?: string | null;
  /** Space-separated; default: the hub scopes, or hub:read */
  scopes?: string | null;
  rate_per_minute?: number | null;
  daily_quota?: number | null;
}

export interface KeyRevoked {
  key_id: string;
  revoked_at: string;
}

export interface ManifestIn {
  event_types?: Array<string>;
  widget_types?: Array<string>;
}

export interface ManifestOut {
  id: string;
  hub_id: string;
  version: number;
  status: string;
  event_types: Array<string>;
  widget_types: Array<string>;
  created_at: string;
}

export interface OAuthError {
  /** RFC 6749: invalid_client, invalid_scope, invalid_request, unsupported_grant_type */
  error: string;
  error_description?: string | null;
}

export interface OutcomeSignalOut {
  id: string;
  deployment_record_id: string;
  hub_id: string;
  metric: string;
  value: number;
  baseline: number | null;
  recorded_at: string;
}

export interface OutcomeSignalPage {
  data: Array<OutcomeSignalOut>;
  next_cursor: string | null;
  has_more: boolean;
}

export interface RegistryEntryIn {
  name: string;
  description?: string | null;
  /** Owner hub slug; none for framework entries. */
  hub?: string | null;
}

export interface RegistryEntryOut {
  name: string;
  description: string | null;
  status: string;
  owner_hub_id: string | null;
  created_at: string;
}

export interface RegistryList {
  data: Array<RegistryEntryOut>;
}

export interface RequirementCandidateOut {
  id: string;
  hub_id: string;
  widget_id: string | null;
  title: string;
  description: string | null;
  source_annotation_ids: Array<string>;
  status: string;
  created_at: string;
}

export interface RequirementCandidatePage {
  data: Array<RequirementCandidateOut>;
  next_cursor: string | null;
  has_more: boolean;
}

export interface SubscriptionCreated {
  id: string;
  topic: string;
  url: string;
  hub_id: string | null;
  active: boolean;
  created_at: string;
  /** Signs every delivery. Shown once; keep it. */
  secret: string;
}

export interface SubscriptionIn {
  /** One of the lifecycle topics: widget.registered, annotation.created, requirement_candidate.created, decision_record.created, deployment_record.created, outcome_signal.recorded, feature.created, feature.status_changed, test.completed, build.completed, deployment.started, deployment.completed, vulnerability.detected */
  topic: string;
  url: string;
  /** Admins: the hub whose events to receive (none: every hub) */
  hub?: string | null;
}

export interface SubscriptionList {
  data: Array<SubscriptionOut>;
}

export interface SubscriptionOut {
  id: string;
  topic: string;
  url: string;
  hub_id: string | null;
  active: boolean;
  created_at: string;
}

export interface TokenResponse {
  /** A JWT signed with a key published at /api/auth/.well-known/jwks.json */
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

/** Register a widget for the caller's hub; registering the same name again makes a new version. */
export interface WidgetIn {
  name: string;
  widget_type: WidgetType;
  capability_ref?: string | null;
  view_context?: string | null;
  policy_scope?: PolicyScope;
  status?: "active" | "deprecated";
  /** Hub slug; only admins register for another hub. */
  hub?: string | null;
}

export interface WidgetOut {
  id: string;
  hub_id: string;
  name: string;
  widget_type: "button" | "card" | "chart" | "form" | "input" | "list" | "modal" | "navigation" | "recommendation" | "search" | "table";
  capability_ref: string | null;
  view_context: string | null;
  policy_scope: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WidgetPage {
  data: Array<WidgetOut>;
  next_cursor: string | null;
  has_more: boolean;
}

// --- errors ----------------------------------------------------------------------------------

export interface FieldError {
  field: string;
  message: string;
}

/** A refusal from the server: `code`, `message` and, when the server says so, `registry` (an
 * unregistered value), `field`, `errors` (field problems) and `requiredScope`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly registry: string | null;
  readonly field: string | null;
  readonly help: string | null;
  readonly requiredScope: string | null;
  readonly errors: FieldError[];
  readonly retryAfter: number | null;
  readonly body: unknown;

  constructor(status: number, body: unknown, headers: Headers) {
    const data: Record<string, unknown> =
      typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const text = (key: string): string | null => (typeof data[key] === "string" ? (data[key] as string) : null);
    const code = text("code") ?? text("error") ?? `http_${status}`;
    const message = text("message") ?? text("error_description") ?? text("error") ??
      (typeof body === "string" && body ? body : `HTTP ${status}`);
    super(`${status} ${code}: ${message}`);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.registry = text("registry");
    this.field = text("field");
    this.help = text("help");
    this.requiredScope = text("required_scope");
    this.errors = Array.isArray(data.errors)
      ? (data.errors as Array<Record<string, unknown>>).map((e) => ({ field: String(e.field ?? ""), message: String(e.message ?? "") }))
      : [];
    this.retryAfter = retryAfterOf(headers);
    this.body = body;
  }

  /** 429 after the retries ran out (or when Retry-After is longer than `maxRetryWait`). */
  get rateLimited(): boolean {
    return this.status === 429;
  }
}

/** No answer came back: the connection failed or broke (`cause` is what fetch threw). */
export class NetworkError extends Error {
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string, message: string, cause?: unknown) {
    super(`${method} ${url}: ${message}`, { cause });
    this.name = "NetworkError";
    this.method = method;
    this.url = url;
  }
}

/** No complete answer within the timeout. */
export class RequestTimeoutError extends NetworkError {
  constructor(method: string, url: string, seconds: number) {
    super(method, url, `no answer within ${seconds} s`);
    this.name = "RequestTimeoutError";
  }
}

/** Per-call options, the last argument of every method. */
export interface CallOptions {
  /** Extra request headers, e.g. `{ "Idempotency-Key": "..." }` (which also lets a POST be retried). */
  headers?: Record<string, string>;
  /** Cancels the call (and its retries); the AbortError is thrown as is. */
  signal?: AbortSignal;
  /** This call's timeout, per attempt, in seconds. */
  timeoutSeconds?: number;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

function retryAfterOf(headers: Headers): number | null {
  const value = headers.get("retry-after");
  if (value === null) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

// --- webhooks --------------------------------------------------------------------------------

const encoder = new TextEncoder();

function bytesOf(body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const source = typeof body === "string" ? encoder.encode(body) : body;
  const copy = new Uint8Array(new ArrayBuffer(source.length));
  copy.set(source);
  return copy;
}

async function hmacSha256(key: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const cryptoKey = await globalThis.crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", cryptoKey, message));
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ (right[i % Math.max(right.length, 1)] ?? 0);
  return difference === 0;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text);
    const out = new Uint8Array(new ArrayBuffer(binary.length));
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Check `X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the
 * subscription's secret string. Pass the body exactly as received. */
export async function verifySignature(secret: string, body: string | Uint8Array, header: string | null | undefined): Promise<boolean> {
  if (!header || !header.startsWith("sha256=")) return false;
  const expected = toHex(await hmacSha256(bytesOf(secret), bytesOf(body)));
  return constantTimeEqual(expected, header.slice("sha256=".length).trim().toLowerCase());
}

export type HeaderSource = Headers | Record<string, string | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name && value !== undefined) return value;
  return null;
}

/** Check the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the base64-decoded part of a
 * `whsec_...` secret). Timestamps further than `toleranceSeconds` from now are refused (null: no check). */
export async function verifyStandardWebhook(
  secret: string, headers: HeaderSource, body: string | Uint8Array,
  options: { toleranceSeconds?: number | null; now?: number } = {},
): Promise<boolean> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  const key = fromBase64(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret);
  if (key === null) return false;
  const tolerance = options.toleranceSeconds === undefined ? 300 : options.toleranceSeconds;
  const now = options.now ?? Date.now() / 1000;
  if (tolerance !== null && Math.abs(now - Number(timestamp)) > tolerance) return false;
  const raw = bytesOf(body);
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(new ArrayBuffer(prefix.length + raw.length));
  signed.set(prefix);
  signed.set(raw, prefix.length);
  const expected = toBase64(await hmacSha256(key, signed));
  let valid = false;
  for (const candidate of signatures.split(" ")) {
    const comma = candidate.indexOf(",");
    if (comma > 0 && candidate.slice(0, comma) === "v1" && constantTimeEqual(expected, candidate.slice(comma + 1))) valid = true;
  }
  return valid;
}

// --- the client ------------------------------------------------------------------------------

export interface IhfClientOptions {
  baseUrl: string;
  /** OAuth client credentials: a token is fetched, and renewed `renewBefore` seconds before it expires. */
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  /** An API key (ihf_...), sent as X-API-Key. */
  apiKey?: string;
  /** A ready access token. */
  accessToken?: string;
  /** How many times a 429, 502, 503, 504 or failed connection is retried (default 3). 502-504 and broken
   * connections are retried only for GET, PUT, DELETE and calls with an Idempotency-Key header; a
   * connection that could not be made, and a 429, for every call. */
  maxRetries?: number;
  /** The first wait when the server gives no Retry-After, in seconds (default 0.5); doubled each time. */
  retryBackoff?: number;
  /** Each attempt's timeout in seconds (default 30). */
  timeoutSeconds?: number;
  /** The longest Retry-After, in seconds, worth waiting for (default 120); longer ones fail at once. */
  maxRetryWait?: number;
  renewBefore?: number;
  fetch?: typeof fetch;
  sleep?: (seconds: number) => Promise<void>;
}

interface SendOptions {
  query?: Record<string, string | number | boolean | null | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  authenticated?: boolean;
  basic?: boolean;
  jsonBody?: boolean;
  call?: CallOptions;
  replayable?: boolean;
}

export class IhfClient {
  readonly baseUrl: string;
  private readonly options: IhfClientOptions;
  private readonly maxRetries: number;
  private readonly maxRetryWait: number;
  private readonly retryBackoff: number;
  private readonly timeoutSeconds: number;
  private readonly renewBefore: number;
  private readonly fetcher: typeof fetch;
  private readonly sleep: (seconds: number) => Promise<void>;
  private token: string | null;
  private tokenExpires: number | null = null;

  constructor(options: IhfClientOptions) {
    if ((options.clientId === undefined) !== (options.clientSecret === undefined)) {
      throw new Error("clientId and clientSecret go together");
    }
    this.options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryWait = options.maxRetryWait ?? 120;
    this.retryBackoff = options.retryBackoff ?? 0.5;
    this.timeoutSeconds = options.timeoutSeconds ?? 30;
    this.renewBefore = options.renewBefore ?? 30;
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? ((seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)));
    this.token = options.accessToken ?? null;
  }

  /** Exchange the client credentials for an access token (client_secret_basic) and keep it. */
  async issueToken(scope?: string): Promise<TokenResponse> {
    const form: Record<string, string> = { grant_type: "client_credentials" };
    const wanted = scope ?? this.options.scope;
    if (wanted) form.scope = wanted;
    const issued = (await this.send("POST", "/api/v2/token", { form, basic: true, replayable: true })) as TokenResponse;
    this.token = issued.access_token;
    this.tokenExpires = Date.now() / 1000 + issued.expires_in;
    return issued;
  }

  private usesClientCredentials(): boolean {
    return this.options.clientId !== undefined;
  }

  private tokenFresh(): boolean {
    if (this.token === null) return false;
    return this.tokenExpires === null || Date.now() / 1000 < this.tokenExpires - this.renewBefore;
  }

  private async authHeaders(): Promise<Record<string, string>> {
    if (this.usesClientCredentials() && !this.tokenFresh()) await this.issueToken();
    if (this.token !== null) return { Authorization: `Bearer ${this.token}` };
    if (this.options.apiKey !== undefined) return { "X-API-Key": this.options.apiKey };
    return {};
  }

  private async send(method: string, path: string, options: SendOptions = {}): Promise<unknown> {
    let url = this.baseUrl + path;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) query.append(key, String(value));
    }
    if ([...query.keys()].length > 0) url += `?${query.toString()}`;
    const call = options.call ?? {};
    const replayable = options.replayable ?? (IDEMPOTENT_METHODS.has(method) ||
      Object.keys(call.headers ?? {}).some((name) => name.toLowerCase() === "idempotency-key"));
    let attempt = 0;
    let renewed = false;
    for (;;) {
      const headers: Record<string, string> = { Accept: "application/json" };
      if (options.authenticated) Object.assign(headers, await this.authHeaders());
      if (options.basic) headers.Authorization = `Basic ${btoa(`${this.options.clientId ?? ""}:${this.options.clientSecret ?? ""}`)}`;
      let body: string | undefined;
      if (options.json !== undefined) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(options.json);
      } else if (options.form !== undefined) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(options.form).toString();
      }
      Object.assign(headers, call.headers ?? {});
      const seconds = call.timeoutSeconds ?? this.timeoutSeconds;
      let response: Response;
      try {
        response = await this.attempt(url, { method, headers, body }, seconds, call.signal);
      } catch (error) {
        if (call.signal?.aborted) throw error;
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        // fetch does not say whether a failed request reached the server, so only calls that may be
        // sent twice are retried after a network failure.
        if (replayable && attempt < this.maxRetries) {
          await this.sleep(this.backoff(attempt));
          attempt += 1;
          continue;
        }
        if (timedOut) throw new RequestTimeoutError(method, url, seconds);
        throw new NetworkError(method, url, error instanceof Error ? error.message : String(error), error);
      }
      if (response.status === 401 && options.authenticated && this.usesClientCredentials() && !renewed) {
        renewed = true;
        this.token = null;
        await response.body?.cancel();
        continue;
      }
      if (RETRY_STATUSES.has(response.status) && attempt < this.maxRetries && (response.status === 429 || replayable)) {
        const wait = retryAfterOf(response.headers) ?? this.backoff(attempt);
        if (wait <= this.maxRetryWait) {
          attempt += 1;
          await response.body?.cancel();
          await this.sleep(wait);
          continue;
        }
      }
      const text = await response.text();
      if (!response.ok) {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        throw new ApiError(response.status, parsed, response.headers);
      }
      if (options.jsonBody === false) return text;
      return text ? JSON.parse(text) : null;
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxRetryWait, this.retryBackoff * 2 ** attempt) * (0.5 + Math.random() / 2);
  }

  /** One fetch, aborted after `seconds` or when the caller's signal fires. */
  private async attempt(url: string, init: RequestInit, seconds: number, signal?: AbortSignal): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), seconds * 1000);
    const forward = (): void => controller.abort(signal?.reason);
    if (signal?.aborted) forward();
    signal?.addEventListener("abort", forward, { once: true });
    try {
      const response = await this.fetcher(url, { ...init, signal: controller.signal });
      // The body is read by the caller within the same time limit.
      const text = await response.text();
      const empty = [101, 204, 205, 304].includes(response.status);
      return new Response(empty ? null : text, { status: response.status, headers: response.headers });
    } catch (error) {
      if (controller.signal.aborted && !signal?.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  }

  /** Register an event type, widget type, annotation category or policy scope (POST /api/v2/admin/registry/{registry}) */
  async adminAddRegistryEntry(registry: string, body: RegistryEntryIn, call: CallOptions = {}): Promise<RegistryEntryOut> {
    return (await this.send("POST", `/api/v2/admin/registry/${encodeURIComponent(registry)}`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as RegistryEntryOut;
  }

  /** Create an OAuth client (client credentials); the secret is shown once. (POST /api/v2/admin/clients) */
  async adminCreateClient(body: ClientIn, call: CallOptions = {}): Promise<ClientCreated> {
    return (await this.send("POST", `/api/v2/admin/clients`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as ClientCreated;
  }

  /** Create a hub and its v1 key. (POST /api/v2/admin/hubs) */
  async adminCreateHub(body: HubIn, call: CallOptions = {}): Promise<HubCreated> {
    return (await this.send("POST", `/api/v2/admin/hubs`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as HubCreated;
  }

  /** Create an API key; the key is shown once. (POST /api/v2/admin/keys) */
  async adminCreateKey(body: KeyIn, call: CallOptions = {}): Promise<KeyCreated> {
    return (await this.send("POST", `/api/v2/admin/keys`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as KeyCreated;
  }

  /** `action`: disable, enable, revoke or rotate. A rotation answers the new secret once; the previous (POST /api/v2/admin/credentials/{kind}/{ident}/{action}) */
  async adminCredentialsChangeCredential(kind: string, ident: string, action: string, call: CallOptions = {}): Promise<CredentialChanged> {
    return (await this.send("POST", `/api/v2/admin/credentials/${encodeURIComponent(kind)}/${encodeURIComponent(ident)}/${encodeURIComponent(action)}`, {
      authenticated: true,
      jsonBody: true,
      call,
    })) as CredentialChanged;
  }

  /** Every credential of a kind (secrets and hashes never appear). (GET /api/v2/admin/credentials/{kind}) */
  async adminCredentialsListCredentials(kind: string, query: {
    tenant?: string | null;
  } = {}, call: CallOptions = {}): Promise<CredentialList> {
    return (await this.send("GET", `/api/v2/admin/credentials/${encodeURIComponent(kind)}`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as CredentialList;
  }

  /** Changes to credentials, registry entries and manifests, newest first. (GET /api/v2/admin/audit-log) */
  async adminCredentialsReadAuditLog(query: {
    kind?: string | null;
    subject?: string | null;
    tenant?: string | null;
    before?: number | null;
    limit?: number | null;
  } = {}, call: CallOptions = {}): Promise<AuditPage> {
    return (await this.send("GET", `/api/v2/admin/audit-log`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as AuditPage;
  }

  /** Retire a registry entry: submissions naming it are refused from now on. (DELETE /api/v2/admin/registry/{registry}/{name}) */
  async adminCredentialsRetireRegistryEntry(registry: string, name: string, call: CallOptions = {}): Promise<RegistryEntryOut> {
    return (await this.send("DELETE", `/api/v2/admin/registry/${encodeURIComponent(registry)}/${encodeURIComponent(name)}`, {
      authenticated: true,
      jsonBody: true,
      call,
    })) as RegistryEntryOut;
  }

  /** One credential: its status, tenant, scopes and any rotation overlap. (GET /api/v2/admin/credentials/{kind}/{ident}) */
  async adminCredentialsShowCredential(kind: string, ident: string, call: CallOptions = {}): Promise<CredentialView> {
    return (await this.send("GET", `/api/v2/admin/credentials/${encodeURIComponent(kind)}/${encodeURIComponent(ident)}`, {
      authenticated: true,
      jsonBody: true,
      call,
    })) as CredentialView;
  }

  /** Publish a new active capability manifest (the previous one retires). (POST /api/v2/admin/hubs/{slug}/manifests) */
  async adminPublishManifest(slug: string, body: ManifestIn, call: CallOptions = {}): Promise<ManifestOut> {
    return (await this.send("POST", `/api/v2/admin/hubs/${encodeURIComponent(slug)}/manifests`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as ManifestOut;
  }

  /** Retire the hub's active manifest: its clients and keys lose their hub:*:write scopes. (DELETE /api/v2/admin/hubs/{slug}/manifests/active) */
  async adminRetireManifest(slug: string, call: CallOptions = {}): Promise<string> {
    return (await this.send("DELETE", `/api/v2/admin/hubs/${encodeURIComponent(slug)}/manifests/active`, {
      authenticated: true,
      jsonBody: false,
      call,
    })) as string;
  }

  /** Revoke an API key; it stops working at once. (POST /api/v2/admin/keys/{key_id}/revoke) */
  async adminRevokeKey(keyId: string, call: CallOptions = {}): Promise<KeyRevoked> {
    return (await this.send("POST", `/api/v2/admin/keys/${encodeURIComponent(keyId)}/revoke`, {
      authenticated: true,
      jsonBody: true,
      call,
    })) as KeyRevoked;
  }

  /** Subscribe a URL to one topic; deliveries are signed with the returned secret. (POST /api/v2/webhook-subscriptions) */
  async createSubscription(body: SubscriptionIn, call: CallOptions = {}): Promise<SubscriptionCreated> {
    return (await this.send("POST", `/api/v2/webhook-subscriptions`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as SubscriptionCreated;
  }

  /** Stop a subscription; its delivery log is kept. (DELETE /api/v2/webhook-subscriptions/{subscription_id}) */
  async deleteSubscription(subscriptionId: string, call: CallOptions = {}): Promise<SubscriptionOut> {
    return (await this.send("DELETE", `/api/v2/webhook-subscriptions/${encodeURIComponent(subscriptionId)}`, {
      authenticated: true,
      jsonBody: true,
      call,
    })) as SubscriptionOut;
  }

  /** Every delivery attempt, newest first. (GET /api/v2/webhook-subscriptions/{subscription_id}/deliveries) */
  async deliveryLog(subscriptionId: string, query: {
    limit?: number | null;
  } = {}, call: CallOptions = {}): Promise<DeliveryList> {
    return (await this.send("GET", `/api/v2/webhook-subscriptions/${encodeURIComponent(subscriptionId)}/deliveries`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as DeliveryList;
  }

  /** Public: the active interaction reporting contract, which governs validation. (GET /api/v2/contract) */
  async getContract(call: CallOptions = {}): Promise<ContractOut> {
    return (await this.send("GET", `/api/v2/contract`, {
      authenticated: false,
      jsonBody: true,
      call,
    })) as ContractOut;
  }

  /** Public: every entry of the annotation-category registry. (GET /api/v2/annotation-categories) */
  async listAnnotationCategories(call: CallOptions = {}): Promise<RegistryList> {
    return (await this.send("GET", `/api/v2/annotation-categories`, {
      authenticated: false,
      jsonBody: true,
      call,
    })) as RegistryList;
  }

  /** Annotations, newest first; filter by widget, category, actor and time range. (GET /api/v2/annotations) */
  async listAnnotations(query: {
    limit?: number | null;
    cursor?: string | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
    category?: AnnotationCategory | null;
    actor_id?: string | null;
  } = {}, call: CallOptions = {}): Promise<AnnotationPage> {
    return (await this.send("GET", `/api/v2/annotations`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as AnnotationPage;
  }

  /** Every item of GET /api/v2/annotations, following `next_cursor` page by page. */
  async *iterAnnotations(query: {
    limit?: number | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
    category?: AnnotationCategory | null;
    actor_id?: string | null;
  } = {}): AsyncGenerator<AnnotationOut, void, undefined> {
    let cursor: string | null = null;
    for (;;) {
      const page: AnnotationPage = await this.listAnnotations({ ...query, cursor });
      yield* page.data;
      cursor = page.next_cursor;
      if (!page.has_more || !cursor) return;
    }
  }

  /** Decisions taken on requirement candidates. Newest first. (GET /api/v2/decision-records) */
  async listDecisionRecords(query: {
    limit?: number | null;
    cursor?: string | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}, call: CallOptions = {}): Promise<DecisionRecordPage> {
    return (await this.send("GET", `/api/v2/decision-records`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as DecisionRecordPage;
  }

  /** Every item of GET /api/v2/decision-records, following `next_cursor` page by page. */
  async *iterDecisionRecords(query: {
    limit?: number | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}): AsyncGenerator<DecisionRecordOut, void, undefined> {
    let cursor: string | null = null;
    for (;;) {
      const page: DecisionRecordPage = await this.listDecisionRecords({ ...query, cursor });
      yield* page.data;
      cursor = page.next_cursor;
      if (!page.has_more || !cursor) return;
    }
  }

  /** Deployments of accepted decisions. Newest first. (GET /api/v2/deployment-records) */
  async listDeploymentRecords(query: {
    limit?: number | null;
    cursor?: string | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}, call: CallOptions = {}): Promise<DeploymentRecordPage> {
    return (await this.send("GET", `/api/v2/deployment-records`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as DeploymentRecordPage;
  }

  /** Every item of GET /api/v2/deployment-records, following `next_cursor` page by page. */
  async *iterDeploymentRecords(query: {
    limit?: number | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}): AsyncGenerator<DeploymentRecordOut, void, undefined> {
    let cursor: string | null = null;
    for (;;) {
      const page: DeploymentRecordPage = await this.listDeploymentRecords({ ...query, cursor });
      yield* page.data;
      cursor = page.next_cursor;
      if (!page.has_more || !cursor) return;
    }
  }

  /** Public: every entry of the event-type registry. (GET /api/v2/event-types) */
  async listEventTypes(call: CallOptions = {}): Promise<RegistryList> {
    return (await this.send("GET", `/api/v2/event-types`, {
      authenticated: false,
      jsonBody: true,
      call,
    })) as RegistryList;
  }

  /** Interaction events, newest first; filter by widget, event type, actor and time range. (GET /api/v2/interaction-events) */
  async listEvents(query: {
    limit?: number | null;
    cursor?: string | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
    event_type?: EventType | null;
    actor_id?: string | null;
    actor_type?: string | null;
  } = {}, call: CallOptions = {}): Promise<EventPage> {
    return (await this.send("GET", `/api/v2/interaction-events`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as EventPage;
  }

  /** Every item of GET /api/v2/interaction-events, following `next_cursor` page by page. */
  async *iterEvents(query: {
    limit?: number | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
    event_type?: EventType | null;
    actor_id?: string | null;
    actor_type?: string | null;
  } = {}): AsyncGenerator<EventOut, void, undefined> {
    let cursor: string | null = null;
    for (;;) {
      const page: EventPage = await this.listEvents({ ...query, cursor });
      yield* page.data;
      cursor = page.next_cursor;
      if (!page.has_more || !cursor) return;
    }
  }

  /** Measured outcomes of deployments. Newest first. (GET /api/v2/outcome-signals) */
  async listOutcomeSignals(query: {
    limit?: number | null;
    cursor?: string | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}, call: CallOptions = {}): Promise<OutcomeSignalPage> {
    return (await this.send("GET", `/api/v2/outcome-signals`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as OutcomeSignalPage;
  }

  /** Every item of GET /api/v2/outcome-signals, following `next_cursor` page by page. */
  async *iterOutcomeSignals(query: {
    limit?: number | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}): AsyncGenerator<OutcomeSignalOut, void, undefined> {
    let cursor: string | null = null;
    for (;;) {
      const page: OutcomeSignalPage = await this.listOutcomeSignals({ ...query, cursor });
      yield* page.data;
      cursor = page.next_cursor;
      if (!page.has_more || !cursor) return;
    }
  }

  /** Public: every entry of the policy-scope registry. (GET /api/v2/policy-scopes) */
  async listPolicyScopes(call: CallOptions = {}): Promise<RegistryList> {
    return (await this.send("GET", `/api/v2/policy-scopes`, {
      authenticated: false,
      jsonBody: true,
      call,
    })) as RegistryList;
  }

  /** Requirement candidates raised from feedback. Newest first. (GET /api/v2/requirement-candidates) */
  async listRequirementCandidates(query: {
    limit?: number | null;
    cursor?: string | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}, call: CallOptions = {}): Promise<RequirementCandidatePage> {
    return (await this.send("GET", `/api/v2/requirement-candidates`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as RequirementCandidatePage;
  }

  /** Every item of GET /api/v2/requirement-candidates, following `next_cursor` page by page. */
  async *iterRequirementCandidates(query: {
    limit?: number | null;
    hub?: string | null;
    since?: string | null;
    until?: string | null;
    widget_id?: string | null;
  } = {}): AsyncGenerator<RequirementCandidateOut, void, undefined> {
    let cursor: string | null = null;
    for (;;) {
      const page: RequirementCandidatePage = await this.listRequirementCandidates({ ...query, cursor });
      yield* page.data;
      cursor = page.next_cursor;
      if (!page.has_more || !cursor) return;
    }
  }

  /** The caller's (or, for admins, every) active subscription. (GET /api/v2/webhook-subscriptions) */
  async listSubscriptions(call: CallOptions = {}): Promise<SubscriptionList> {
    return (await this.send("GET", `/api/v2/webhook-subscriptions`, {
      authenticated: true,
      jsonBody: true,
      call,
    })) as SubscriptionList;
  }

  /** Public: every entry of the widget-type registry. (GET /api/v2/widget-types) */
  async listWidgetTypes(call: CallOptions = {}): Promise<RegistryList> {
    return (await this.send("GET", `/api/v2/widget-types`, {
      authenticated: false,
      jsonBody: true,
      call,
    })) as RegistryList;
  }

  /** Widgets, newest first; filter by widget type and status. (GET /api/v2/widgets) */
  async listWidgets(query: {
    limit?: number | null;
    cursor?: string | null;
    hub?: string | null;
    widget_type?: WidgetType | null;
    status?: string | null;
  } = {}, call: CallOptions = {}): Promise<WidgetPage> {
    return (await this.send("GET", `/api/v2/widgets`, {
      query,
      authenticated: true,
      jsonBody: true,
      call,
    })) as WidgetPage;
  }

  /** Every item of GET /api/v2/widgets, following `next_cursor` page by page. */
  async *iterWidgets(query: {
    limit?: number | null;
    hub?: string | null;
    widget_type?: WidgetType | null;
    status?: string | null;
  } = {}): AsyncGenerator<WidgetOut, void, undefined> {
    let cursor: string | null = null;
    for (;;) {
      const page: WidgetPage = await this.listWidgets({ ...query, cursor });
      yield* page.data;
      cursor = page.next_cursor;
      if (!page.has_more || !cursor) return;
    }
  }

  /** This document, with the registries' current names as enums. (GET /api/v2/openapi.json) */
  async openapiDocument(call: CallOptions = {}): Promise<Record<string, unknown>> {
    return (await this.send("GET", `/api/v2/openapi.json`, {
      authenticated: false,
      jsonBody: true,
      call,
    })) as Record<string, unknown>;
  }

  /** A Python client for this API, with the registries' current names as Literal types. (GET /api/v2/sdk/ihf-client.py) */
  async pythonClient(call: CallOptions = {}): Promise<string> {
    return (await this.send("GET", `/api/v2/sdk/ihf-client.py`, {
      authenticated: false,
      jsonBody: false,
      call,
    })) as string;
  }

  /** Queue the event of a past attempt again, with fresh retries. (POST /api/v2/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/redeliver) */
  async redeliver(subscriptionId: string, deliveryId: string, call: CallOptions = {}): Promise<string> {
    return (await this.send("POST", `/api/v2/webhook-subscriptions/${encodeURIComponent(subscriptionId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
      authenticated: true,
      jsonBody: false,
      call,
    })) as string;
  }

  /** Register a widget for the caller's hub; the same name again records a new version. (POST /api/v2/widgets) */
  async registerWidget(body: WidgetIn, call: CallOptions = {}): Promise<WidgetOut> {
    return (await this.send("POST", `/api/v2/widgets`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as WidgetOut;
  }

  /** Submit an annotation; its category must be registered. (POST /api/v2/annotations) */
  async submitAnnotation(body: AnnotationIn, call: CallOptions = {}): Promise<AnnotationOut> {
    return (await this.send("POST", `/api/v2/annotations`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as AnnotationOut;
  }

  /** Submit up to 1,000 events; each is validated on its own and gets a result of its own. (POST /api/v2/interaction-events/batch) */
  async submitBatch(body: EventBatchIn, call: CallOptions = {}): Promise<BatchResult> {
    return (await this.send("POST", `/api/v2/interaction-events/batch`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as BatchResult;
  }

  /** Submit one event. `client_event_id` (or an Idempotency-Key header) makes a retry a no-op. (POST /api/v2/interaction-events) */
  async submitEvent(body: EventIn, call: CallOptions = {}): Promise<EventOut> {
    return (await this.send("POST", `/api/v2/interaction-events`, {
      json: body,
      authenticated: true,
      jsonBody: true,
      call,
    })) as EventOut;
  }

  /** Swagger UI over /api/v2/openapi.json. (GET /api/v2/docs) */
  async swaggerUi(call: CallOptions = {}): Promise<string> {
    return (await this.send("GET", `/api/v2/docs`, {
      authenticated: false,
      jsonBody: false,
      call,
    })) as string;
  }

  /** A TypeScript client for this API, with the registries' current names as union types. (GET /api/v2/sdk/ihf-client.ts) */
  async typescriptClient(call: CallOptions = {}): Promise<string> {
    return (await this.send("GET", `/api/v2/sdk/ihf-client.ts`, {
      authenticated: false,
      jsonBody: false,
      call,
    })) as string;
  }
}
