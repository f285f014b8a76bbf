"""Signal weights: defaults from the catalog, overrides from a mapping or a file."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import read_text
from .interview import as_number, parse_json
from .signals import all_signals, find_signal, signal_ids, suggest_signal

Weights = Mapping[str, float]

#: Largest weight accepted. Weights are relative, so this costs nothing, and it
#: keeps every sum of weight * value far from overflowing to inf (and a score to NaN).
MAX_WEIGHT = 1e6
_RANGE_WORDS = (
    f"must be a number from 0 (switches the sign off) to {MAX_WEIGHT:.0f}; "
    "weights are relative, so 1 and 2 mean the second counts twice as much"
)


def default_weights() -> dict[str, float]:
    """The catalog's weight for every signal, in catalog order."""
    return {s.id: s.default_weight for s in all_signals()}


def validate_weights(overrides: Any, *, field: str = "weights") -> dict[str, float]:
    """Defaults updated with ``overrides``; every weight finite and >= 0.

    Signals the overrides don't mention keep their default, so a file can change
    one weight. A weight of 0 switches its signal off. A key is a signal id, or its
    label as the form shows it (``"answering"`` for ``ease``): labels never name
    another sign (the catalog checks it), so the alias is unambiguous.
    """
    if overrides is None:
        return default_weights()
    if not isinstance(overrides, Mapping):
        raise InputError(
            field,
            overrides,
            f"must be an object of sign id -> number (valid ids: {', '.join(signal_ids())})",
            label="Weights",
        )
    weights = default_weights()
    given: set[str] = set()
    for key, value in overrides.items():
        signal = find_signal(key) if isinstance(key, str) else None
        if signal is None:
            raise InputError(field, key, "is not a sign; " + suggest_signal(key), label="Weights")
        name = f"{field}.{signal.id}"
        label = f"Weight of {signal.label}"
        if signal.id in given:
            raise InputError(name, key, "is given twice (by id and by label)", label=label)
        given.add(signal.id)
        try:
            number = as_number(name, value)
        except InputError:
            number = math.nan
        if not (math.isfinite(number) and 0 <= number <= MAX_WEIGHT):
            raise InputError(name, value, _RANGE_WORDS, label=label)
        weights[signal.id] = number
    return weights


#: Why weights that are all 0 are refused where weights are saved or typed by hand.
ALL_ZERO = (
    "every weight is 0, so no sign would count and the reading would be empty: "
    "give at least one sign a weight above 0 (1 is the usual weight)"
)


def require_some_weight(weights: Mapping[str, float], *, field: str = "weights") -> None:
    """Refuse complete weights that are all 0 (one sentence): scoring with them is
    defined (nothing counts: "unclear"), but a profile or a workbook cell that does it
    is a mistake, not a choice."""
    if not any(value > 0 for value in weights.values()):
        raise InputError(field, "all 0", ALL_ZERO, label="Weights")


def weight_problems(overrides: Any, *, field: str = "weights") -> list[InputError]:
    """Every mistake in ``overrides`` at once (:func:`validate_weights` stops at the
    first): each wrong key or value, then all-zero weights. Empty when all is well."""
    if not isinstance(overrides, Mapping):
        try:
            validate_weights(overrides, field=field)
        except InputError as error:
            return [error]
        return []
    problems: list[InputError] = []
    seen: dict[str, Any] = {}
    for key, value in overrides.items():
        signal = find_signal(key) if isinstance(key, str) else None
        if signal is not None and signal.id in seen:
            problems.append(
                InputError(
                    f"{field}.{signal.id}",
                    key,
                    "is given twice (by id and by label)",
                    label=f"Weight of {signal.label}",
                )
            )
            continue
        try:
            validate_weights({key: value}, field=field)
        except InputError as error:
            problems.append(error)
            continue
        if signal is not None:
            seen[signal.id] = value
    if not problems:
        try:
            require_some_weight(validate_weights(overrides, field=field), field=field)
        except InputError as error:
            problems.append(error)
    return problems


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
