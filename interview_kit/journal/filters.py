"""Which journal rows a listing keeps: the SQL ``WHERE`` of :meth:`Journal.entries`.

Filtering happens in SQLite, on the columns and on the stored JSON (``json_each``
over the questions), so a search through 10,000 records parses none of them in
Python. Case is folded with Unicode rules (``folded``, registered on every
connection in :mod:`interview_kit.journal.schema`), and companies and roles match
as the core groups applications (``application``: case and spacing ignored).
"""

from __future__ import annotations

from typing import Any

from ..core.applications import fold
from ..core.fields import COMPANY, OUTCOME, ROLE
from .records import check_outcome

#: Where ``--search`` looks: the same fields as the History search
#: (:func:`interview_kit.journal.history.searchable_text`): company, role, notes, what
#: went well, each question they asked with your answer, your questions, the people met.
SEARCH_SQL = (
    "(instr(folded(company), :needle) OR instr(folded(role), :needle)"
    " OR instr(folded(json_extract(data, '$.notes')), :needle)"
    " OR instr(folded(json_extract(data, '$.went_well')), :needle)"
    " OR EXISTS (SELECT 1 FROM json_each(data, '$.questions') AS q"
    " WHERE instr(folded(json_extract(q.value, '$.question')), :needle)"
    " OR instr(folded(json_extract(q.value, '$.answer')), :needle))"
    " OR EXISTS (SELECT 1 FROM json_each(data, '$.my_questions') AS m"
    " WHERE instr(folded(m.value), :needle))"
    " OR EXISTS (SELECT 1 FROM json_each(data, '$.interviewers') AS p"
    " WHERE instr(folded(json_extract(p.value, '$.name')), :needle)"
    " OR instr(folded(json_extract(p.value, '$.role')), :needle)))"
)


#: An empty text in SQL: a part of the application not asked for matches anything.
_ANY = "''"


def search_needle(text: str) -> str | None:
    """The folded text a search looks for (as History folds it); None when blank."""
    needle = fold(text)
    return needle or None


def where_clause(
    *,
    company: str | None = None,
    role: str | None = None,
    outcome: str | None = None,
    profile: str | None = None,
    pending: bool | None = None,
    search: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """``(" WHERE ...", params)`` for the filters given; ``("", {})`` for none."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if company is not None or role is not None:  # a part not asked for matches anything
        columns = (
            f"{COMPANY.sql_column if company is not None else _ANY}, "
            f"{ROLE.sql_column if role is not None else _ANY}"
        )
        where.append(f"application({columns}) = application(:company, :role)")
        params.update(company=company or "", role=role or "")
    if outcome is not None:
        wanted = check_outcome(outcome)
        if wanted is None:  # "pending": no outcome yet, which SQL's `= NULL` never matches
            where.append(f"{OUTCOME.sql_column} IS NULL")
        else:
            where.append(f"{OUTCOME.sql_column} = :wanted_outcome")
            params["wanted_outcome"] = wanted
    if profile is not None:
        where.append("profile = :profile")
        params["profile"] = profile
    if pending is not None:
        where.append(
            f"{OUTCOME.sql_column} IS NULL" if pending else f"{OUTCOME.sql_column} IS NOT NULL"
        )
    needle = None if search is None else search_needle(search)
    if needle is not None:
        where.append(SEARCH_SQL)
        params["needle"] = needle
    return (" WHERE " + " AND ".join(where) if where else ""), params
