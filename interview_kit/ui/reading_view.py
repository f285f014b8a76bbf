"""The reading's widgets: the radar and its words, the score line, the reading, the
"out of date" notice, the chart colours (and :func:`page_theme`, the ones a served
page asks for), the downloads and the JSON view.

:class:`ReadingView` owns them and draws a reading (or marks it out of date); the App
decides when, and places them: the score line and the downloads in its action bar,
the rest in the reading column (:meth:`ReadingView.column`). User text reaches the
page only through ``html.escape`` (in :mod:`interview_kit.ui.reading`) or a
``Textarea``; see :mod:`interview_kit.ui.app` for the CSS hooks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ..core.advice import summary
from ..core.assessment import Assessment
from ..core.interview import Interview
from .kit import (
    ChartImage,
    download_link,
    html_widget,
    paragraph_html,
    picture_link,
    shared_layout,
    show_chart,
    text_widget,
)
from .reading import (
    coverage_label,
    reading_html,
    score_label,
    score_line_html,
    verdict_label,
)

#: The same for every reading: it saves the chart on screen (see :func:`.kit.picture_link`).
SAVE_CHART_LINK = picture_link("ik-chart", "interview-radar.png", "Save chart as PNG")


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


class ReadingView:
    """The reading's widgets (built empty: the App's first update draws them)."""

    def __init__(self, theme: str, loading: w.Widget) -> None:
        # Drawn by the first update (the chart is encoded once, not twice, at load).
        self.chart_image = ChartImage(
            format="png",
            value=b"",
            layout=w.Layout(width="100%", max_width="480px"),
        )
        self.chart_image.add_class("ik-chart")
        self.chart_summary = text_widget("", "ik-chart-summary", layout=w.Layout(max_width="480px"))
        #: The score line's words (overall, verdict, coverage), shown in ``score_line``.
        self.overall_text = self.verdict_text = self.confidence_text = ""
        self.score_line = html_widget("", "ik-score-line")
        self.reading = html_widget("", "ik-reading")
        self.error_box = html_widget("", "ik-error")
        self.theme_toggle = w.ToggleButtons(
            options=[("Light chart", "light"), ("Dark chart", "dark")],
            value=theme,
            description="Chart colours",
            tooltips=["Chart for a light page", "Chart for a dark page"],
            style={"button_width": "7.5em"},
            layout=shared_layout(),
        )
        self.theme_toggle.add_class("ik-chart-theme")
        self.save_png = html_widget("", "ik-save-png", "ik-link")
        self.download_json = html_widget("", "ik-download-json", "ik-link")
        #: The JSON view (the assessment, then the interview with its debrief): its
        #: Textareas are built when first opened.
        self._json = ""
        self._record = ""
        self._json_text: w.Textarea | None = None
        self._record_text: w.Textarea  # built with _json_text
        self.json_view = w.Accordion(
            children=[loading],
            layout=shared_layout(),
            selected_index=None,
            titles=("Assessment and interview JSON (copy)",),
        )
        self.json_view.add_class("ik-json-view")
        self.json_view.observe(self._on_json_open, names="selected_index")
        self.column: w.VBox | None = None

    def _on_json_open(self, change: Any) -> None:
        if change["new"] == 0:
            self.json_text  # noqa: B018  (the property builds the view on first opening)

    @property
    def json_built(self) -> bool:
        """Whether the JSON view's Textareas exist (it was opened, or asked for)."""
        return self._json_text is not None

    @property
    def json_data(self) -> str:
        """The assessment JSON of the last reading (what the view shows when built)."""
        return self._json

    @property
    def json_text(self) -> w.Textarea:
        """The assessment JSON Textarea (built now if the view was never opened)."""
        if self._json_text is None:
            size = w.Layout(width="calc(100% - 4px)", height="8em")
            self._json_text = w.Textarea(
                value=self._json,
                description="Assessment",
                tooltip="The assessment as JSON, to copy",
                layout=size,
            )
            self._json_text.add_class("ik-json")
            self._record_text = w.Textarea(
                value=self._record,
                description="Interview",
                layout=size,
                tooltip="The interview as JSON, debrief included, to copy",
            )
            self._record_text.add_class("ik-interview-json")
            self.json_view.children = [w.VBox([self._json_text, self._record_text])]
        return self._json_text

    @property
    def record_text(self) -> w.Textarea:
        """The interview JSON Textarea, with the debrief (built with the view)."""
        self.json_text  # noqa: B018  (builds both)
        return self._record_text

    def make_column(self, followup: w.Widget, weights: w.Widget) -> w.VBox:
        """The reading column: a heading, the chart and its words, the chart colours,
        the reading, ``followup`` (what to do next), the JSON view, ``weights``."""
        self.column = w.VBox(
            [
                html_widget("<h2 class='ik-heading' id='ik-reading-start'>The reading</h2>"),
                self.chart_image,
                self.chart_summary,
                self.theme_toggle,
                self.reading,
                followup,
                self.json_view,
                weights,
            ],
            layout=w.Layout(flex="1 1 22em", min_width="0", max_width="40em"),
        )
        self.column.add_class("ik-reading-view")
        return self.column

    # -- drawing -------------------------------------------------------------------
    def show_current(self) -> None:
        """Every value is valid: no notice, the reading not dimmed."""
        self.error_box.value = ""
        if self.column is not None:
            self.column.remove_class("ik-stale")

    def show_stale(self, notice: str, empty_chart: Callable[[], bytes]) -> None:
        """A value is wrong: ``notice`` (escaped markup) says so, the reading is dimmed,
        its score never shown as current, its downloads withdrawn; a page wrong from
        the start shows ``empty_chart()`` (the empty radar, dimmed)."""
        if self.column is not None:
            self.column.add_class("ik-stale")
        self.error_box.value = notice
        self.show_score_line("Overall: out of date", "Verdict: waiting for a valid value", "")
        if not self.chart_image.value:
            self.chart_image.value = empty_chart()
        for link in (self.save_png, self.download_json):
            link.value = ""

    def show_reading(self, assessment: Assessment, interview: Interview, png: bytes) -> None:
        """Draw a reading: the chart and its words, the score line, the reading, the
        JSON and the downloads."""
        words = summary(assessment)
        show_chart(self.chart_image, png, words)
        self.chart_summary.value = paragraph_html(words)
        self.show_score_line(
            score_label(assessment), verdict_label(assessment), coverage_label(assessment)
        )
        self.reading.value = reading_html(assessment, interview)
        data = json.dumps(assessment.to_dict(), indent=2, ensure_ascii=False)
        self._json = data
        self._record = interview.to_json()
        if self._json_text is not None:
            self._json_text.value = data
            self._record_text.value = self._record
        self.save_png.value = SAVE_CHART_LINK
        self.download_json.value = download_link(
            data.encode("utf-8"),
            "application/json",
            "interview-assessment.json",
            "Download assessment JSON",
        )

    def show_score_line(self, overall: str, verdict: str, coverage: str) -> None:
        self.overall_text, self.verdict_text, self.confidence_text = overall, verdict, coverage
        self.score_line.value = score_line_html(overall, verdict, coverage)
