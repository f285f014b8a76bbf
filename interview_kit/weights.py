"""Signal weights: defaults from the catalog, overrides from a mapping or a file."""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import InputError
from .interview import parse_json
from .signals import CATALOG, signal_ids

Weights = Mapping[str, float]


def default_weights() -> dict[str, float]:
    """The catalog's weight for every signal, in catalog order."""
    return {s.id: s.default_weight for s in CATALOG}


def validate_weights(overrides: Any, *, field: str = "weights") -> dict[str, float]:
    """Defaults updated with ``overrides``; every weight finite and >= 0.

    Signals the overrides don't mention keep their default, so a file can change
    one weight. A weight of 0 switches its signal off.
    """
    if overrides is None:
        return default_weights()
    if not isinstance(overrides, Mapping):
        raise InputError(field, overrides, "must be an object of signal id -> number")
    known = signal_ids()
    weights = default_weights()
    for key, value in overrides.items():
        if key not in known:
            raise InputError(field, key, f"unknown signal (known: {', '.join(known)})")
        name = f"{field}.{key}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(name, value, "must be a number")
        if not math.isfinite(value):
            raise InputError(name, value, "must be a finite number")
        if value < 0:
            raise InputError(name, value, "must be >= 0")
        weights[key] = float(value)
    return weights


def parse_weights(text: str, *, toml: bool = False) -> dict[str, float]:
    """Weights from JSON (or TOML) text, validated."""
    if toml:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise InputError("weights", text[:40], f"malformed TOML: {error}") from None
    else:
        data = parse_json(text)
    return validate_weights(data)


def load_weights(path: str | Path) -> dict[str, float]:
    """Weights from a ``.json`` or ``.toml`` file; :class:`InputError` if unreadable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError("weights", str(path), f"cannot read file: {_reason(error)}") from None
    return parse_weights(text, toml=path.suffix.lower() == ".toml")


def dump_weights(weights: Weights) -> str:
    return json.dumps(dict(weights), indent=2)


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or type(error).__name__
