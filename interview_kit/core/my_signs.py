"""Signs of your own: a sign the user defines (id, label, category, the words for
each end of the scale, a weight), checked, and turned into a catalog row.

A user's sign is a :class:`~interview_kit.core.signals.Signal` like any other, with
source "yours", so the form, the radar, the reading, the weights and calibration
show it with no code of their own. It is stored as a small JSON object (the journal's
``signs`` table, the export's ``signs`` list), written and read here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .errors import InputError
from .interview import as_number
from .signal_types import CATEGORIES
from .signals import CATALOG, MAX_SIGNS, YOURS, Catalog, Signal, current
from .signals import name_key as _key
from .weights import MAX_WEIGHT

#: A sign id: lowercase letters, digits and ``_``, starting with a letter.
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_LABEL = 60
MAX_WORDS = 80
#: The keys of a sign's JSON object, in the order they are written.
KEYS = ("id", "label", "category", "low", "high", "weight")


def _text(field: str, value: Any, limit: int, label: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, value, "must be some text", label=label)
    value = " ".join(value.split())
    if len(value) > limit:
        raise InputError(field, value, f"must be at most {limit} characters", label=label)
    return value


def make_sign(
    id: Any,
    label: Any,
    category: Any,
    low: Any,
    high: Any,
    weight: Any = 1.0,
    *,
    catalog: Catalog | None = None,
    where: str = "",
) -> Signal:
    """A sign of your own, checked against ``catalog`` (default: the active one): a new
    id and label, a category of the four, scale words, a weight as for weights. Each
    mistake is an :class:`InputError` naming the field (``where`` prefixes it)."""
    catalog = catalog if catalog is not None else current()
    if not isinstance(id, str) or not ID_PATTERN.fullmatch(id):
        raise InputError(
            f"{where}id",
            id,
            "must be lowercase letters, digits and _ (starting with a letter, at most 40)",
            label="Sign id",
        )
    taken = {_key(n): s.id for s in catalog.signals for n in (s.id, s.label)}
    if id in {s.id for s in catalog.signals} or _key(id) in taken:
        raise InputError(f"{where}id", id, "is already a sign; choose a new id", label="Sign id")
    label = _text(f"{where}label", label, MAX_LABEL, "Label")
    if _key(label) in taken:
        raise InputError(
            f"{where}label", label, f"already names the sign {taken[_key(label)]!r}", label="Label"
        )
    ids = [c.id for c in CATEGORIES]
    if category not in ids:
        raise InputError(
            f"{where}category", category, "must be one of " + ", ".join(ids), label="Category"
        )
    low = _text(f"{where}low", low, MAX_WORDS, "Low end (-2)")
    high = _text(f"{where}high", high, MAX_WORDS, "High end (+2)")
    try:
        number = as_number(f"{where}weight", weight)
    except InputError:
        number = math.nan
    if not (math.isfinite(number) and 0 <= number <= MAX_WEIGHT):
        raise InputError(
            f"{where}weight", weight, f"must be a number from 0 to {MAX_WEIGHT:.0f}", label="Weight"
        )
    if len(catalog.signals) >= MAX_SIGNS:
        raise InputError(
            f"{where}id",
            id,
            f"cannot be added: the radar holds at most {MAX_SIGNS} signs (remove one first)",
            label="Sign id",
        )
    return Signal(
        id=id,
        category=category,
        label=label,
        question=f"{label}: how was it, from {low!r} to {high!r}?",
        negative=low,
        positive=high,
        levels=(low, f"Leaning to: {low}", "Neither, or hard to say", f"Leaning to: {high}", high),
        meaning="A sign you chose to watch; the kit has no evidence of its own for it.",
        strength=f"{label[0].lower()}{label[1:]}: {high}",
        concern=f"{label[0].lower()}{label[1:]}: {low}",
        default_weight=number,
        evidence_level="folk",
        evidence="Your own sign: its weight is yours to set, or to learn from your outcomes.",
        source=YOURS,
    )


def sign_to_dict(signal: Signal) -> dict[str, Any]:
    """A sign of your own as its JSON object (the journal row and the export)."""
    return {
        "id": signal.id,
        "label": signal.label,
        "category": signal.category,
        "low": signal.negative,
        "high": signal.positive,
        "weight": signal.default_weight,
    }


def sign_from_dict(data: Any, *, catalog: Catalog | None = None, where: str = "") -> Signal:
    """A sign of your own from its JSON object, checked like :func:`make_sign`."""
    if not isinstance(data, Mapping):
        raise InputError(
            where.rstrip(".") or "sign", data, "must be an object with " + ", ".join(KEYS)
        )
    unknown = sorted(set(map(str, data)) - set(KEYS))
    if unknown:
        raise InputError(
            f"{where}{unknown[0]}",
            data[unknown[0]],
            "is not a part of a sign (" + ", ".join(KEYS) + ")",
        )
    return make_sign(
        data.get("id"),
        data.get("label"),
        data.get("category"),
        data.get("low"),
        data.get("high"),
        data.get("weight", 1.0),
        catalog=catalog,
        where=where,
    )


def catalog_with(signs: list[Any], where: str = "signs") -> Catalog:
    """The built-in catalog plus ``signs`` (JSON objects), each checked against the
    ones before it."""
    if not isinstance(signs, list):
        raise InputError(where, signs, "must be a list of signs")
    catalog = Catalog(CATALOG)
    for i, data in enumerate(signs):
        sign = sign_from_dict(data, catalog=catalog, where=f"{where}[{i}].")
        catalog = catalog.with_signs((*catalog.mine, sign))
    return catalog
