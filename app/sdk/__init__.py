"""Client SDKs for the interaction hub's v2 API, generated from the live OpenAPI document and the
registry tables (see docs/sdk.md)."""
