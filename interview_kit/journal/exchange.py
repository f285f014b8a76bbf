"""The journal's export formats: JSON (interviews and saved profiles) and CSV
(interviews, one row each), written and read back exactly.

Import is validated completely before anything is stored (all or nothing); every
error names the record and the field, e.g. ``interviews[3].signals.ease``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..core.errors import InputError
from ..core.fields import BASE_SCHEMA, SIGNALS, STRUCTURED, Field, Kind, csv_fields
from ..core.interview import json_value, parse_json
from ..core.my_signs import sign_from_dict, sign_to_dict
from ..core.signals import Catalog, Signal, current, observed_signals, signal_ids, using
from .history import history_rows
from .records import Entry, Profile, entry_from_record, name_key, prefixed, profile_from_record
from .schema import JOURNAL_FORMAT

EXPORT_FORMAT = JOURNAL_FORMAT
EXPORT_VERSION = 1
#: The largest export ``journal import`` reads: 64 MiB, about 90,000 interviews with
#: notes (a JSON export of 3,000 is about 2 MB), far above a lifetime of interviews,
#: and still parsed in well under a gigabyte of memory. Exports of any journal below
#: it import back exactly.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
#: What the refusal adds, so the user knows the cap is deliberate.
IMPORT_LIMIT_WORDS = " (the most a journal import reads: about 90,000 interviews)"
#: The largest CSV cell: a debrief's questions and answers (100 of up to 6,000
#: characters) as JSON text, escapes included. The csv module's default (131,072)
#: refused a valid export's cell.
MAX_CSV_CELL = 16 * 1024 * 1024


def export_json(
    entries: Iterable[Entry],
    profiles: Iterable[Profile] = (),
    signs: Iterable[Signal] = (),
    uid: str | None = None,
) -> str:
    """The journal's JSON export: one record per line, inside the format header.

    Saved profiles (never the built-in one) come first as a ``profiles`` list,
    present only when there are some, so a journal without profiles exports
    exactly as before and older readers, which ignore the key, still import it.
    """
    return wrap_export(
        [json.dumps(e.to_record(), ensure_ascii=False) for e in entries],
        [profile_line(p) for p in profiles if not p.builtin],
        [sign_line(s) for s in signs],
        uid,
    )


def profile_line(profile: Profile) -> str:
    return json.dumps(profile.to_record(), ensure_ascii=False)


def sign_line(sign: Signal) -> str:
    return json.dumps(sign_to_dict(sign), ensure_ascii=False)


def wrap_export(
    lines: list[str],
    profile_lines: list[str] | None = None,
    sign_lines: list[str] | None = None,
    uid: str | None = None,
) -> str:
    """The export's text. ``uid``, the journal's own id, comes third in the header (an
    import into an empty journal takes it over: see journal/identity.py). Signs of your
    own come next (only when there are some: a journal without them exports as before),
    so a reader knows them before the interviews that name them."""
    head = json.dumps(
        {"format": EXPORT_FORMAT, "version": EXPORT_VERSION} | ({"journal_uid": uid} if uid else {})
    )[:-1]
    if sign_lines:
        head += ', "signs": [\n' + ",\n".join(sign_lines) + "\n]"
    if profile_lines:
        head += ', "profiles": [\n' + ",\n".join(profile_lines) + "\n]"
    if not lines:
        return head + ', "interviews": []}\n'
    return head + ', "interviews": [\n' + ",\n".join(lines) + "\n]}\n"


def parse_export(text: str) -> tuple[list[Entry], list[Profile]]:
    """A JSON export's interviews and saved profiles, all validated (an export
    without a ``profiles`` list, as older versions wrote, has none)."""
    entries, profiles, _ = parse_export_signs(text)
    return entries, profiles


def _export_catalog(raw: Any) -> tuple[Catalog, list[Signal]]:
    """The active catalog plus the export's signs of your own (one the catalog has
    already, defined the same, is not new; defined otherwise, it is refused)."""
    if not isinstance(raw, list):
        raise InputError("signs", raw, "must be a list of signs")
    catalog = current()
    new: list[Signal] = []
    for i, item in enumerate(raw):
        have = next(
            (s for s in catalog.mine if isinstance(item, Mapping) and s.id == item.get("id")), None
        )
        if have is not None:
            without = catalog.with_signs(s for s in catalog.mine if s.id != have.id)
            if sign_to_dict(
                sign_from_dict(item, catalog=without, where=f"signs[{i}].")
            ) != sign_to_dict(have):
                raise InputError(
                    f"signs[{i}].id",
                    have.id,
                    "the journal already has a sign "
                    "with this id, defined otherwise; remove one first",
                )
            continue
        sign = sign_from_dict(item, catalog=catalog, where=f"signs[{i}].")
        new.append(sign)
        catalog = catalog.with_signs((*catalog.mine, sign))
    return catalog, new


def parse_export_signs(text: str) -> tuple[list[Entry], list[Profile], list[Signal]]:
    """:func:`parse_export`, and the signs of your own the export defines that the
    active catalog lacks (its interviews are checked with them)."""
    data = parse_json(text, field="json")  # also too deep or too long numbers: one line
    if isinstance(data, list):  # a bare list of records is accepted too
        data = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "interviews": data}
    if not isinstance(data, Mapping) or data.get("format") != EXPORT_FORMAT:
        got = data.get("format") if isinstance(data, Mapping) else data
        raise InputError("format", got, f"is not an {EXPORT_FORMAT} export")
    if data.get("version") != EXPORT_VERSION:
        raise InputError(
            "version",
            data.get("version"),
            f"unsupported export version (expected {EXPORT_VERSION})",
        )
    records = data.get("interviews")
    if not isinstance(records, list):
        raise InputError("interviews", records, "must be a list of interviews")
    raw_profiles = data.get("profiles", [])
    if not isinstance(raw_profiles, list):
        raise InputError("profiles", raw_profiles, "must be a list of profiles")
    catalog, signs = _export_catalog(data.get("signs", []))
    with using(catalog):
        profiles = [profile_from_record(r, f"profiles[{i}]") for i, r in enumerate(raw_profiles)]
    seen: set[str] = set()
    for i, profile in enumerate(profiles):
        if name_key(profile.name) in seen:
            raise InputError(f"profiles[{i}].name", profile.name, "appears twice")
        seen.add(name_key(profile.name))
    with using(catalog):
        entries = [entry_from_record(r, f"interviews[{i}]") for i, r in enumerate(records)]
    return entries, profiles, signs


#: The journal's own columns before the record's fields ...
HEAD_COLUMNS = ("id", "created", "updated", "revision", "profile")
#: The reading at export time, for a spreadsheet (score 0-100, verdict, coverage: the
#: share of the weighted evidence observed, 0-1). Derived from the record and its
#: weights, so an import reads past them: they are never data.
DERIVED_COLUMNS = ("score", "verdict", "coverage")
#: ... and after the first schema's fields (then ``weight_<id>``, then later fields,
#: last: older exports, without them, still import).
OUTCOME_DATE_COLUMN = "outcome_date"
WEIGHT_PREFIX = "weight_"
_NUMBER_COLUMNS = ("id", "revision")
_TIME_COLUMNS = ("created", "updated", OUTCOME_DATE_COLUMN)
#: Kinds of field held in one cell as compact JSON text (empty cell = none), so the CSV
#: carries lists and objects exactly.
JSON_KINDS = STRUCTURED


def _field_columns(row: Field) -> list[str]:
    """A field's CSV columns: one, or one per observed sign for the signals."""
    header = row.csv_header or ""
    if row.kind == SIGNALS.kind:
        return [f"{header}{s.id}" for s in observed_signals()]
    return [header]


