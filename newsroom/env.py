"""The one place that reads the process environment for settings."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUTHY = {"1", "true", "yes", "on"}


def flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUTHY


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def listing(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in text(name, default).split(",") if item.strip()]


def retired(name: str, instead: str) -> None:
    """Refuse a setting that was renamed: ignoring it would quietly drop what the operator set."""
    if text(name):
        raise ImproperlyConfigured(f"{name} is no longer read: {instead}")


def required(name: str, why: str) -> str:
    value = text(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set: {why}")
    return value
