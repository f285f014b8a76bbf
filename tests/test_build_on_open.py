"""The first page builds what is seen: panels nobody opened yet create no widgets."""

import json
import warnings

import ipywidgets as w

from interview_kit.core.weights import default_weights
from interview_kit.ui.app import App
from interview_kit.ui.calibration import CalibrationPanel
from interview_kit.ui.history import HistoryPanel


def _models() -> int:
    """Widget models alive in this process (the registry ipywidgets keeps)."""
    with warnings.catch_warnings():  # Widget.widgets is deprecated, not yet replaced
        warnings.simplefilter("ignore", DeprecationWarning)
        return len(w.Widget.widgets)


def test_first_render_stays_small_and_leaves_hidden_parts_unbuilt():
    before = _models()
    app = App()
    assert _models() - before <= 350  # the ceiling for the first render
    assert not app._history.built and not app._calibration.built
    assert not app.weights_panel._built and not app.view.json_built
    assert not app.form.debrief.built  # the Debrief section too
    # What stands in for them is the one short "Loading…" line.
    assert "Loading" in app._history.container.children[0].value
    assert app.json_view.children[0] is app._loading


def test_first_render_shares_style_and_layout_models():
    """One style per kind, one layout per kind: not one per widget."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        before = set(w.Widget.widgets)
        app = App()
        made = [m for key, m in w.Widget.widgets.items() if key not in before]
    html_widgets = [m for m in made if type(m) is w.HTML]
    assert len(html_widgets) >= 40
    assert len({m.style.model_id for m in html_widgets}) == 1
    assert sum(type(m) is w.Layout for m in made) < len(made) / 4
    # A part shown and hidden swaps shared layouts: it never changes a shared one.
    box, other = app.form._picked["engagement"], app.form._picked["comfort"]
    app.form.signal_controls["engagement"].value = 1
    assert box.layout.display != "none" and other.layout.display == "none"
    assert box.layout is not other.layout


def test_shared_styles_survive_closing_every_widget():
    App()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        w.Widget.close_all()
    app = App()  # the shared models were closed: new ones are made, not dead ones reused
    assert app.reading.style.comm is not None and app.reading.layout.comm is not None


def test_history_and_calibration_modules_wait_for_their_tab():
    """The first page imports neither panel (nor what they import): a fresh kernel
    does that work when a tab is first opened."""
    import subprocess
    import sys

    code = (
        "import sys, warnings; warnings.simplefilter('ignore');"
        "from interview_kit.ui.app import App; App(journal=sys.argv[1]);"
        "print(sorted(m for m in sys.modules if m.endswith(('ui.history', 'ui.calibration',"
        " 'learn.calibration', 'charts.trend'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "/nonexistent/journal.jsonl"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "[]", out


def test_opening_a_tab_builds_its_panel_once_and_shows_it():
    app = App()
    app.show(HistoryPanel.title)
    panel = app.history
    assert app._history.built
    assert app._history.container.children == (panel.container,)
    assert app.session.state.tab == HistoryPanel.title
    app.show(CalibrationPanel.title)
    app.show(HistoryPanel.title)
    assert app.history is panel  # built once, not per visit
    assert app._calibration.container.children == (app.calibration.container,)


def test_weights_set_before_opening_are_in_the_boxes_and_the_reading():
    app = App()
    weights = {**default_weights(), "duration": 2.5}
    app.set_weights(weights)
    assert not app.weights_panel._built
    assert app.weights["duration"] == 2.5
    app.weights_panel.accordion.selected_index = 0  # the user opens the panel
    assert app.weights_panel.controls["duration"].value == 2.5
    # The boxes now feed the one update funnel, as they did when built eagerly.
    app.weights_panel.controls["duration"].value = 1.5
    assert app.weights["duration"] == 1.5


def test_json_view_opened_late_shows_the_current_assessment():
    app = App()
    app.form.signal_controls["engagement"].value = 2.0
    app.json_view.selected_index = 0
    assert app.json_view.children[0].children == (app.json_text, app.record_text)
    assert '"overall"' in app.json_text.value
    assert json.loads(app.record_text.value) == app.interview.to_dict()
    app.form.signal_controls["engagement"].value = -2.0
    assert app.json_text.value == app.view.json_data


def test_a_loaded_debrief_is_held_until_its_section_is_opened():
    """A saved interview with a full debrief costs the first render nothing more: its
    rows are built when the Debrief section is opened."""
    from interview_kit.core.interview import Interview

    saved = Interview.create(
        scheduled_minutes=45,
        company="Acme",
        went_well="a good answer",
        interviewers=[{"name": f"Person {n}"} for n in range(10)],
        questions=[{"question": f"Question {n}", "answer": "notes"} for n in range(30)],
        my_read={"interest": 3},
    )
    before = _models()
    app = App(interview=saved)
    assert _models() - before <= 350
    assert not app.form.debrief.built and app.interview == saved
    app.form.debrief.accordion.selected_index = 0
    assert len(app.form.debrief.asked.rows) == 30 and app.interview == saved
