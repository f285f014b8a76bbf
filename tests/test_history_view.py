"""The journal in the dashboard, without a browser: save, outcome, History tab.

Every test uses a real journal file in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import sqlite3
from pathlib import Path

import ipywidgets as w
import pytest

from interview_kit.charts.trend import trend_summary
from interview_kit.core.interview import Interview
from interview_kit.core.outcomes import PENDING
from interview_kit.journal.records import CUSTOM_PROFILE, DEFAULT_PROFILE
from interview_kit.journal.schema import ENV_VAR
from interview_kit.journal.store import open_journal
from interview_kit.ui.app import App
from interview_kit.ui.history import PAGE_SIZE, shown_rows
from interview_kit.ui.journal import safe_filename

XSS = "<img src=x onerror=alert(1)>"


def _interview(
    company: str = "Acme",
    date: str | None = "2026-11-20",
    value: int = 1,
    role: str = "Analyst",
    **kw,
) -> Interview:
    return Interview.create(
        company=company,
        role=role,
        date=date,
        stage="onsite",
        scheduled_minutes=45,
        actual_minutes=50,
        signals={"engagement": value, "comfort": value},
        **kw,
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def app(path: Path) -> App:
    return App(journal=path)


def _save(app: App, interview: Interview):
    app.load(interview)
    return app.journal_controls.save()


def _all_widgets(root: w.Widget):
    yield root
    for child in getattr(root, "children", ()):
        yield from _all_widgets(child)


def test_journal_opens_lazily(path: Path, app: App):
    assert not path.exists()  # building the dashboard writes nothing
    app.tabs.selected_index = 0  # building the History tab reads nothing either
    assert not path.exists()
    _save(app, _interview())
    assert path.exists()


def test_save_creates_an_entry_and_a_second_save_updates_it(path: Path, app: App):
    first = _save(app, _interview())
    assert first is not None and first.revision == 1
    status = app.journal_controls.status.value
    assert f"#{first.id}" in status and "revision 1" in status
    app.form.notes.value = "Talked about the team"
    second = app.journal_controls.save()
    assert second.id == first.id and second.revision == 2
    assert "revision 2" in app.journal_controls.status.value
    with open_journal(path) as journal:
        assert len(journal) == 1
        stored = journal.get(first.id)
        assert stored.interview.notes == "Talked about the team" and stored.revision == 2
        assert stored.profile == DEFAULT_PROFILE


def test_new_interview_clears_the_link(path: Path, app: App):
    _save(app, _interview())
    app.journal_controls.new()
    assert app.journal_controls.linked is None
    assert app.interview.company == ""
    _save(app, _interview("Beta"))
    with open_journal(path) as journal:
        assert [e.company for e in journal.entries()] == ["Acme", "Beta"]


def test_edited_weights_are_saved_as_custom(path: Path, app: App):
    app.load(_interview())
    app.weights_panel.controls["engagement"].value = 3.0
    entry = app.journal_controls.save()
    assert entry.profile == CUSTOM_PROFILE and entry.weights["engagement"] == 3.0


def test_invalid_form_is_not_saved(path: Path, app: App):
    app.load(_interview())
    app.form.scheduled.value = "-5"
    assert app.error
    assert app.journal_controls.save() is None
    assert "Not saved" in app.journal_controls.status.value
    assert not path.exists()


def test_outcome_is_recorded_and_kept_by_a_later_save(path: Path, app: App):
    entry = _save(app, _interview())
    controls = app.journal_controls
    controls.outcome.value = "next_round"
    controls.outcome_date.value = dt.date(2026, 11, 25)
    recorded = controls.record_outcome()
    assert recorded.outcome == "next_round" and recorded.outcome_date == "2026-11-25"
    assert "Next round on 2026-11-25" in controls.status.value
    app.form.notes.value = "edited after the outcome"
    again = controls.save()
    assert again.id == entry.id and again.outcome == "next_round"
    assert again.outcome_date == "2026-11-25"


def test_outcome_needs_a_saved_interview(app: App):
    app.load(_interview())
    assert app.journal_controls.outcome_button.disabled
    assert app.journal_controls.record_outcome() is None


def test_outcome_before_the_interview_is_refused_in_the_page(app: App):
    _save(app, _interview())
    app.journal_controls.outcome.value = "offer"
    app.journal_controls.outcome_date.value = dt.date(2026, 1, 1)
    assert app.journal_controls.record_outcome() is None
    assert "before the interview" in app.journal_controls.status.value


def test_follow_up_plan_and_ics_link(app: App):
    day = dt.date.today() + dt.timedelta(days=2)
    app.load(_interview(company='Evil "co"/../x', date=day.isoformat()))
    controls = app.journal_controls
    assert (day + dt.timedelta(days=1)).isoformat() in controls.followup.value
    assert (day + dt.timedelta(days=7)).isoformat() in controls.followup.value
    link = controls.ics.value
    assert f'download="follow-ups-evil-co-x-{day.isoformat()}.ics"' in link
    assert "data:text/calendar;base64," in link and "Evil" not in link
    app.load(_interview(date=None))
    assert controls.ics.value == "" and "date" in controls.followup.value


def test_no_ics_for_past_days_or_once_an_outcome_is_recorded(app: App):
    controls = app.journal_controls
    app.load(_interview(date="2020-03-02"))
    assert controls.ics.value == "" and "passed" in controls.followup.value
    today = dt.date.today().isoformat()  # an outcome may be recorded today, not before
    app.load(_interview(date=today))
    assert controls.ics.value
    assert controls.save() is not None
    for outcome in ("offer", "rejected", "withdrawn", "no_response", "next_round"):
        controls.outcome.value = outcome  # what "Record outcome" does
        assert controls.record_outcome() is not None, outcome
        assert controls.ics.value == "", outcome
        reading = app.reading.value
        assert "thank-you" not in reading and "Glassdoor" not in reading, outcome
    controls.outcome.value = PENDING
    assert controls.record_outcome() is not None
    assert controls.ics.value and "thank-you" in app.reading.value


def test_safe_filename():
    assert safe_filename("A/B", "../..", None) == "a-b.ics"
    assert safe_filename("", None) == "interview.ics"


def test_history_table_sorts_and_pages(app: App):
    for n, (company, date, value) in enumerate(
        [("Beta", "2026-10-01", 2), ("acme", "2026-11-01", -2), ("Gamma", None, 0)]
    ):
        _save(app, _interview(company, date, value))
        app.journal_controls.new()
        assert n < 3
    panel = app.history
    app.tabs.selected_index = 1  # showing the tab loads it
    assert panel.loaded
    assert [r[2] for r in shown_rows(panel)] == ["acme", "Beta", "Gamma"]  # newest first
    panel.direction.value = False
    assert [r[2] for r in shown_rows(panel)] == ["Beta", "acme", "Gamma"]  # undated last
    panel.sort.value = "company"
    assert [r[2] for r in shown_rows(panel)] == ["acme", "Beta", "Gamma"]
    panel.sort.value = "score"
    panel.direction.value = True
    assert [r[2] for r in shown_rows(panel)] == ["Beta", "Gamma", "acme"]
    assert "1–3 of 3" in panel.page_label.value


def test_history_pages_through_many(path: Path, app: App):
    with open_journal(path) as journal:
        for k in range(PAGE_SIZE + 5):
            journal.add(_interview(f"C{k}", f"2026-01-{1 + k % 28:02d}"))
    panel = app.history
    panel.refresh()
    assert len(shown_rows(panel)) == PAGE_SIZE and panel.prev_button.disabled
    panel.next_button.click()
    assert len(shown_rows(panel)) == 5 and panel.next_button.disabled
    assert f"of {PAGE_SIZE + 5}" in panel.page_label.value


def test_history_refreshes_after_a_save_only_when_shown(app: App):
    panel = app.history
    app.tabs.selected_index = 1
    assert shown_rows(panel) == []
    _save(app, _interview())  # saved while the History tab is on screen: redrawn at once
    assert [r[2] for r in shown_rows(panel)] == ["Acme"]
    app.tabs.selected_index = 0
    trend = panel.trend.value
    app.journal_controls.new()
    _save(app, _interview("Beta", "2026-11-21"))  # tab hidden: nothing redrawn
    assert [r[2] for r in shown_rows(panel)] == ["Acme"] and panel.trend.value == trend
    app.tabs.selected_index = 1  # the visit re-reads
    assert [r[2] for r in shown_rows(panel)] == ["Beta", "Acme"]
    assert panel.trend.value != trend


def test_overlay_needs_two_or_three(app: App):
    ids = []
    for company in ("A", "B", "C", "D"):
        ids.append(_save(app, _interview(company)).id)
        app.journal_controls.new()
    panel = app.history
    panel.refresh()
    panel.pick(ids[0])
    assert panel.overlay.layout.display == "none"
    panel._picks[1].box.value = True  # ticking in the table, as a person does
    panel._picks[2].box.value = True
    assert len(panel.selected) == 3
    assert panel.overlay.layout.display == "block" and panel.overlay.value[:4] == b"\x89PNG"
    assert panel.overlay.tooltip.startswith("Radar comparing")
    panel.pick(*ids)
    assert panel.overlay.layout.display == "none" and "at most 3" in panel.overlay_text.value


def test_trend_chart_has_a_text_alternative(app: App):
    _save(app, _interview())
    panel = app.history
    panel.refresh()
    assert panel.trend.value[:4] == b"\x89PNG"
    assert panel.trend.tooltip == panel.trend_text.value
    assert "1 dated interview from" in panel.trend.tooltip
    assert "no dated interviews" in trend_summary([])


def test_open_loads_into_the_form_and_edits_update_it(path: Path, app: App):
    first = _save(app, _interview("Acme", value=2))
    app.journal_controls.new()
    _save(app, _interview("Beta", value=-1))
    panel = app.history
    app.tabs.selected_index = 1
    panel.pick(first.id)
    panel.open_button.click()
    assert app.tabs.selected_index == 0
    assert app.form.company.value == "Acme" and app.journal_controls.linked.id == first.id
    app.form.notes.value = "second thoughts"
    updated = app.journal_controls.save()
    assert updated.id == first.id and updated.revision == 2
    with open_journal(path) as journal:
        assert len(journal) == 2


def test_open_needs_exactly_one(app: App):
    _save(app, _interview())
    panel = app.history
    panel.refresh()
    panel.open_selected()
    assert "exactly one" in panel.status.value and app.tabs.selected_index == 0


def test_delete_needs_confirmation(path: Path, app: App):
    entry = _save(app, _interview())
    panel = app.history
    panel.refresh()
    panel.pick(entry.id)
    panel.delete_button.click()
    assert panel.confirm_button.layout.display != "none"
    with open_journal(path) as journal:
        assert len(journal) == 1  # asking deleted nothing
    panel.cancel_button.click()
    assert panel.confirm_button.layout.display == "none" and "Nothing deleted" in panel.status.value
    panel.confirm_button.click()  # a stale click after Cancel does nothing
    with open_journal(path) as journal:
        assert len(journal) == 1
    panel.delete_button.click()
    panel.confirm_button.click()
    with open_journal(path) as journal:
        assert len(journal) == 0
    assert shown_rows(panel) == [] and app.journal_controls.linked is None


def test_user_text_is_escaped_everywhere(app: App):
    _save(app, _interview(company=XSS, role=XSS, notes=XSS))
    panel = app.history
    panel.refresh()
    assert shown_rows(panel)[0][2] == XSS  # a Label: shown as text
    for widget in _all_widgets(app.container):
        if isinstance(widget, w.HTML):
            assert "<img" not in widget.value.lower(), widget  # only escaped, if at all


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", [b"not a journal at all\n", "newer", "foreign"])
def test_refused_journal_shows_the_message_and_stays_unchanged(tmp_path: Path, content):
    path = tmp_path / "journal.sqlite3"
    if content == "newer":
        open_journal(path).close()
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA user_version = 99")
        conn.close()
    elif content == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(content)
    before = _digest(path)
    app = App(journal=path)
    panel = app.history
    panel.refresh()
    message = app.session.journal_error
    assert message and str(path) in message and "\n" not in message
    assert html.escape(message) in app.journal_controls.journal_error_box.value
    assert html.escape(message) in panel.error_box.value
    assert app.journal_controls.save_button.disabled
    app.load(_interview())
    assert app.journal_controls.save() is None
    assert app.overall_text  # the reading still works
    assert _digest(path) == before


def test_a_journal_path_that_names_no_place_is_one_message_asked_once():
    app = App(journal="~no-such-user-ik-test/journal.sqlite3")
    app.load(_interview())
    assert app.journal_controls.save() is None
    message = app.session.journal_error
    assert message.startswith("journal:") and "home folder" in message and "\n" not in message
    assert html.escape(message) in app.journal_controls.journal_error_box.value
    assert app.journal_controls.save_button.disabled
    assert app.session.source.failure is not None  # remembered: never tried again
    app.history.refresh()
    assert html.escape(message) in app.history.error_box.value


def test_env_var_journal_is_used(tmp_path: Path, monkeypatch):
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(path))
    app = App()
    _save(app, _interview())
    with open_journal(path) as journal:
        assert len(journal) == 1


def test_every_control_has_a_name(app: App):
    panel = app.history
    panel.refresh()
    for widget in _all_widgets(app.container):
        if isinstance(widget, w.Button):
            assert widget.description or widget.tooltip
        elif isinstance(widget, (w.Dropdown, w.Checkbox, w.DatePicker)):
            assert widget.description, widget


def test_tab_visit_rereads_the_journal(path: Path, app: App):
    _save(app, _interview())
    panel = app.history
    app.tabs.selected_index = 1
    assert len(shown_rows(panel)) == 1
    app.tabs.selected_index = 0
    with open_journal(path) as other:  # the CLI or a second dashboard saving meanwhile
        other.add(_interview("Beta"))
    app.tabs.selected_index = 1
    assert len(shown_rows(panel)) == 2


def test_history_charts_follow_the_chart_theme(app: App):
    _save(app, _interview())
    panel = app.history
    panel.refresh()
    light = panel.trend.value
    app.theme_toggle.value = "dark"
    panel.refresh()
    assert panel.trend.value != light and panel.trend.value[:4] == b"\x89PNG"


def test_the_trend_names_each_point_and_ticks_each_date_when_few():
    """A few interviews: a tick at each date, each point named (company, round) on the
    chart and in its text alternative; words agree in number."""
    from interview_kit.charts.trend import round_labels, trend_figure
    from interview_kit.journal.history import TrendPoint

    points = [
        TrendPoint(1, "2026-11-02", 72.0, "next_round", "Acme", "Analyst"),
        TrendPoint(2, "2026-11-09", 58.0, None, "Acme", "Analyst"),
        TrendPoint(3, "2026-11-12", 40.0, "rejected", "Beta", "Engineer"),
    ]
    assert round_labels(points) == ["Acme, round 1", "Acme, round 2", "Beta, round 1"]
    figure = trend_figure(points)
    ax = figure.axes[0]
    figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["2026-11-02", "2026-11-09", "2026-11-12"]
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["Acme, round 1", "Acme, round 2", "Beta, round 1"]
    words = trend_summary(points)
    assert "3 dated interviews" in words and "2 applications" in words
    assert "2026-11-09 Acme, round 2 58 (pending)" in words
    assert "1 dated interview from" in trend_summary(points[:1])
    assert "1 application " in trend_summary(points[:1])
