"""The ipywidgets dashboard: a small widget kit, the session (state, the one journal
source, theme), the form built from the catalog and the field table, the App (the one
update funnel) and one module per panel. Panels receive the session, never the App.

How the page works (a store, as in Solara):

- The session's :class:`~.session.State` is one frozen value, replaced on each change.
  Controls send their changes into the App's funnel, which puts the page's values in
  the state; one pure function, :func:`~.derive.derive`, gives the reading (the
  interview validated by the core, and its score) from those values alone; the views
  render from the state. ``state.unsaved`` says whether the page differs from what
  was last saved (:mod:`.record`), and the status beside Save, the question before
  discarding (:mod:`.dialogs`), the draft (:mod:`.drafts`) and the browser's "leave
  the page?" follow it. Save is :mod:`.saving` (based on the revision loaded, merged
  with :func:`~interview_kit.core.merge.merge_records` when the journal moved on).
- What moves is typed (:mod:`.events`): a panel *requests* what only the App can do
  (``session.request(Begin(...))``, ``ShowTab``, ``SetWeights`` ...), carried out in
  ``App._handle``; the session *announces* changes (``JournalChanged``,
  ``ReadingChanged`` ...) to whoever listens with ``session.on(EventClass, callback)``.

Adding a panel (a tab): write a class that takes the session and has ``title``,
``container`` and ``shown()``, then add one line to :data:`.panels.PANELS`. It is built
on its first visit, in that order; nothing else changes (``App.add_panel`` adds a tab
at run time, e.g. from a notebook).
"""
