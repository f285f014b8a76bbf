"""Moving interviews and profiles in and out of the journal: JSON and CSV imports
(all or nothing) and exports (by id)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..core.errors import InputError
from ..core.my_signs import sign_to_dict
from ..core.signals import Signal
from .base import COLUMNS
from .entries import EntriesMixin
from .exchange import (
    export_csv,
    parse_export_csv,
    parse_export_signs,
    profile_line,
    sign_line,
    wrap_export,
)
from .identity import IdentityMixin, export_uid
from .queries import QueriesMixin
from .records import Entry, Profile, now_utc
from .schema import JournalError
from .signs import SignsMixin


class TransferMixin(EntriesMixin, QueriesMixin, SignsMixin, IdentityMixin):
    """Imports write through the entries' insert; exports read the listings."""

    def import_entries(
        self,
        entries: Iterable[Entry],
        profiles: Iterable[Profile] = (),
        signs: Iterable[Signal] = (),
    ) -> list[int]:
        """Add validated entries (and saved profiles) in one transaction (all or nothing).

        An entry keeps its id when that id is free; one identical to the stored
        record with its id is skipped (importing twice adds nothing); otherwise
        it gets a new id. A profile is added when its name is free and skipped
        when the journal already has it with the same weights; the same name
        with other weights refuses the whole import (nothing is overwritten).
        Signs of your own the journal lacks are added first (the interviews may name
        them). Returns the journal id of each entry, in order.
        """
        signs = list(signs)
        entries = list(entries)
        profiles = list(profiles)
        ids: list[int] = []
        with self._tx() as conn:
            self._unstick_sequence(conn)
            have = {s.id for s in self._catalog_in(conn).signals}
            for sign in signs:
                if sign.id not in have:
                    conn.execute(
                        "INSERT INTO signs (id, data, created) VALUES (?, ?, ?)",
                        (sign.id, json.dumps(sign_to_dict(sign)), now_utc()),
                    )
            for i, profile in enumerate(profiles):
                row = conn.execute(
                    "SELECT name, weights FROM profiles WHERE name = ?", (profile.name,)
                ).fetchone()
                if row is None:
                    conn.execute(
                        "INSERT INTO profiles VALUES (?, ?, ?, ?, ?)",
                        (
                            profile.name,
                            json.dumps(dict(profile.weights)),
                            profile.note,
                            profile.created,
                            profile.updated,
                        ),
                    )
                elif json.loads(row[1]) != dict(profile.weights):
                    raise InputError(
                        f"profiles[{i}].name",
                        profile.name,
                        f"the journal already has a profile {row[0]!r} with "
                        "other weights; rename or delete one first",
                    )
            for e in entries:
                if e.id:
                    row = conn.execute(
                        f"SELECT {COLUMNS} FROM interviews WHERE id = ?", (e.id,)
                    ).fetchone()
                    if row is None:
                        ids.append(self._insert(conn, e, keep_id=True))
                        continue
                    if self._entry(row).to_record() == e.to_record():
                        ids.append(e.id)
                        continue
                ids.append(self._insert(conn, e, keep_id=False))
        if signs:
            self.activate_signs()
        return ids

    def import_json(self, text: str) -> list[int]:
        """Import a JSON export (interviews, profiles, signs), all or nothing; into a journal
        with no interviews yet, the export's journal id too (a restore keeps its UIDs)."""
        parsed = parse_export_signs(text)
        self._adopt_uid(export_uid(text))
        return self.import_entries(*parsed)

    def import_csv(self, text: str) -> list[int]:
        """Import a CSV export, all or nothing (CSV carries no profiles)."""
        return self.import_entries(parse_export_csv(text))

    def export_json(self) -> str:
        """The JSON export, by id. Same text as :func:`export_json` of the entries
        and saved profiles, but spliced from the stored JSON (validated when
        written) rather than re-parsed: a 10,000-record export stays far under a second."""
        dumps = json.dumps
        lines = []
        for row in self._query(f"SELECT {COLUMNS} FROM interviews ORDER BY id"):
            self._check_row(row)
            id_, data, weights, profile, created, updated, revision, outcome_date = row
            if not (
                data.startswith('{"schema": ')
                and data.endswith("}")
                and weights.startswith("{")
                and weights.endswith("}")
            ):
                raise JournalError(
                    self.path,
                    f"record {id_} is damaged (its data or weights "
                    "are not a JSON object); left as it is",
                )
            lines.append(
                f'{data[:-1]}, "id": {id_}, "created": {dumps(created)}, '
                f'"updated": {dumps(updated)}, "revision": {revision}, "weights": {weights}, '
                f'"profile": {dumps(profile, ensure_ascii=False)}, '
                f'"outcome_date": {dumps(outcome_date)}}}'
            )
        return wrap_export(
            lines,
            [profile_line(p) for p in self.profiles()[1:]],
            [sign_line(s) for s in self.signs()],
            self.journal_uid,
        )

    def export_csv(self) -> str:
        """The CSV export, by id (see :func:`export_csv`)."""
        return export_csv(self._by_id())

    def _by_id(self) -> list[Entry]:
        return sorted(self.entries(), key=lambda e: e.id)  # entries() reuses parsed rows
