"""The dashboard: an action bar, then the catalog-built form beside a live reading.

One :class:`App` owns the widgets (built in small private methods), funnels every
change into :meth:`App._update` and every panel's request (a typed event) into
:meth:`App._handle`. Its state is the session's one frozen
:class:`~interview_kit.ui.session.State`, replaced, never mutated; the panels
(weights, journal, History, Calibration) receive the session, never the App. User
text reaches the page only through ``Label``, ``Textarea`` or ``html.escape``; every
value is validated by the core first.

Stable CSS classes (``widget.add_class``) for browser tests and styling:

=====================  ===============================================================
``ik-app``             the root container (``App.container``)
``ik-tabs``            the Tab holding the panels (reading view first)
``ik-action-bar``      the top of the Reading tab (sticky on a wide screen): score,
                       Save / New / Next round, outcome, downloads, status messages
``ik-reading-view``    the reading column (``ik-stale`` while a value is wrong)
``ik-form``            the form (VBox)
``ik-company``         company Text; ``ik-role`` role Text; ``ik-date`` DatePicker;
                       ``ik-stage`` stage Dropdown
``ik-scheduled``       booked minutes (Text; a number, required)
``ik-actual``          actual minutes (Text; blank = not noted)
``ik-share``           behavioural share Dropdown ("Didn't notice", 0%..100%)
``ik-signal-<id>``     one Dropdown per observed signal (e.g. ``ik-signal-engagement``);
                       options: "Didn't notice", then "−2 · words" .. "+2 · words";
                       every one also has ``ik-signal``
``ik-info-<id>``       the signal's "About <label>" ``<details>`` (its ``<summary>`` opens it;
                       class ``ik-info``), under the ends of its scale (``ik-ends``)
``ik-notes``           notes Textarea
``ik-debrief``         the form's Debrief Accordion (collapsed; built when first opened):
                       rows of who you met and questions, ``ik-went-well`` ("One thing
                       that went well"), your read, the dates, the thank-you draft
                       (see :mod:`interview_kit.ui.debrief`)
``ik-chart``           the radar ``Image`` (its ``title`` is the reading in words)
``ik-chart-summary``   the same reading as visible text under the chart
``ik-chart-theme``     ToggleButtons: light or dark chart colours (Voila light/dark theme)
``ik-score-line``      the action bar's score line (one HTML block) holding:
``ik-overall``         the overall score ("Overall 64 / 100"; words instead when unclear)
``ik-verdict``         the verdict ("Verdict: promising" / mixed / concerning / unclear)
``ik-confidence``      the coverage ("Based on 6 of 8 signs": what confidence measures)
``ik-jump``            the link from the score line to the full reading
``ik-reading``         the reading (:mod:`interview_kit.ui.reading`): what went well,
                       worth noting, focus, next steps, then the points (HTML, escaped)
``ik-error``           "the reading is out of date" while a value is wrong (empty when
                       all is well); a field's own message is ``ik-field-message``
                       right after it, and the field has ``ik-invalid`` and (through the
                       page aid) ``aria-invalid`` / ``aria-describedby``
``ik-picked``          under a sign's menu on a phone: the picked level's full words
``ik-weights``         the weights Accordion (collapsed; its contents are built when
                       first opened, as are the History and Calibration tabs)
``ik-weight-<id>``     one FloatText per catalog signal (e.g. ``ik-weight-duration``)
``ik-weights-reset``   Button: back to the catalog's default weights
``ik-save-png``        HTML widget holding ``<a download="interview-radar.png">``: it saves
                       the chart on screen (its address is set as it is followed)
``ik-download-json``   HTML widget holding ``<a download="interview-assessment.json">``
``ik-json-view``       the Accordion holding the assessment and interview JSON
                       (collapsed; built when first opened)
``ik-json``            Textarea with the assessment JSON (to copy); ``ik-interview-json``
                       the interview's, debrief included
``ik-profile-*``       weights panel profiles: ``-select`` Dropdown, ``-load``, ``-delete``
                       (asks to confirm), ``-name`` Text, ``-save`` Buttons, ``-message``
``ik-sensitivity``     the weights panel's sensitivity ``<img>`` (drawn while it is open)
``ik-calibration``     the Calibration tab (see :mod:`interview_kit.ui.calibration`)
``ik-journal``         the journal controls (:mod:`interview_kit.ui.journal`): ``ik-save``,
                       ``ik-new``, ``ik-next-round``, ``ik-saved-status``, ``ik-outcome``,
                       ``ik-outcome-date``, ``ik-outcome-save``, ``ik-followup``, ``ik-ics``,
                       ``ik-journal-error`` (the App shows them in its action bar)
``ik-confirm``         "Discard changes" / "Keep editing" (``ik-confirm-discard``,
                       ``ik-confirm-keep``); ``ik-conflicts`` the merge question
                       (``ik-conflict-choice`` each, ``ik-conflict-save``)
``ik-draft-offer``     ``ik-draft-restore`` / ``ik-draft-discard``; ``ik-draft-status``
``ik-unsaved``         on ``ik-saved-status`` while the page has unsaved changes
=====================  ===============================================================

The ``<input>``/``<select>`` of a control sits inside the element carrying its
class (e.g. ``.ik-company input``, ``.ik-signal-engagement select``,
``.ik-chart`` is the ``<img>`` itself, ``.ik-save-png a``).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import ipywidgets as w

from ..charts.radar import RadarChart, spoke_signals
from ..core.assessment import Assessment
from ..core.errors import InputError
from ..core.fields import OUTCOME
from ..core.interview import Interview
from ..core.weights import default_weights, validate_weights
from .derive import derive
from .dialogs import ConfirmDiscard
from .drafts import DraftKeeper, draft_base, draft_page, draft_payload
from .events import (
    Begin,
    Focus,
    LinkChanged,
    Load,
    NextRound,
    ReadingChanged,
    Request,
    SetWeights,
    ShowTab,
    SignsChanged,
)
from .form import InterviewForm
from .journal import JournalControls
from .kit import PageAid, alert_html, html_widget, loading_widget, shared_layout
from .panels import PANELS, Deferred, Panel
from .reading_view import ReadingView, page_theme
from .record import PageRecord, differs
from .session import (
    CALIBRATION_TAB,
    HISTORY_TAB,
    READING_TAB,
    Session,
    State,
    new_interview,
)
from .style import CSS
from .weights import WeightsPanel

if TYPE_CHECKING:  # the History and Calibration panels are imported when first built
    from ..journal.store import Draft, JournalArg
    from .calibration import CalibrationPanel
    from .history import HistoryPanel

__all__ = ["App", "Deferred", "Panel", "page_theme"]


class App:
    """The dashboard. Show ``App().container``; ``add_panel`` adds more tabs.

    ``journal``: a :class:`~interview_kit.journal.store.Journal` or a path; None opens
    the default journal (``$INTERVIEW_KIT_JOURNAL`` or the user data folder) on first
    use. One journal serves saving, History, profiles and calibration.
    """

    def __init__(
        self, theme: str = "light", interview: Interview | None = None, journal: JournalArg = None
    ) -> None:
        self.session = Session(journal, theme=theme, handle=self._handle)
        self._loading = loading_widget()  # one model, shown wherever a part is not built
        self.aid = PageAid(layout=shared_layout())
        self.form = InterviewForm(self._loading, focus=self.aid.focus)
        self.chart = RadarChart(theme=theme)
        self._holding = False
        #: The reading's widgets (chart, score line, reading, downloads, JSON view).
        self.view = ReadingView(theme, self._loading)
        v = self.view  # the names the rest of the kit and the tests use
        self.chart_image, self.chart_summary, self.score_line = (
            v.chart_image,
            v.chart_summary,
            v.score_line,
        )
        self.reading, self.error_box, self.theme_toggle = v.reading, v.error_box, v.theme_toggle
        self.save_png, self.download_json, self.json_view = (
            v.save_png,
            v.download_json,
            v.json_view,
        )
        self.weights_panel = WeightsPanel(self.session, self._loading)
        self.journal_controls = JournalControls(self.session, focus=self.aid.focus)
        self.confirm = ConfirmDiscard(self.aid.focus)
        self.drafts = DraftKeeper(self.session, self._draft_data, self._restore_draft)
        self._panels: list[Panel | None] = [None]
        self.tabs = w.Tab(children=[self._reading_view()], layout=shared_layout())
        self.tabs.set_title(0, READING_TAB)
        self.tabs.add_class("ik-tabs")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.container = w.VBox(
            [html_widget(CSS), self.aid, self.tabs], layout=shared_layout(width="100%")
        )
        self.container.add_class("ik-app")
        self.form.observe(self._on_change)
        self.weights_panel.observe(self._on_change)
        self.session.on(SignsChanged, lambda _e: self._on_signs())
        self.theme_toggle.observe(self._on_change, names="value")
        for control in (self.journal_controls.outcome, self.journal_controls.outcome_date):
            control.observe(self._on_change, names="value")
        self.aid.observe(self._on_hello, names="hello")
        # The registered tabs, built when first opened (or first asked for): the first
        # page holds only what is seen (the browser creates a quarter of the models).
        self.deferred: dict[str, Deferred[Panel]] = {}
        for spec in PANELS:
            self.deferred[spec.title] = Deferred(
                spec.title, functools.partial(spec.build, self.session), self._loading
            )
            self.add_panel(self.deferred[spec.title])
        self._history = self.deferred[HISTORY_TAB]  # for the typed accessors below
        self._calibration = self.deferred[CALIBRATION_TAB]
        if Path(self.session.source.location()).is_file():
            self.session.usable_journal()  # its signs of your own are form controls
        if interview is not None:
            with self._hold():
                self.form.set_interview(interview)
            self.session.replace(saved=PageRecord(interview))
        self._update()

    # -- public accessors ----------------------------------------------------
    @property
    def state(self) -> State:
        """The session's state: what the page shows now."""
        return self.session.state

    @property
    def history(self) -> HistoryPanel:
        """The History tab's panel (built now if it has not been opened yet)."""
        return cast("HistoryPanel", self._history.panel())

    @property
    def calibration(self) -> CalibrationPanel:
        """The Calibration tab's panel (built now if it has not been opened yet)."""
        return cast("CalibrationPanel", self._calibration.panel())

    @property
    def interview(self) -> Interview | None:
        return self.session.state.interview

    @property
    def assessment(self) -> Assessment | None:
        return self.session.state.assessment

    @property
    def weights(self) -> dict[str, float]:
        return dict(self.session.state.weights)

    @property
    def error(self) -> str:
        return self.session.state.error

    @property
    def overall_text(self) -> str:
        """The score line's words: the overall score (or why there is none)."""
        return self.view.overall_text

    @property
    def verdict_text(self) -> str:
        return self.view.verdict_text

    @property
    def confidence_text(self) -> str:
        return self.view.confidence_text

    @property
    def json_text(self) -> w.Textarea:
        """The assessment JSON Textarea (built now if the view was never opened)."""
        return self.view.json_text

    @property
    def record_text(self) -> w.Textarea:
        """The interview JSON Textarea, with the debrief (built with the view)."""
        return self.view.record_text

    @property
    def reading_column(self) -> w.VBox:
        """The reading column (``ik-reading-view``)."""
        assert self.view.column is not None  # built with the App
        return self.view.column

    # -- the one funnel for requests ----------------------------------------------
    def _handle(self, event: Request) -> None:
        """Carry out a panel's request (see :mod:`interview_kit.ui.events`)."""
        if isinstance(event, Begin):
            if event.ask and self.state.unsaved:
                if event.then:  # asked where the unsaved changes are
                    self.show(event.then)
                self.confirm.ask(
                    "This interview has unsaved changes. Discard them?",
                    lambda: self._move(event),
                    back=event.back or "ik-save",
                )
            else:
                self._move(event)
        elif isinstance(event, Load):
            self.load(event.interview)
        elif isinstance(event, SetWeights):
            self.set_weights(event.weights)
        elif isinstance(event, ShowTab):
            self.show(event.title)
        elif isinstance(event, NextRound):
            self.journal_controls.next_round(of=event.of)
        elif isinstance(event, Focus):
            self.aid.focus(event.hook)

    def _move(self, event: Begin) -> None:
        """The page moves to another interview: the form, the outcome controls and
        what counts as saved, in one update; this page's draft goes (the work was
        saved, or discarded on purpose)."""
        entry = event.entry
        with self._hold():
            self.form.set_interview(event.interview)
            self.journal_controls.show_entry(entry)
        self.session.replace(
            linked=entry,
            saved=PageRecord.of(entry) if entry is not None else PageRecord(event.interview),
        )
        self.journal_controls.moved(event.said)
        self.journal_controls.conflicts.close()  # a question about the last one
        self.drafts.drop()
        if event.then:
            self.show(event.then)
        self._update()
        self.session.announce(LinkChanged())

    # -- drafts ----------------------------------------------------------------------
    def _on_hello(self, change: Any) -> None:
        hello = change["new"] or {}
        live = hello.get("live")
        self.drafts.hello(
            str(hello.get("tab") or ""), [str(x) for x in live] if isinstance(live, list) else []
        )

    def _draft_data(self) -> dict[str, Any]:
        """What a draft keeps: the page's values as typed, and what was saved."""
        controls = self.journal_controls
        return draft_payload(
            self.form.draft_values(controls.picked_outcome, controls.picked_date), self.state.saved
        )

    def _restore_draft(self, draft: Draft) -> None:
        """Put a draft back: its values in the form, linked to its entry as it was when
        editing began (so a save merges with what changed since)."""
        linked = draft_base(self.session.usable_journal(), draft)
        with self._hold():
            picked = self.form.restore_values(draft_page(draft))
            self.journal_controls.show_entry(linked)
            self.journal_controls.show_picked(*picked)
        self.session.replace(
            linked=linked,
            saved=PageRecord.of(linked) if linked is not None else PageRecord(new_interview()),
        )
        self.journal_controls.moved("Restored the unsaved interview: not saved yet.")
        self._update()
        self.session.announce(LinkChanged())

    def add_panel(self, panel: Panel) -> None:
        """Add a tab; the panel's ``shown()`` runs each time it is selected."""
        self._panels.append(panel)
        self.tabs.children = (*self.tabs.children, panel.container)
        self.tabs.set_title(len(self.tabs.children) - 1, panel.title)

    def load(self, interview: Interview) -> None:
        """Show an interview, its outcome included (one update, not one per control);
        the link and what counts as saved stay."""
        with self._hold():
            self.form.set_interview(interview)
            self.journal_controls.show_picked(interview.outcome, self.journal_controls.picked_date)
        self._update()

    def set_weights(self, weights: Mapping[str, float]) -> None:
        """Put weights into the panel and re-score (validated in the core)."""
        merged = validate_weights(dict(weights))
        with self._hold():
            self.weights_panel.set_values(merged)
        self._update()

    def reset_weights(self) -> None:
        self.set_weights(default_weights())

    def show(self, title: str) -> None:
        """Select the tab called ``title``."""
        self.tabs.selected_index = list(self.tabs.titles).index(title)

    # -- building --------------------------------------------------------------
    def _action_bar(self) -> w.Widget:
        """Save, New, Next round, the outcome and the downloads, with the score and
        every status message: at the top of the tab, in the first screen at any width
        (and kept in view on a wide one). A phone reads the score here and jumps to
        the whole reading with the link."""
        controls = self.journal_controls
        row = w.Layout(flex_flow="row wrap", align_items="center")
        bar = w.VBox(
            [
                self.drafts.offer,
                self.score_line,
                self.error_box,
                controls.buttons,
                self.confirm.container,
                controls.outcome_row,
                controls.status,
                self.drafts.status,
                controls.conflicts.container,
                w.HBox([self.save_png, self.download_json, controls.ics], layout=row),
                controls.journal_error_box,
            ],
            layout=shared_layout(),
        )
        bar.add_class("ik-action-bar")
        return bar

    def _reading_view(self) -> w.Widget:
        """The action bar, then the form and the reading side by side (the reading
        under the form on a narrow screen): tab order is reading order."""
        column = self.view.make_column(self.journal_controls.followup, self.weights_panel.accordion)
        columns = w.Box(
            [self.form.container, column],
            layout=w.Layout(
                display="flex",
                flex_flow="row wrap",
                align_items="flex-start",
                width="100%",
                grid_gap="1.5em",
            ),
        )
        return w.VBox([self._action_bar(), columns], layout=shared_layout(width="100%"))

    # -- updating --------------------------------------------------------------
    @contextlib.contextmanager
    def _hold(self) -> Iterator[None]:
        previous, self._holding = self._holding, True
        try:
            yield
        finally:
            self._holding = previous

    def _on_signs(self) -> None:
        """The catalog changed (a sign of your own): the form and radar follow it."""
        self.form.refresh_signs()
        self._on_change()

    def _on_change(self, _change: Any = None) -> None:
        if not self._holding:
            self._update()

    def _on_tab(self, _change: Any) -> None:
        """A tab was selected: the state says which; its panel re-reads if it wants."""
        index = self.tabs.selected_index or 0
        self.session.replace(tab=self.tabs.titles[index])
        panel = self._panels[index]
        if panel is not None:
            panel.shown()

    def _update(self) -> None:
        """Read the controls into the state's values, derive the reading from them
        (:func:`~interview_kit.ui.derive.derive`), and redraw."""
        theme = self.theme_toggle.value
        profile = self.weights_panel.profile
        controls = self.journal_controls
        values = {**self.form.to_dict(typed=True), OUTCOME.key: controls.picked_outcome}
        self.session.replace(
            values=values, theme=theme, profile=profile, outcome_date=controls.picked_date
        )
        reading = derive(values, self.weights_panel.values())
        if reading.error is not None:
            self.session.replace(error=str(reading.error))
            self._show_error(reading.error)
            self._after_update()
            return
        interview, weights, assessment = reading.interview, reading.weights, reading.assessment
        assert interview is not None and weights is not None and assessment is not None
        if self.chart.theme_name != theme or self.chart.spokes != spoke_signals():
            self.chart = RadarChart(theme=theme)  # a sign of your own is a new spoke
        self.chart.update(interview, title=interview.company)
        self.session.replace(
            interview=interview,
            weights=weights,
            assessment=assessment,
            error="",
            png=self.chart.to_png(),
        )
        self.form.debrief.follow(interview)
        self._show_error()
        self.view.show_reading(assessment, interview, self.session.state.png)
        self._after_update()
        self.session.announce(ReadingChanged())

    def _after_update(self) -> None:
        """Whether the page differs from what was saved: the status beside Save, the
        browser's "leave the page?" and the draft follow."""
        state = self.session.state
        self.session.replace(unsaved=differs(state.page, state.saved))
        self.aid.unsaved = self.session.state.unsaved
        self.journal_controls.show_state()
        self.drafts.changed()

    def _show_error(self, error: InputError | None = None) -> None:
        """Mark the field at fault with its message beside it, and say the reading is
        out of date (its score is never shown as current, its downloads withdrawn)."""
        invalid = {**self.form.show_error(error), **self.weights_panel.messages.show(error)}
        self.aid.invalid = invalid
        if error is None:
            self.view.show_current()
            return
        if invalid:  # the alert is the field's own message: this one only says so
            in_weights = error.field.startswith("weights.")
            if in_weights:
                self.weights_panel.accordion.selected_index = 0
            where = (
                "the weights panel"
                if in_weights
                else "the form's Debrief section"
                if self.form.debrief.owns(error.field)
                else "the form"
            )
            notice = (
                "<div class='ik-error' role='status'>The reading is out of date until the "
                f"value marked in {where} is fixed.</div>"
            )
        else:  # no field to mark: the whole message here
            notice = alert_html(str(error), "Please check this value: ")
        self.view.show_stale(notice, self.chart.to_png)