def csv_columns() -> list[str]:
    """Flat CSV columns: journal fields, contract fields, ``signal_<id>``, ``weight_<id>``."""
    first = [c for f in csv_fields() if f.schema <= BASE_SCHEMA for c in _field_columns(f)]
    later = [c for f in csv_fields() if f.schema > BASE_SCHEMA for c in _field_columns(f)]
    return [
        *HEAD_COLUMNS,
        *first,
        OUTCOME_DATE_COLUMN,
        *(f"{WEIGHT_PREFIX}{sid}" for sid in signal_ids()),
        *later,
        *DERIVED_COLUMNS,
    ]


#: Debrief fields that are lists or objects: one cell each, as compact JSON text.
JSON_COLUMNS = tuple(f.csv_header for f in csv_fields() if f.kind in JSON_KINDS)


def _field_cells(row: Field, value: Any) -> list[Any]:
    """A field's cells: free text guarded, lists and objects as JSON text, signals one
    cell per sign, numbers and dates as they are (empty cell = null)."""
    kind = row.kind
    if kind == Kind.TEXT:
        return [guard_cell(value)]
    if kind == SIGNALS.kind:
        return [_cell(value.get(s.id)) for s in observed_signals()]
    if kind in JSON_KINDS:
        return [
            ""
            if not value
            else guard_cell(
                json.dumps(json_value(row, value), ensure_ascii=False, separators=(",", ":"))
            )
        ]
    return [_cell(value)]


