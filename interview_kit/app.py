"""The dashboard: the catalog-built form beside a live reading of the interview.

One :class:`App` owns the widgets (built in small private methods) and funnels
every change into :meth:`App._update`. Its state is one frozen :class:`State`,
replaced, never mutated. User text reaches the page only through ``Label``,
``Textarea`` or ``html.escape``; every value is validated by the core first.

Stable CSS classes (``widget.add_class``) for browser tests and styling:

=====================  ===============================================================
``ik-app``             the root container (``App.container``)
``ik-tabs``            the Tab holding the panels (reading view first)
``ik-form``            the form (VBox)
``ik-company``         company Text; ``ik-role`` role Text; ``ik-date`` DatePicker;
                       ``ik-stage`` stage Dropdown
``ik-scheduled``       booked minutes (Text; a number, required)
``ik-actual``          actual minutes (Text; blank = not noted)
``ik-share``           behavioural share Dropdown ("Didn't notice", 0%..100%)
``ik-signal-<id>``     one Dropdown per observed signal (e.g. ``ik-signal-engagement``);
                       options: "Didn't notice", then "−2 · words" .. "+2 · words";
                       every one also has ``ik-signal``
``ik-info-<id>``       the signal's "About <label>" ToggleButton (text: ``ik-info``)
``ik-notes``           notes Textarea
``ik-chart``           the radar ``Image`` (its ``title`` is the reading in words)
``ik-chart-summary``   the same reading as visible text under the chart
``ik-chart-theme``     ToggleButtons: light or dark chart colours (Voila light/dark theme)
``ik-overall``         overall score Label ("Overall 64 / 100")
``ik-verdict``         verdict Label ("Verdict: promising" / mixed / concerning / unclear)
``ik-confidence``      confidence Label ("Confidence 88%")
``ik-reading``         contributions, strengths, concerns and next steps (HTML, escaped)
``ik-error``           message for invalid input (HTML, escaped; empty when all is well)
``ik-weights``         the weights Accordion (collapsed by default)
``ik-weight-<id>``     one FloatText per catalog signal (e.g. ``ik-weight-duration``)
``ik-weights-reset``   Button: back to the catalog's default weights
``ik-save-png``        HTML widget holding ``<a download="interview-radar.png">``
``ik-download-json``   HTML widget holding ``<a download="interview-assessment.json">``
``ik-json``            Textarea with the assessment JSON (to copy)
``ik-profile-*``       weights panel profiles: ``-select`` Dropdown, ``-load``, ``-delete``
                       (asks to confirm), ``-name`` Text, ``-save`` Buttons, ``-message``
``ik-sensitivity``     the weights panel's sensitivity ``<img>`` (drawn while it is open)
``ik-calibration``     the Calibration tab (see :mod:`interview_kit.calibration_view`)
``ik-journal``         the journal controls (``interview_kit.journal_panel``): ``ik-save``,
                       ``ik-new``, ``ik-saved-status``, ``ik-outcome``, ``ik-outcome-date``,
                       ``ik-outcome-save``, ``ik-followup``, ``ik-ics``, ``ik-journal-error``
=====================  ===============================================================

The ``<input>``/``<select>`` of a control sits inside the element carrying its
class (e.g. ``.ik-company input``, ``.ik-signal-engagement select``,
``.ik-chart`` is the ``<img>`` itself, ``.ik-save-png a``).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import ipywidgets as w

from . import signals as _signals
from .advice import summary
from .calibration_view import CalibrationPanel
from .charts import RadarChart
from .errors import InputError
from .history_view import HistoryPanel
from .interview import Interview
from .journal import Journal
from .journal_panel import JournalArg, JournalControls
from .scoring import Assessment, score
from .weights import default_weights, validate_weights
from .weights_view import JournalSource, ProfileControls, SensitivityView
from .widgets import (
    ChartImage,
    InterviewForm,
    alert_html,
    download_link,
    paragraph_html,
    show_chart,
    text_widget,
)

#: How a verdict reads on the page where the bare word would puzzle.
_VERDICT_WORDS = {"unclear": "unclear: too little noted to say"}


def page_theme(environ: Mapping[str, str] = os.environ) -> str:
    """The chart colours for the page Voila is serving: "dark" for ``?theme=dark``.

    Voila puts the page's query string in the kernel's ``QUERY_STRING``. A preheated
    kernel has none yet and gets "light", which is right: Voila only hands a pooled
    kernel to a page of the pooled (default, light) theme; a dark page gets a fresh
    kernel that does see its query. Without this a dark page opened on a white chart.
    """
    from urllib.parse import parse_qs

    themes = parse_qs(environ.get("QUERY_STRING", "")).get("theme", [""])
    return "dark" if "dark" in themes[-1].lower() else "light"

_CSS = """
<style>
.ik-app { max-width: 1200px; }
.ik-app .ik-heading { margin: 0.6em 0 0.2em 0; font-size: 1.1em; }
.ik-app p.ik-text { margin: 0.15em 0; line-height: 1.35; }
.ik-app .ik-ends { font-size: 0.85em; }
.ik-app .ik-question { font-weight: 600; }
.ik-app .ik-chart { max-width: 100%; height: auto; }
.ik-app .ik-overall { font-size: 1.4em; font-weight: 700; }
.ik-app .ik-verdict { font-size: 1.1em; font-weight: 600; }
.ik-app .ik-error { color: #b00020; font-weight: 600; }
.ik-app .ik-link a { display: inline-block; padding: 0.35em 0.8em; margin: 0.2em 0.4em 0.2em 0;
  border: 1px solid currentColor; border-radius: 4px; text-decoration: none; }
.ik-app .ik-reading h3 { margin: 0.6em 0 0.2em 0; }
.ik-app .ik-reading ul { margin: 0.1em 0 0.4em 1.2em; padding: 0; }
.ik-app .widget-label { white-space: normal; }
/* Labels that wrap must also grow: a Label's fixed height otherwise hides line two
   (a long company name in the History table showed only its first word). */
.ik-app .ik-saved-status, .ik-app .ik-followup, .ik-app .ik-history-status,
.ik-app .ik-trend-summary, .ik-app .ik-overlay-summary,
.ik-app .ik-history-table .widget-label {
  height: auto; line-height: 1.35; overflow: visible; overflow-wrap: anywhere; }
.ik-app .ik-history-table .widget-label { min-height: 28px; }
/* On a phone the History table keeps its columns and scrolls sideways. */
.ik-app .ik-history-table { overflow-x: auto; }
.ik-app .ik-history-row > *, .ik-app .ik-history-header > * { flex: 0 0 auto; }
.ik-app .ik-history-row .widget-label { padding-top: 4px; }
.ik-app .ik-calibration-table caption { text-align: left; }
.ik-app .ik-reading li { line-height: 1.4; }
.ik-app .ik-tabs .lm-TabBar-tab .lm-TabBar-tabLabel,
.ik-app .jupyter-widget-Collapse-header { color: var(--jp-ui-font-color1, #1a1a1a); }
.ik-app .ik-calibration-table { border-collapse: collapse; margin: 0.4em 0; font-size: 0.9em; }
.ik-app .ik-calibration-table th, .ik-app .ik-calibration-table td {
  padding: 0.15em 0.4em; text-align: left; }
</style>
"""


@dataclass(frozen=True)
class State:
    """Everything the reading shows; replaced as a whole on each change."""

    interview: Interview | None
    weights: Mapping[str, float]
    assessment: Assessment | None
    error: str = ""
    png: bytes = field(default=b"", repr=False)


class App:
    """The dashboard. Show ``App().container``; ``add_panel`` adds more tabs.

    ``journal``: a :class:`~interview_kit.journal.Journal` or a path; None opens the
    default journal (``$INTERVIEW_KIT_JOURNAL`` or the user data folder) on first use.
    """

    def __init__(self, theme: str = "light", interview: Interview | None = None,
                 journal: JournalArg = None) -> None:
        self.theme = theme
        self.form = InterviewForm()
        self.chart = RadarChart(theme=theme)
        self._holding = False
        self.state = State(interview=None, weights=default_weights(), assessment=None)
        # One journal for saving, History, profiles and calibration, opened on first use.
        self.journal_controls = JournalControls(self, journal)
        self.journal_source = JournalSource(self._journal)
        self._build_reading()
        self._build_weights()
        self._build_exports()
        self.tabs = w.Tab(children=[self._reading_view()])
        self.tabs.set_title(0, "Reading")
        self.tabs.add_class("ik-tabs")
        self.container = w.VBox([w.HTML(_CSS), self.tabs],
                                layout=w.Layout(width="100%"))
        self.container.add_class("ik-app")
        self.form.observe(self._on_change)
        self.history = HistoryPanel(self)  # reads the journal when its tab is first shown
        self.add_panel("History", self.history.container)
        self.calibration = CalibrationPanel(self.journal_source, self.profiles.refresh)
        self.add_panel("Calibration", self.calibration.container)
        self.calibration.follow(self.tabs)
        if interview is not None:
            with self._hold():
                self.form.set_interview(interview)
        self._update()

    def _journal(self) -> Journal:
        """The app's journal; the refusal (one line, file untouched) if it has none."""
        journal = self.journal_controls.journal()
        if journal is None:
            assert self.journal_controls.journal_failure is not None
            raise self.journal_controls.journal_failure
        return journal

    # -- public accessors ----------------------------------------------------
    @property
    def profile(self) -> str:
        """The profile picked in the weights panel (recorded on save only while the
        weights in use are still exactly that profile's)."""
        return self.profiles.select.value

    @property
    def interview(self) -> Interview | None:
        return self.state.interview

    @property
    def assessment(self) -> Assessment | None:
        return self.state.assessment

    @property
    def weights(self) -> dict[str, float]:
        return dict(self.state.weights)

    @property
    def error(self) -> str:
        return self.state.error

    def add_panel(self, title: str, widget: w.Widget) -> None:
        """Add a tab (the journal's History or a Calibration view, say)."""
        self.tabs.children = (*self.tabs.children, widget)
        self.tabs.set_title(len(self.tabs.children) - 1, title)

    def load(self, interview: Interview) -> None:
        """Show a saved interview (one update, not one per control)."""
        with self._hold():
            self.form.set_interview(interview)
        self._update()

    def set_weights(self, weights: Mapping[str, float]) -> None:
        """Put weights into the panel and re-score (validated in the core)."""
        merged = validate_weights(dict(weights))
        with self._hold():
            for sid, control in self.weight_controls.items():
                control.value = merged[sid]
        self._update()

    def reset_weights(self, _button: Any = None) -> None:
        self.set_weights(default_weights())

    # -- building --------------------------------------------------------------
    def _build_reading(self) -> None:
        self.chart_image = ChartImage(format="png", value=self.chart.to_png(),
                                   layout=w.Layout(width="100%", max_width="480px"))
        self.chart_image.add_class("ik-chart")
        self.chart_summary = text_widget("", layout=w.Layout(max_width="480px"))
        self.chart_summary.add_class("ik-chart-summary")
        self.overall_label = w.Label("")
        self.overall_label.add_class("ik-overall")
        self.verdict_label = w.Label("")
        self.verdict_label.add_class("ik-verdict")
        self.confidence_label = w.Label("")
        self.confidence_label.add_class("ik-confidence")
        self.reading = w.HTML("")
        self.reading.add_class("ik-reading")
        self.error_box = w.HTML("")
        self.error_box.add_class("ik-error")
        self.theme_toggle = w.ToggleButtons(
            options=[("Light chart", "light"), ("Dark chart", "dark")], value=self.theme,
            description="Chart colours", tooltips=["Chart for a light page",
                                                   "Chart for a dark page"],
            style={"button_width": "7.5em"})
        self.theme_toggle.add_class("ik-chart-theme")
        self.theme_toggle.observe(self._on_change, names="value")

    def _build_weights(self) -> None:
        defaults = default_weights()
        self.weight_controls: dict[str, w.FloatText] = {}
        rows = []
        for signal in _signals.CATALOG:
            control = w.FloatText(value=defaults[signal.id], step=0.25,
                                  description=signal.label,
                                  style={"description_width": "9.5em"},
                                  tooltip=f"Weight of {signal.label} (0 switches it off)",
                                  layout=w.Layout(width="18em"))
            control.add_class(f"ik-weight-{signal.id}")
            control.observe(self._on_change, names="value")
            self.weight_controls[signal.id] = control
            rows.append(control)
        self.reset_button = w.Button(description="Reset to defaults", icon="undo",
                                     tooltip="Reset all weights to the defaults")
        self.reset_button.add_class("ik-weights-reset")
        self.reset_button.on_click(self.reset_weights)
        intro = text_widget("How much each sign counts (0 switches it off). "
                            "The reading follows your changes.")
        self.profiles = ProfileControls(self, self.journal_source)
        self.sensitivity = SensitivityView()
        self.weights_panel = w.Accordion(
            children=[w.VBox([intro, *rows, self.reset_button, self.profiles.container,
                              self.sensitivity.container])], selected_index=None)
        self.weights_panel.observe(self._on_weights_panel, names="selected_index")
        self.weights_panel.set_title(0, "Weights")
        self.weights_panel.add_class("ik-weights")

    def _on_weights_panel(self, change: Any) -> None:
        """Opening the panel lists the profiles and draws the sensitivity chart."""
        is_open = change["new"] == 0
        if is_open:
            self.profiles.refresh()
        self.sensitivity.set_active(is_open)

    def _build_exports(self) -> None:
        self.save_png = w.HTML("")
        self.save_png.add_class("ik-save-png")
        self.save_png.add_class("ik-link")
        self.download_json = w.HTML("")
        self.download_json.add_class("ik-download-json")
        self.download_json.add_class("ik-link")
        self.json_text = w.Textarea(
            value="", description="JSON", disabled=False,
            tooltip="The assessment as JSON, to copy",
            layout=w.Layout(width="calc(100% - 4px)", height="8em"))
        self.json_text.add_class("ik-json")

    def _reading_view(self) -> w.Widget:
        reading = w.VBox(
            [
                self.error_box,
                self.overall_label,
                self.verdict_label,
                self.confidence_label,
                self.chart_image,
                self.chart_summary,
                self.theme_toggle,
                self.reading,
                w.HBox([self.save_png, self.download_json],
                       layout=w.Layout(flex_flow="row wrap")),
                w.Accordion(children=[self.json_text], selected_index=None,
                            titles=("Assessment JSON (copy)",)),
                self.weights_panel,
                self.journal_controls.container,
            ],
            layout=w.Layout(flex="1 1 22em", min_width="0", max_width="40em"),
        )
        reading.add_class("ik-reading-view")
        return w.Box([self.form.container, reading],
                     layout=w.Layout(display="flex", flex_flow="row wrap",
                                     align_items="flex-start", width="100%",
                                     grid_gap="1.5em"))

    # -- updating --------------------------------------------------------------
    @contextlib.contextmanager
    def _hold(self) -> Iterator[None]:
        previous, self._holding = self._holding, True
        try:
            yield
        finally:
            self._holding = previous

    def _on_change(self, _change: Any = None) -> None:
        if not self._holding:
            self._update()

    def _update(self) -> None:
        """Read the controls, score through the core, and redraw the reading."""
        try:
            weights = validate_weights({sid: c.value for sid, c in self.weight_controls.items()})
            interview = self.form.to_interview()
            assessment = score(interview, weights)
        except InputError as error:
            self.state = replace(self.state, error=str(error))
            self._show_error()
            return
        if self.chart.theme_name != self.theme_toggle.value:
            self.chart = RadarChart(theme=self.theme_toggle.value)
        self.chart.update(interview, title=interview.company)
        png = self.chart.to_png()
        self.state = State(interview=interview, weights=weights, assessment=assessment,
                           error="", png=png)
        self._show_error()
        self._show_reading()
        self.sensitivity.show(interview, weights)

    def _show_error(self) -> None:
        self.error_box.value = alert_html(self.state.error, "Please check this value: ")

    def _show_reading(self) -> None:
        state = self.state
        assessment = state.assessment
        assert assessment is not None  # only called after a successful score
        words = summary(assessment)
        show_chart(self.chart_image, state.png, words)
        self.chart_summary.value = paragraph_html(words)
        self.overall_label.value = f"Overall {assessment.overall:.0f} / 100"
        verdict = _VERDICT_WORDS.get(assessment.verdict, assessment.verdict)
        self.verdict_label.value = f"Verdict: {verdict}"
        self.confidence_label.value = (
            f"Confidence {assessment.confidence:.0%}")
        self.reading.value = reading_html(assessment)
        data = json.dumps(assessment.to_dict(), indent=2, ensure_ascii=False)
        self.json_text.value = data
        self.save_png.value = download_link(state.png, "image/png", "interview-radar.png",
                                             "Save chart as PNG")
        self.download_json.value = download_link(
            data.encode("utf-8"), "application/json", "interview-assessment.json",
            "Download assessment JSON")
        self.journal_controls.show_followup()


def reading_html(assessment: Assessment) -> str:
    """Strongest contributions, strengths, concerns and next steps, all escaped."""

    def items(texts: Any) -> str:
        return "".join(f"<li>{html.escape(str(t))}</li>" for t in texts)

    known = {s.id: s for s in _signals.CATALOG}
    top = []
    for c in assessment.contributions[:3]:
        signal = known.get(c.signal)
        label = signal.label if signal else c.signal
        evidence = f" (evidence: {signal.evidence_level})" if signal else ""
        top.append(f"{label}: {c.points:+.1f} points{evidence}")
    parts = []
    if top:
        parts.append(f"<h3>Strongest signs</h3><ul>{items(top)}</ul>")
    if assessment.strengths:
        parts.append(f"<h3>What went well</h3><ul>{items(assessment.strengths)}</ul>")
    if assessment.concerns:
        parts.append(f"<h3>Worth a thought</h3><ul>{items(assessment.concerns)}</ul>")
    if assessment.advice:
        parts.append(f"<h3>Next steps</h3><ul>{items(assessment.advice)}</ul>")
    return "".join(parts)
