"""People: registration, login, the current user. Both doors and the CLI call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.auth.passwords import hash_password, verify_password
from app.auth.principal import Principal
from app.auth.tokens import user_token
from app.context import RequestContext
from app.domains.identity import repository as repo
from app.domains.identity.models import User
from app.errors import Forbidden, Invalid, Unauthenticated

USERNAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$"
_EMAIL = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$"
LOGIN_FAILED = "Incorrect username or password"
NOT_AUTHENTICATED = "Not authenticated"


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    username: str = Field(pattern=USERNAME_PATTERN, description="3-64 letters, digits, '.', '_' or '-'.")
    email: str = Field(max_length=255, pattern=_EMAIL)
    password: str = Field(min_length=8, max_length=256)

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()


class LoginForm(BaseModel):
    username: str = Field(min_length=1, max_length=255)
    password: str = Field(min_length=1, max_length=256)
    grant_type: str | None = Field(None, description="OAuth2 password form; 'password' when sent")
    scope: str | None = None


class UserResponse(BaseModel):
    id: int
    username: str
    email: str
    is_active: bool
    is_superuser: bool
    created_at: datetime
    updated_at: datetime


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"


def user_view(user: User) -> UserResponse:
    return UserResponse(id=user.id, username=user.username, email=user.email, is_active=user.is_active,
                        is_superuser=user.is_superuser, created_at=user.created_at, updated_at=user.updated_at)


async def register(ctx: RequestContext, data: UserCreate, *, superuser: bool = False) -> User:
    """A new active user. A taken username or email is refused with 400."""
    taken = await repo.user_clashing(ctx.session, data.username, data.email)
    if taken is not None:
        if taken.username.lower() == data.username.lower():
            raise Invalid("Username already registered")
        raise Invalid("Email already registered")
    now = ctx.clock.now()
    user = User(username=data.username, email=data.email, hashed_password=await hash_password(data.password),
                is_active=True, is_superuser=superuser, created_at=now, updated_at=now)
    repo.add(ctx.session, user)
    await repo.flush(ctx.session)
    from app.domains.identity import audit

    audit.record(ctx, "create", "user", user.id, detail={"username": user.username, "superuser": superuser})
    return user


@dataclass
class Login:
    user: User
    access_token: str


async def login(ctx: RequestContext, username: str, password: str) -> Login:
    """Count the attempt against the client's budget, then check the password (by username or email)."""
    await ctx.runtime.limits.enforce(ctx.settings.login_limit, "login", ctx.client_ip)
    name = username.strip().lower()
    # Per account too, so guesses spread over many addresses still meet a limit.
    await ctx.runtime.limits.enforce(ctx.settings.login_limit, "login-account", name[:255])
    user = await repo.user_by_login(ctx.session, name)
    ok = await verify_password(password, user.hashed_password if user else None)
    if user is None or not ok or not user.is_active:
        raise Unauthenticated(LOGIN_FAILED)
    await ctx.runtime.keyring.ensure_loaded()
    token = user_token(ctx.runtime, user_id=str(user.id), username=user.username, is_superuser=user.is_superuser)
    return Login(user, token)


async def current_user(ctx: RequestContext) -> User:
    """The active user the request's bearer token (or trusted X-User-Id) names; 401 otherwise."""
    return await user_of(ctx, ctx.principal)


async def user_of(ctx: RequestContext, principal: Principal) -> User:
    if principal.kind != "user" or principal.id is None:
        if principal.rejected_credential:
            raise Unauthenticated(f"Could not validate credentials: {principal.rejected_credential}")
        raise Unauthenticated(NOT_AUTHENTICATED)
    memo_key = f"user:{principal.id}"
    cached = ctx.memo.get(memo_key)
    if isinstance(cached, User):
        return cached
    user = await repo.user_by_id(ctx.session, int(principal.id)) if principal.id.isdigit() else None
    if user is None or not user.is_active:
        raise Unauthenticated("Could not validate credentials")
    ctx.memo[memo_key] = user
    return user


async def require_superuser(ctx: RequestContext) -> User:
    user = await current_user(ctx)
    if not user.is_superuser:
        raise Forbidden("Admin access required (is_superuser)")
    return user