def _cell(value: Any) -> Any:
    return "" if value is None else value


#: A spreadsheet runs a cell starting with one of these as a formula (CSV injection:
#: a company name like ``=HYPERLINK(...)`` in an export opened in a spreadsheet), also
#: after leading spaces or line breaks, and in their full-width forms, which some
#: spreadsheets read as the ASCII ones; ``|`` starts a DDE call in older ones.
FORMULA_START = ("=", "+", "-", "@", "|", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\uff5c")
#: Cells starting with these are guarded whatever follows (as before: a leading tab
#: or carriage return is how some injections hide).
GUARDED_START = ("\t", "\r")
#: Prefix that makes such a text cell inert; it is itself escaped by doubling.
CSV_GUARD = "'"


def _needs_guard(text: str) -> bool:
    return text.startswith((*GUARDED_START, CSV_GUARD)) or text.lstrip().startswith(FORMULA_START)


def guard_cell(text: str) -> str:
    """A free-text cell a spreadsheet shows as text, never evaluates.

    A cell starting with a formula character (after any leading whitespace), or
    with the guard itself, gets one guard in front; :func:`unguard_cell` removes
    exactly that one, so the CSV round-trip stays exact (``'abc`` is written
    ``''abc`` and read back as ``'abc``).
    """
    return CSV_GUARD + text if _needs_guard(text) else text


def unguard_cell(text: str) -> str:
    """Undo :func:`guard_cell`. A guard not followed by a text it protects is kept
    (an older export's ``'abc`` stays ``'abc``)."""
    if text.startswith(CSV_GUARD) and _needs_guard(text[1:]):
        return text[1:]
    return text


def export_csv(entries: Iterable[Entry]) -> str:
    """One row per interview; empty cell = null. Floats use ``repr`` (exact round-trip).

    Free-text cells (company, role, stage, notes, profile, went_well, and the debrief's
    lists as JSON text) pass through :func:`guard_cell`, so the file is safe to open
    in a spreadsheet; numbers and validated dates need no guard (a negative number is
    data, not a formula).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns())
    first = [f for f in csv_fields() if f.schema <= BASE_SCHEMA]
    later = [f for f in csv_fields() if f.schema > BASE_SCHEMA]
    weights = signal_ids()
    entries = list(entries)
    reading = {r.id: r for r in history_rows(entries)}  # scored in one batch
    for e in entries:
        i = e.interview
        row = reading[e.id]
        writer.writerow(
            [
                e.id,
                e.created,
                e.updated,
                e.revision,
                guard_cell(e.profile),
                *(cell for f in first for cell in _field_cells(f, i.value(f.key))),
                _cell(e.outcome_date),
                *(e.weights[w] for w in weights),
                *(cell for f in later for cell in _field_cells(f, i.value(f.key))),
                round(row.score, 1),
                row.verdict,
                round(row.confidence, 3),
            ]
        )
    return out.getvalue()


def _csv_number(field: str, text: str) -> float | int | None:
    if text.strip() == "":
        return None
    try:
        return int(text) if field in _NUMBER_COLUMNS else float(text)
    except ValueError:
        raise InputError(field, text, "must be a number") from None


def parse_export_csv(text: str) -> list[Entry]:
    """Validate a CSV export completely (columns as :func:`csv_columns`; extra ones refused)."""
    reader = csv.DictReader(io.StringIO(text))
    previous = csv.field_size_limit(MAX_CSV_CELL)  # the module's limit is process-wide
    try:  # csv.Error: e.g. a cell over the size limit
        columns = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as error:
        raise InputError(
            "csv", f"after line {reader.line_num}", f"malformed CSV: {error}"
        ) from None
    finally:
        csv.field_size_limit(previous)
    known = set(csv_columns())
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise InputError("csv", unknown[0], "is not a column of a journal export")
    twice = [c for n, c in enumerate(columns) if c in columns[:n]]
    if twice:  # DictReader would silently keep the last one
        raise InputError("csv", twice[0], "is a column that appears twice")
    for f in csv_fields():
        if f.required and f.csv_header not in columns:
            raise InputError("csv", columns[:3], f"has no {f.csv_header} column")
    by_header = {f.csv_header: f for f in csv_fields() if f.kind != SIGNALS.kind}
    signal_prefix = SIGNALS.csv_header or ""
    entries = []
    for n, row in enumerate(rows, start=2):
        where = f"line {n}"
        try:
            if None in row:
                raise InputError("csv", row[None], "has more cells than columns")
            signals: dict[str, Any] = {}
            record: dict[str, Any] = {SIGNALS.json_key: signals}
            weights: dict[str, Any] = {}
            for name, cell in row.items():
                cell = cell or ""
                field = by_header.get(name)
                if field is not None:
                    _read_cell(record, field, name, cell)
                elif name in DERIVED_COLUMNS:
                    continue  # the reading at export time: derived, never data
                elif name.startswith(signal_prefix):
                    signals[name[len(signal_prefix) :]] = _csv_number(name, cell)
                elif name.startswith(WEIGHT_PREFIX):
                    if cell != "":
                        weights[name[len(WEIGHT_PREFIX) :]] = _csv_number(name, cell)
                elif name in _NUMBER_COLUMNS:
                    value = _csv_number(name, cell)
                    if value is not None:
                        record[name] = value
                elif name in _TIME_COLUMNS:
                    if cell != "":
                        record[name] = cell
                else:  # free text: the profile
                    record[name] = unguard_cell(cell)
            record["weights"] = weights or None
        except InputError as error:
            raise prefixed(where, error) from None
        entries.append(entry_from_record(record, where))
    return entries


def _read_cell(record: dict[str, Any], field: Field, name: str, cell: str) -> None:
    """One field's cell into ``record`` by its kind (empty = absent, text excepted)."""
    kind = field.kind
    if kind == Kind.TEXT:
        record[field.json_key] = unguard_cell(cell)
    elif kind == Kind.NUMBER:
        value = _csv_number(name, cell)
        if value is not None:
            record[field.json_key] = value
    elif cell == "":
        return
    elif kind in JSON_KINDS:
        record[field.json_key] = parse_json(unguard_cell(cell), field=name)
    else:  # a date or a choice, checked by the record
        record[field.json_key] = cell
