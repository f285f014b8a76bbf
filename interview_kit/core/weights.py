"""Signal weights: defaults from the catalog, overrides from a mapping or a file."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import read_text
from .interview import as_number, parse_json
from .signals import CATALOG, signal_ids

Weights = Mapping[str, float]

#: Largest weight accepted. Weights are relative, so this costs nothing, and it
#: keeps every sum of weight * value far from overflowing to inf (and a score to NaN).
MAX_WEIGHT = 1e6


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
        number = as_number(name, value)
        if not math.isfinite(number):
            raise InputError(name, value, "must be a finite number")
        if number < 0:
            raise InputError(name, value, "must be >= 0")
        if number > MAX_WEIGHT:
            raise InputError(name, value,
                             f"must be at most {MAX_WEIGHT:.0f} (weights are relative: "
                             "divide them all by the same number for the same reading)")
        weights[key] = number
    return weights


def parse_weights(text: str, *, toml: bool = False) -> dict[str, float]:
    """Weights from JSON (or TOML) text, validated."""
    if toml:
        import tomllib  # only TOML files pay for the parser

        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
            raise InputError("weights", text[:40], f"malformed TOML: {error}") from None
    else:
        data = parse_json(text, field="weights")
    return validate_weights(data)


def load_weights(path: str | Path) -> dict[str, float]:
    """Weights from a ``.json`` or ``.toml`` file (``-`` = stdin, JSON);
    :class:`InputError` if unreadable or invalid."""
    text = read_text(path, "weights")
    return parse_weights(text, toml=Path(path).suffix.lower() == ".toml")

