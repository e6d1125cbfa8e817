"""Every knob Crossway has, read from the environment.

Names that the served documents define keep their documented spelling
(DATABASE_URL, REDIS_URL, AUTOPACK_*); Crossway's own knobs are CROSSWAY_*.
Every field has a default that works in the embedded mode (SQLite, in-process
limits and pub/sub), so `crossway serve` needs no configuration at all.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/crossway.db"


def _env(name: str) -> AliasChoices:
    # Accept the environment spelling and the Python field name, so tests can
    # build Settings(database_url=...) while deployments set DATABASE_URL.
    return AliasChoices(name, name.lower())


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=None, extra="ignore", populate_by_name=True, frozen=True
    )

    # --- documented names -------------------------------------------------
    database_url: str = Field(DEFAULT_DATABASE_URL, validation_alias=AliasChoices("DATABASE_URL", "database_url"))
    redis_url: str | None = Field(None, validation_alias=AliasChoices("REDIS_URL", "redis_url"))
    autopack_env: str = Field("development", validation_alias=AliasChoices("AUTOPACK_ENV", "autopack_env"))
    autopack_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("AUTOPACK_API_KEY", "autopack_api_key")
    )
    autopack_api_key_file: Path | None = Field(
        None, validation_alias=AliasChoices("AUTOPACK_API_KEY_FILE", "autopack_api_key_file")
    )
    autopack_public_read: bool = Field(
        False, validation_alias=AliasChoices("AUTOPACK_PUBLIC_READ", "autopack_public_read")
    )
    # Kill switches of the run control plane: all default off.
    enable_phase6_metrics: bool = Field(
        False, validation_alias=AliasChoices("AUTOPACK_ENABLE_PHASE6_METRICS", "enable_phase6_metrics")
    )
    enable_consolidated_metrics: bool = Field(
        False,
        validation_alias=AliasChoices("AUTOPACK_ENABLE_CONSOLIDATED_METRICS", "enable_consolidated_metrics"),
    )
    auto_approve_build113: bool = Field(
        False, validation_alias=AliasChoices("AUTO_APPROVE_BUILD113", "auto_approve_build113")
    )

    # --- Crossway's own ---------------------------------------------------
    runs_dir: Path = Field(Path("./var/runs"), validation_alias=_env("CROSSWAY_RUNS_DIR"))
    run_start_limit: str = Field("10/minute", validation_alias=_env("CROSSWAY_RUN_START_LIMIT"))
    rate_limit_prefix: str = Field("crossway", validation_alias=_env("CROSSWAY_RATE_LIMIT_PREFIX"))
    server_timing: bool | None = Field(None, validation_alias=_env("CROSSWAY_SERVER_TIMING"))
    max_body_bytes: int = Field(5 * 1024 * 1024, ge=1024, validation_alias=_env("CROSSWAY_MAX_BODY_BYTES"))
    auto_migrate: bool = Field(True, validation_alias=_env("CROSSWAY_AUTO_MIGRATE"))
    seed_demo: bool = Field(True, validation_alias=_env("CROSSWAY_SEED_DEMO"))
    graphiql: bool = Field(True, validation_alias=_env("CROSSWAY_GRAPHIQL"))
    graphql_max_depth: int = Field(12, ge=2, validation_alias=_env("CROSSWAY_GRAPHQL_MAX_DEPTH"))
    graphql_max_aliases: int = Field(30, ge=1, validation_alias=_env("CROSSWAY_GRAPHQL_MAX_ALIASES"))
    graphql_max_tokens: int = Field(5000, ge=100, validation_alias=_env("CROSSWAY_GRAPHQL_MAX_TOKENS"))
    # Distinct query texts whose parsed document and validation result are kept (least recently used go).
    graphql_document_cache: int = Field(256, ge=1, le=100_000, validation_alias=_env("CROSSWAY_GRAPHQL_DOCUMENT_CACHE"))
    trust_user_id_header: bool | None = Field(None, validation_alias=_env("CROSSWAY_TRUST_USER_ID_HEADER"))
    default_rate_per_minute: int = Field(600, ge=1, validation_alias=_env("CROSSWAY_DEFAULT_RATE_PER_MINUTE"))
    default_daily_quota: int = Field(100_000, ge=1, validation_alias=_env("CROSSWAY_DEFAULT_DAILY_QUOTA"))
    hub_rate_per_minute: int = Field(6000, ge=1, validation_alias=_env("CROSSWAY_HUB_RATE_PER_MINUTE"))
    request_log_retention_days: int = Field(30, ge=1, validation_alias=_env("CROSSWAY_REQUEST_LOG_RETENTION_DAYS"))
    # A verified API key is reused for this long without a database look-up; revoking it on this
    # instance forgets it at once, other instances within this many seconds. 0 turns the cache off.
    credential_cache_seconds: float = Field(5.0, ge=0, le=60, validation_alias=_env("CROSSWAY_CREDENTIAL_CACHE_SECONDS"))
    # The active reporting contract and registry names are reused for this long (cleared at once by a
    # change on this instance). 0 reads them on every submission.
    reference_cache_seconds: float = Field(5.0, ge=0, le=60, validation_alias=_env("CROSSWAY_REFERENCE_CACHE_SECONDS"))
    # Rotating a client secret, hub key, API key or delivery key: the previous secret keeps working this long.
    rotation_overlap_seconds: int = Field(86_400, ge=0, le=30 * 86_400,
                                          validation_alias=_env("CROSSWAY_ROTATION_OVERLAP_SECONDS"))
    # After startup: freeze the long-lived objects out of the garbage collector's scans, and run its
    # young collections every this many allocations (0: CPython's default of 700). See app/platform/collector.py.
    gc_freeze: bool = Field(True, validation_alias=_env("CROSSWAY_GC_FREEZE"))
    gc_threshold: int = Field(10_000, ge=0, le=1_000_000, validation_alias=_env("CROSSWAY_GC_THRESHOLD"))
    request_log_interval: float = Field(1.0, gt=0, le=60, validation_alias=_env("CROSSWAY_REQUEST_LOG_INTERVAL"))
    secret_key: SecretStr | None = Field(None, validation_alias=_env("CROSSWAY_SECRET_KEY"))
    secret_key_file: Path = Field(Path("./var/secret.key"), validation_alias=_env("CROSSWAY_SECRET_KEY_FILE"))
    webhook_worker: bool = Field(True, validation_alias=_env("CROSSWAY_WEBHOOK_WORKER"))
    # Retry n waits min(backoff x 2^(n-1), backoff max) seconds, scaled by a random 0.8-1.2: with the
    # defaults, 12 retries spread over about 16 hours (docs/platform.md has the table).
    webhook_backoff_seconds: float = Field(30.0, gt=0, validation_alias=_env("CROSSWAY_WEBHOOK_BACKOFF_SECONDS"))
    webhook_backoff_max_seconds: float = Field(
        4 * 3600.0, gt=0, validation_alias=_env("CROSSWAY_WEBHOOK_BACKOFF_MAX_SECONDS"))
    webhook_timeout_seconds: float = Field(10.0, gt=0, le=120, validation_alias=_env("CROSSWAY_WEBHOOK_TIMEOUT_SECONDS"))
    webhook_max_retries: int = Field(12, ge=0, le=30, validation_alias=_env("CROSSWAY_WEBHOOK_MAX_RETRIES"))
    # Hosts (names or IP networks, comma-separated) that webhooks may reach although they are not public
    # addresses: loopback receivers in development and tests. Empty: only globally routable addresses.
    outbound_allow_hosts: str = Field("", validation_alias=_env("CROSSWAY_OUTBOUND_ALLOW_HOSTS"))
    webhook_poll_seconds: float = Field(1.0, gt=0, validation_alias=_env("CROSSWAY_WEBHOOK_POLL_SECONDS"))
    issuer: str = Field("crossway", validation_alias=_env("CROSSWAY_ISSUER"))
    access_token_ttl: int = Field(3600, ge=60, le=86400, validation_alias=_env("CROSSWAY_ACCESS_TOKEN_TTL"))
    page_size_max: int = Field(500, ge=10, le=5000, validation_alias=_env("CROSSWAY_PAGE_SIZE_MAX"))
    log_level: str = Field("INFO", validation_alias=_env("CROSSWAY_LOG_LEVEL"))
    log_json: bool = Field(True, validation_alias=_env("CROSSWAY_LOG_JSON"))
    db_pool_size: int = Field(10, ge=1, validation_alias=_env("CROSSWAY_DB_POOL_SIZE"))
    db_echo: bool = Field(False, validation_alias=_env("CROSSWAY_DB_ECHO"))
    # Collaborative drafting: generation, enforcement, payments, posting (docs/collab.md).
    llm_base_url: str | None = Field(None, validation_alias=_env("CROSSWAY_LLM_BASE_URL"))
    llm_model: str = Field("llama-3.1-8b-instant", validation_alias=_env("CROSSWAY_LLM_MODEL"))
    llm_api_key: SecretStr | None = Field(None, validation_alias=_env("CROSSWAY_LLM_API_KEY"))
    llm_timeout: float = Field(30.0, gt=0, validation_alias=_env("CROSSWAY_LLM_TIMEOUT"))
    enforcement_mode: Literal["off", "advisory", "enforced"] = Field(
        "off", validation_alias=_env("CROSSWAY_ENFORCEMENT_MODE"))
    stripe_secret_key: SecretStr | None = Field(None, validation_alias=_env("STRIPE_SECRET_KEY"))
    stripe_webhook_secret: SecretStr | None = Field(None, validation_alias=_env("STRIPE_WEBHOOK_SECRET"))
    stripe_price_id: str | None = Field(None, validation_alias=_env("STRIPE_PRICE_ID"))
    stripe_api_base: str | None = Field(None, validation_alias=_env("CROSSWAY_STRIPE_API_BASE"))
    checkout_success_url: str = Field("http://localhost:3000/checkout/success",
                                      validation_alias=_env("CROSSWAY_CHECKOUT_SUCCESS_URL"))
    checkout_cancel_url: str = Field("http://localhost:3000/checkout/cancel",
                                     validation_alias=_env("CROSSWAY_CHECKOUT_CANCEL_URL"))
    verification_ring_award: int = Field(100, ge=0, validation_alias=_env("CROSSWAY_VERIFICATION_RING_AWARD"))
    x_api_base: str = Field("https://api.x.com", validation_alias=_env("CROSSWAY_X_API_BASE"))
    x_bearer_token: SecretStr | None = Field(None, validation_alias=_env("CROSSWAY_X_BEARER_TOKEN"))
    x_post_limit: str = Field("5 per 15 minutes", validation_alias=_env("CROSSWAY_X_POST_LIMIT"))

    # --- run control plane: users, approvals, artifacts, storage, uploads --------
    login_limit: str = Field("5/minute", validation_alias=_env("CROSSWAY_LOGIN_LIMIT"))
    # POST /api/v2/token: counted per client id and, separately, per address (a token lives an hour).
    token_limit: str = Field("30/minute", validation_alias=_env("CROSSWAY_TOKEN_LIMIT"))
    artifact_max_bytes: int = Field(1024 * 1024, ge=1024, validation_alias=_env("CROSSWAY_ARTIFACT_MAX_BYTES"))
    artifact_index_max_files: int = Field(5000, ge=10, validation_alias=_env("CROSSWAY_ARTIFACT_INDEX_MAX_FILES"))
    human_notes_file: Path = Field(Path("./var/human_notes.md"), validation_alias=_env("CROSSWAY_HUMAN_NOTES_FILE"))
    approval_timeout_seconds: int = Field(900, ge=10, le=7 * 86400,
                                          validation_alias=_env("CROSSWAY_APPROVAL_TIMEOUT_SECONDS"))
    approval_timeout_outcome: Literal["rejected", "approved"] = Field(
        "rejected", validation_alias=_env("CROSSWAY_APPROVAL_TIMEOUT_OUTCOME"))
    telegram_bot_token: SecretStr | None = Field(None, validation_alias=_env("CROSSWAY_TELEGRAM_BOT_TOKEN"))
    telegram_chat_id: str | None = Field(None, validation_alias=_env("CROSSWAY_TELEGRAM_CHAT_ID"))
    telegram_api_base: str = Field("https://api.telegram.org", validation_alias=_env("CROSSWAY_TELEGRAM_API_BASE"))
    telegram_webhook_secret: SecretStr | None = Field(None, validation_alias=_env("CROSSWAY_TELEGRAM_WEBHOOK_SECRET"))
    telegram_timeout_seconds: float = Field(5.0, gt=0, le=60, validation_alias=_env("CROSSWAY_TELEGRAM_TIMEOUT_SECONDS"))
    credential_failure_threshold: int = Field(3, ge=1, validation_alias=_env("CROSSWAY_CREDENTIAL_FAILURE_THRESHOLD"))
    credential_expiry_warning_hours: int = Field(
        72, ge=1, validation_alias=_env("CROSSWAY_CREDENTIAL_EXPIRY_WARNING_HOURS"))
    storage_root: Path = Field(Path("./var/storage"), validation_alias=_env("CROSSWAY_STORAGE_ROOT"))
    storage_scan_max_depth: int = Field(8, ge=1, le=64, validation_alias=_env("CROSSWAY_STORAGE_SCAN_MAX_DEPTH"))
    storage_scan_max_items: int = Field(20000, ge=10, le=1_000_000,
                                        validation_alias=_env("CROSSWAY_STORAGE_SCAN_MAX_ITEMS"))
    storage_large_file_bytes: int = Field(500 * 1024 * 1024, ge=1,
                                          validation_alias=_env("CROSSWAY_STORAGE_LARGE_FILE_BYTES"))
    steam_library_dir: Path = Field(Path("./var/steam"), validation_alias=_env("CROSSWAY_STEAM_LIBRARY_DIR"))
    uploads_dir: Path = Field(Path("./var/uploads"), validation_alias=_env("CROSSWAY_UPLOADS_DIR"))
    upload_max_bytes: int = Field(4 * 1024 * 1024, ge=1, validation_alias=_env("CROSSWAY_UPLOAD_MAX_BYTES"))

    @field_validator("autopack_env")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()

    @property
    def is_production(self) -> bool:
        return self.autopack_env == "production"

    @property
    def server_timing_enabled(self) -> bool:
        if self.server_timing is None:
            return not self.is_production
        return self.server_timing

    @property
    def trust_user_id_header_enabled(self) -> bool:
        """X-User-Id names the caller: for tests and trusted front ends, off in production by default."""
        if self.trust_user_id_header is None:
            return not self.is_production
        return self.trust_user_id_header

    @property
    def telegram_configured(self) -> bool:
        return bool(self.telegram_bot_token and self.telegram_bot_token.get_secret_value() and self.telegram_chat_id)

    def startup_problems(self) -> list[str]:
        """Settings the server refuses to start with (create_app and `crossway serve` check these)."""
        problems = []
        if self.is_production and self.auto_approve_build113:
            problems.append(
                "AUTO_APPROVE_BUILD113 is set while AUTOPACK_ENV=production: auto-approving risky decisions "
                "is refused in production. Unset AUTO_APPROVE_BUILD113 (or set it to false)."
            )
        return problems

    @cached_property
    def outbound_allow_list(self) -> tuple[str, ...]:
        return tuple(entry.strip() for entry in self.outbound_allow_hosts.split(",") if entry.strip())

    @cached_property
    def control_api_key(self) -> str | None:
        """The run control plane's key: AUTOPACK_API_KEY, else the file's first line."""
        if self.autopack_api_key is not None and self.autopack_api_key.get_secret_value().strip():
            return self.autopack_api_key.get_secret_value().strip()
        if self.autopack_api_key_file is not None:
            try:
                text = self.autopack_api_key_file.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            return text or None
        return None


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
