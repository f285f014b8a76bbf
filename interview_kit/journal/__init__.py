"""The private journal: one SQLite file of interviews, outcomes and weight profiles.

``records`` (the saved entry and profile types and their checks), ``schema`` (the
file's format, creation and header checks), ``migrations``, ``store`` (the
``Journal``, :func:`~interview_kit.journal.store.open_journal` and the lazy
``JournalSource``; the journal's methods live by what they do in ``base``,
``entries``, ``profiles``, ``queries``, ``transfer`` and ``drafts``; ``revisions``: a
write based on an older revision is refused), ``exchange`` (JSON/CSV
export and import), ``history`` (scored rows), ``filters`` (a listing's SQL filters
and search), ``due`` (the due query; the rules are :mod:`interview_kit.core.due`'s),
``reminders`` (the same dates as ``.ics``) and ``frames`` (pandas).
Imports the core only.
"""
