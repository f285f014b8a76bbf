"""Which journal rows a listing keeps: the SQL ``WHERE`` of :meth:`Journal.entries`.

Filtering happens in SQLite, on the columns and on the stored JSON (``json_each``
over the questions), so a search through 10,000 records parses none of them in
Python. Case is folded with Unicode rules (``folded``, registered on every
connection in :mod:`interview_kit.journal.schema`), and companies and roles match
as the core groups applications (``application``: case and spacing ignored).
"""

from __future__ import annotations

from typing import Any

from .records import check_outcome

#: Where ``--search`` looks: the company, the role, the notes, and every question
#: they asked with your answer to it.
SEARCH_SQL = (
    "(instr(folded(company), :needle) OR instr(folded(role), :needle)"
    " OR instr(folded(json_extract(data, '$.notes')), :needle)"
    " OR EXISTS (SELECT 1 FROM json_each(data, '$.questions') AS q"
    " WHERE instr(folded(json_extract(q.value, '$.question')), :needle)"
    " OR instr(folded(json_extract(q.value, '$.answer')), :needle)))"
)


def search_needle(text: str) -> str | None:
    """The folded text a search looks for; None (no filter) when it is blank."""
    needle = text.strip().casefold()
    return needle or None


def where_clause(*, company: str | None = None, role: str | None = None,
                 outcome: str | None = None, profile: str | None = None,
                 pending: bool | None = None,
                 search: str | None = None) -> tuple[str, dict[str, Any]]:
    """``(" WHERE ...", params)`` for the filters given; ``("", {})`` for none."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if company is not None and role is not None:
        where.append("application(company, role) = application(:company, :role)")
        params.update(company=company, role=role)
    elif company is not None:
        where.append("application(company, '') = application(:company, '')")
        params["company"] = company
    elif role is not None:
        where.append("application('', role) = application('', :role)")
        params["role"] = role
    if outcome is not None:
        wanted = check_outcome(outcome)
        if wanted is None:  # "pending": no outcome yet, which SQL's `= NULL` never matches
            where.append("outcome IS NULL")
        else:
            where.append("outcome = :outcome")
            params["outcome"] = wanted
    if profile is not None:
        where.append("profile = :profile")
        params["profile"] = profile
    if pending is not None:
        where.append("outcome IS NULL" if pending else "outcome IS NOT NULL")
    needle = None if search is None else search_needle(search)
    if needle is not None:
        where.append(SEARCH_SQL)
        params["needle"] = needle
    return (" WHERE " + " AND ".join(where) if where else ""), params
