"""The private journal: one SQLite file of interviews, outcomes and weight profiles.

``records`` (the saved entry and profile types and their checks), ``schema`` (the
file's format, creation and header checks), ``migrations``, ``store`` (the
``Journal``, :func:`~interview_kit.journal.store.open_journal` and the lazy
``JournalSource``), ``exchange`` (JSON/CSV export and import), ``history`` (scored
rows), ``reminders`` (thank-you and follow-up dates, ``.ics``) and ``frames`` (pandas).
Imports the core only.
"""
