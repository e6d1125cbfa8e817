"""Crossway: one GraphQL-plus-REST server over four HTTP APIs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crossway")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"
