"""The dashboard's Calibration tab: what your own outcomes say about the weights.

:class:`CalibrationPanel` reads the journal's interviews with an outcome, and
below the minimum says plainly how many more are needed. With enough outcomes it
shows the held-out check in words, the fitted weights beside the defaults (chart
and table, with their uncertainty) and the scores against the outcomes. Fitted
weights are only *offered*: a button saves them as a named profile, nothing
switches to them. The charts follow the page's chart theme (redrawn when it
changes). A button loads the bundled synthetic demo journal into a temporary
folder, clearly labelled, and never offers its weights for saving.

The journal is the session's, opened lazily, on :meth:`CalibrationPanel.refresh` or
when its tab is first selected. A profile saved here is announced to the session
(:class:`~interview_kit.ui.events.ProfileSaved`; the weights panel lists it).

CSS hooks: ``ik-calibration`` (the panel), ``ik-calibration-status`` (counts, or
how many more outcomes are needed), ``ik-calibration-demo`` (the synthetic demo
Button), ``ik-calibration-demo-label`` (the SYNTHETIC notice), ``ik-calibration-mine``
(re-read your journal), ``ik-calibration-held-out`` (the check in words),
``ik-calibration-weights`` and ``ik-calibration-outcomes`` (the chart ``<img>``s,
each ``title`` its text alternative), ``ik-calibration-table``,
``ik-calibration-name`` (Text) and ``ik-calibration-save`` (Button),
``ik-calibration-message``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ipywidgets as w

from ..core.errors import InputError
from ..core.interview import Interview
from ..journal.store import Journal
from .events import ProfileSaved, ReadingChanged
from .kit import ChartImage, message_html, paragraph_html, show_chart, text_widget
from .session import CALIBRATION_TAB, Session

if TYPE_CHECKING:  # the fit and its charts are imported on first use (see calibrate)
    from ..learn.calibration import Calibration


@dataclass(frozen=True)
class CalibrationResult:
    """What the panel shows, computed from data (no widgets): easy to test."""

    interviews: tuple[Interview, ...]
    calibration: Calibration
    demo: bool

    @property
    def offered(self) -> bool:
        """Whether fitted weights may be saved (never for the synthetic demo)."""
        c = self.calibration
        return bool(c.enough_data and c.offered and not self.demo)


def calibrate(interviews: Sequence[Interview], demo: bool = False) -> CalibrationResult:
    """Fit personal weights from the interviews' outcomes. The calibration code and
    its charts are imported here, on first use: the dashboard's first page, which
    most visits never leave, does not pay for them."""
    from ..learn.calibration import fit_weights

    chosen = tuple(interviews)
    return CalibrationResult(chosen, fit_weights(chosen), demo)


def weights_table_html(calibration: Calibration) -> str:
    """Default vs fitted weights with their standard errors, as an escaped HTML table."""
    from ..charts.calibration import weights_table

    fitted = calibration.enough_data
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(str(r['label']))}</th>"
        f"<td>{float(r['default']):g}</td>"
        + (
            f"<td>{float(r['fitted']):.2f}</td><td>± {float(r['std_error']):.2f}</td>"
            if fitted
            else "<td>-</td><td>-</td>"
        )
        + "</tr>"
        for r in weights_table(calibration)
    )
    return (
        "<table class='ik-calibration-table'><caption>Weights: default and fitted "
        "(± about one standard error)</caption><thead><tr><th scope='col'>Sign</th>"
        "<th scope='col'>Default</th><th scope='col'>Fitted</th>"
        "<th scope='col' aria-label='Uncertainty'>±</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _chart_layout() -> w.Layout:
    """Full width less the widget margins (so a phone never scrolls sideways)."""
    return w.Layout(width="calc(100% - 4px)", max_width="480px")


class CalibrationPanel:
    """The Calibration tab. Show ``container``; ``refresh()`` reads the journal.

    ``session`` None makes one of its own on the default journal (a workbook cell).
    """

    title = CALIBRATION_TAB

    def __init__(self, session: Session | None = None) -> None:
        self.session = session if session is not None else Session()
        self.result: CalibrationResult | None = None
        self.demo_journal: Journal | None = None
        self._loaded = False
        self._drawn_theme = self.session.state.theme
        self._build()
        self.session.on(ReadingChanged, lambda _e: self._on_reading())

    # -- building -------------------------------------------------------------
    def _build(self) -> None:
        intro = text_widget(
            "Once your journal has enough interviews with an outcome, this tab fits "
            "personal weights from them and shows how well the readings matched. "
            "Offers and next rounds count as good; rejections and no response as not; "
            "withdrawn and pending interviews are left out."
        )
        self.status = w.HTML("")
        self.status.add_class("ik-calibration-status")
        self.demo_label = w.HTML("")
        self.demo_label.add_class("ik-calibration-demo-label")
        self.mine_button = w.Button(
            description="Use my journal",
            icon="refresh",
            tooltip="Read the outcomes in your own journal again",
        )
        self.mine_button.add_class("ik-calibration-mine")
        self.demo_button = w.Button(
            description="Try with the synthetic demo data",
            icon="flask",
            layout=w.Layout(width="auto"),
            tooltip="Load made-up interviews into a temporary journal (not yours)",
        )
        self.demo_button.add_class("ik-calibration-demo")
        self.mine_button.on_click(lambda _b: self.refresh())
        self.demo_button.on_click(lambda _b: self.load_demo())
        self.held_out = w.HTML("")
        self.held_out.add_class("ik-calibration-held-out")
        self.weights_image = ChartImage(format="png", value=b"", layout=_chart_layout())
        self.weights_image.add_class("ik-calibration-weights")
        self.weights_image.tooltip = "Fitted weights beside the defaults (not drawn yet)"
        self.weights_text = w.HTML("")
        self.table = w.HTML("")
        self.outcomes_image = ChartImage(format="png", value=b"", layout=_chart_layout())
        self.outcomes_image.add_class("ik-calibration-outcomes")
        self.outcomes_image.tooltip = "Scores against outcomes (not drawn yet)"
        self.outcomes_text = w.HTML("")
        self.name = w.Text(
            value="fitted",
            description="Profile name",
            style={"description_width": "7em"},
            layout=w.Layout(width="18em"),
        )
        self.name.add_class("ik-calibration-name")
        self.save_button = w.Button(
            description="Save fitted weights as profile",
            icon="save",
            layout=w.Layout(width="auto"),
            disabled=True,
            tooltip="Keep the fitted weights as a named profile; "
            "the dashboard does not switch to them",
        )
        self.save_button.add_class("ik-calibration-save")
        self.save_button.on_click(lambda _b: self.save_profile())
        self.message = w.HTML("")
        self.message.add_class("ik-calibration-message")
        self.charts = w.VBox(
            [
                self.held_out,
                self.weights_image,
                self.weights_text,
                self.table,
                self.outcomes_image,
                self.outcomes_text,
            ],
            layout=w.Layout(display="none"),
        )
        self.container = w.VBox(
            [
                w.HTML("<h2 class='ik-heading'>Calibration: learn from your outcomes</h2>"),
                intro,
                self.demo_label,
                w.HBox([self.mine_button, self.demo_button], layout=w.Layout(flex_flow="row wrap")),
                self.status,
                self.charts,
                w.HBox([self.name, self.save_button], layout=w.Layout(flex_flow="row wrap")),
                self.message,
            ],
            layout=w.Layout(max_width="44em"),
        )
        self.container.add_class("ik-calibration")

    def shown(self) -> None:
        """The tab was selected: read the journal the first time only (fitting is
        costly, so later visits keep the result; "Use my journal" re-reads)."""
        if not self._loaded:
            self.refresh()

    def _on_reading(self) -> None:
        """The chart theme changed: redraw the charts on screen in the new colours."""
        if self.result is not None and self.session.state.theme != self._drawn_theme:
            self.show(self.result)

    # -- actions --------------------------------------------------------------
    def refresh(self) -> None:
        """Calibrate on the user's own journal (or say why it can't)."""
        self._loaded = True
        try:
            interviews = [e.interview for e in self.session.journal().entries()]
        except InputError as error:
            self._show_error(f"The journal cannot be read: {error}")
            return
        self.show(calibrate(interviews, demo=False))

    def load_demo(self) -> None:
        """Calibrate on the bundled synthetic journal, in a fresh temporary folder."""
        from ..learn.demo import open_demo_journal

        self._loaded = True
        if self.demo_journal is None:
            self.demo_journal = open_demo_journal()
        self.show(calibrate([e.interview for e in self.demo_journal.entries()], demo=True))

    def show(self, result: CalibrationResult) -> None:
        """Put a result on screen: words always, charts only with enough outcomes."""
        from ..charts.calibration import outcome_figure, outcome_text, weights_figure, weights_text
        from ..charts.theme import figure_png
        from ..learn.demo import SYNTHETIC_NOTICE

        self.result = result
        theme = self._drawn_theme = self.session.state.theme
        c = result.calibration
        self.message.value = ""
        self.demo_label.value = (
            f"<p class='ik-text' role='note'><strong>SYNTHETIC DEMO DATA.</strong> "
            f"{html.escape(SYNTHETIC_NOTICE)}</p>"
            if result.demo
            else ""
        )
        source = "the synthetic demo journal" if result.demo else self.session.source.name()
        if not c.enough_data:
            self.status.value = message_html(f"From {source}: {c.message}")
            self.charts.layout.display = "none"
        else:
            self.status.value = message_html(
                f"From {source}: {c.n} interviews with a known outcome "
                f"({c.n_good} good, {c.n_bad} not); {c.n_left_out} left out."
            )
            check = (
                c.held_out.describe() if c.held_out is not None else ("No held-out check was run.")
            )
            self.held_out.value = (
                "<h3 class='ik-heading'>How well the readings matched</h3>" + paragraph_html(check)
            )
            words = weights_text(c)
            show_chart(self.weights_image, figure_png(weights_figure(c, theme)), words)
            self.weights_text.value = paragraph_html(words)
            self.table.value = weights_table_html(c)
            prior = dict(c.prior_weights)
            words = outcome_text(result.interviews, prior)  # the check is said above
            show_chart(
                self.outcomes_image,
                figure_png(outcome_figure(result.interviews, prior, c, theme)),
                words,
            )
            self.outcomes_text.value = paragraph_html(words)
            self.charts.layout.display = "flex"
        self.save_button.disabled = not result.offered
        if result.demo and c.enough_data:
            self.message.value = message_html(
                "Weights fitted on synthetic data are not offered as a profile."
            )

    def save_profile(self, name: str | None = None) -> None:
        """Save the offered fitted weights under ``name``; refused for demo data."""
        result = self.result
        name = self.name.value.strip() if name is None else name
        if result is None or result.demo:
            self.message.value = message_html(
                "Not saved: only weights fitted on your own journal can be saved.", ok=False
            )
            return
        if not result.offered:
            self.message.value = message_html(
                "Not saved: there are no fitted weights to offer yet.", ok=False
            )
            return
        try:
            weights = result.calibration.profile_weights()
            profile = self.session.journal().save_profile(
                name, weights, note=f"fitted from {result.calibration.n} outcomes"
            )
        except InputError as error:
            self.message.value = message_html(f"Not saved: {error}", ok=False)
            return
        self.message.value = message_html(
            f"Saved as the profile {profile.name!r}. The dashboard keeps its current "
            "weights: load the profile in the weights panel to use it."
        )
        self.session.announce(ProfileSaved(profile.name))

    def _show_error(self, text: str) -> None:
        self.result = None
        self.status.value = message_html(text, ok=False)
        self.charts.layout.display = "none"
        self.save_button.disabled = True
