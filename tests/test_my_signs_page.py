"""A sign of one's own in the page (no browser): added from the weights panel, it is a
control under "More signs", a radar spoke, a line of the reading and its contributions,
a weight box, and a spoke of History's comparison."""

from __future__ import annotations

from pathlib import Path

from interview_kit.charts.radar import overlay_figure, spoke_signals
from interview_kit.core.interview import Interview
from interview_kit.core.my_signs import make_sign
from interview_kit.journal.store import open_journal
from interview_kit.ui.app import App


def _add_from_the_page(app: App) -> None:
    boxes = app.weights_panel.my_signs
    boxes.id.value = "salary"
    boxes.label.value = "Salary range named"
    boxes.category.value = "flow"
    boxes.low.value = "avoided the topic"
    boxes.high.value = "named a generous range"
    boxes.weight.value = 0.5
    boxes.button.click()


def test_more_signs_are_folded_and_hold_the_signs_beyond_the_article(tmp_path: Path):
    app = App(journal=tmp_path / "j.sqlite3")
    assert app.form.more_signs.selected_index is None  # folded by default
    inside = app.form.more_signs.children[0].children
    for sid in ("selling", "next_steps", "introductions"):
        assert app.form._rows[sid] in inside
    assert app.state.assessment is not None


def test_a_sign_added_in_the_page_is_a_control_a_spoke_a_line_and_a_weight(tmp_path: Path):
    app = App(journal=tmp_path / "j.sqlite3")
    _add_from_the_page(app)
    assert "Added" in app.weights_panel.my_signs.status.value
    assert app.form._rows["salary"] in app.form.more_signs.children[0].children
    assert "salary" in [s.id for s in app.chart.spokes]
    assert app.weights_panel.controls["salary"].value == 0.5
    app.form.signal_controls["salary"].value = 2.0
    assessment = app.state.assessment
    assert assessment is not None
    assert assessment.contributions[0].signal == "salary"
    assert "named a generous range" in app.reading.value
    assert app.state.interview is not None and app.state.interview.signals["salary"] == 2.0
    with open_journal(tmp_path / "j.sqlite3") as journal:
        assert [s.id for s in journal.signs()] == ["salary"]


def test_a_bad_sign_in_the_page_says_which_box(tmp_path: Path):
    app = App(journal=tmp_path / "j.sqlite3")
    boxes = app.weights_panel.my_signs
    boxes.id.value = "eye_contact"
    boxes.label.value = "x"
    boxes.low.value, boxes.high.value = "a", "b"
    assert boxes.add() is False
    assert "Sign id" in boxes.status.value and "alert" in boxes.status.value
    assert "eye_contact" in app.form.signal_controls  # nothing changed


def test_a_journal_with_a_sign_of_ones_own_shows_it_at_start_and_in_history(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.add_sign(
            make_sign(
                "salary", "Salary range named", "flow", "avoided it", "named a generous range"
            )
        )
        for company, value in (("Acme", 2), ("Beta", -1)):
            journal.add(
                Interview.create(
                    company=company, scheduled_minutes=30, signals={"salary": value, "ease": 1}
                )
            )
    from interview_kit.core import signals

    signals.reset()  # a new page in a new kernel
    app = App(journal=path)
    assert "salary" in app.form.signal_controls
    assert "salary" in [s.id for s in spoke_signals()]
    panel = app.history
    panel.refresh()
    boxes = [p.box for p in panel._picks if p.box.layout.display != "none"]
    boxes[0].value = boxes[1].value = True
    assert panel.overlay.layout.display == "block"
    with open_journal(path) as journal:
        items = [(e.interview.company, e.interview) for e in journal.entries()]
    labels = [
        " ".join(t.get_text().split()) for t in overlay_figure(items).axes[0].get_xticklabels()
    ]
    assert "Salary range named" in labels
