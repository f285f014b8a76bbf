"""The Calibration tab and the weights panel's profiles and sensitivity chart, without a browser.

Every journal here is a real SQLite file in a temporary folder; the user's real
journal is never opened (INTERVIEW_KIT_JOURNAL points at a scratch file too).
"""

from __future__ import annotations

import html

import pytest

from interview_kit import Interview
from interview_kit.core.weights import default_weights
from interview_kit.journal.records import DEFAULT_PROFILE
from interview_kit.journal.store import open_journal
from interview_kit.learn.calibration import MIN_OUTCOMES
from interview_kit.ui.app import App
from interview_kit.ui.calibration import CalibrationPanel, calibrate
from interview_kit.ui.events import ProfileSaved
from interview_kit.ui.session import Session

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def scratch_env(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(tmp_path / "env-journal.sqlite3"))


@pytest.fixture
def journal(tmp_path):
    with open_journal(tmp_path / "journal.sqlite3") as j:
        yield j


def _interview(outcome, engagement=1.0):
    return Interview.create(
        scheduled_minutes=45,
        actual_minutes=50,
        behavioral_share=0.5,
        signals={"engagement": engagement, "ease": 1},
        outcome=outcome,
    )


def _fill_real_journal(journal):
    """Enough outcomes of both kinds for a fit (good when engaged, not when not)."""
    for i in range(12):
        good = i % 2 == 0
        journal.add(
            _interview(
                "offer" if good else "rejected", engagement=2.0 if good else -1.0 + (i % 3) * 0.5
            )
        )


def test_too_few_outcomes_says_how_many_more_are_needed(journal):
    journal.add(_interview("offer"))
    journal.add(_interview("rejected"))
    journal.add(_interview("withdrawn"))
    panel = CalibrationPanel(Session(journal))
    panel.refresh()
    status = panel.status.value
    assert "Not enough outcomes yet" in status
    assert f"{MIN_OUTCOMES - 2} more are needed" in status
    assert panel.charts.layout.display == "none"
    assert panel.save_button.disabled
    panel.save_profile("mine")
    assert "Not saved" in panel.message.value
    assert [p.name for p in journal.profiles()] == [DEFAULT_PROFILE]


def test_the_status_names_whose_journal_it_read(journal, tmp_path):
    """The user's own journal (default or $INTERVIEW_KIT_JOURNAL) is "your journal";
    any other, such as the workbook's sandbox, is named by its file."""
    journal.add(_interview("offer"))
    given = CalibrationPanel(Session(journal))
    given.refresh()
    assert f"From the journal {journal.path}:" in html.unescape(given.status.value)
    own = CalibrationPanel(Session())
    own.refresh()
    assert "From your journal:" in html.unescape(own.status.value)


def test_demo_button_fills_the_panel_and_is_labelled_synthetic(journal):
    panel = CalibrationPanel(Session(journal))
    panel.demo_button.click()
    assert panel.result is not None and panel.result.demo
    assert "SYNTHETIC" in panel.demo_label.value
    assert panel.charts.layout.display == "flex"
    assert bytes(panel.weights_image.value).startswith(PNG)
    assert bytes(panel.outcomes_image.value).startswith(PNG)
    assert "50% would be chance" in panel.held_out.value
    shown = "".join(
        box.value for box in (panel.held_out, panel.weights_text, panel.table, panel.outcomes_text)
    )
    assert shown.count("50% would be chance") == 1  # said once, under its heading
    assert panel.weights_image.tooltip and panel.outcomes_image.tooltip
    assert "<table" in panel.table.value and "Fitted" in panel.table.value
    # Weights fitted on made-up data are never offered, and the demo never touches the
    # user's journal.
    assert panel.save_button.disabled
    panel.save_profile("from demo")
    assert "Not saved" in panel.message.value
    assert [p.name for p in journal.profiles()] == [DEFAULT_PROFILE]
    assert len(journal) == 0
    panel.demo_journal.close()


def test_save_fitted_weights_stores_exactly_the_offered_weights(journal):
    _fill_real_journal(journal)
    saved = []
    session = Session(journal)
    session.on(ProfileSaved, lambda event: saved.append(event.name))
    panel = CalibrationPanel(session)
    panel.refresh()
    result = panel.result
    assert result is not None and not result.demo and result.offered
    assert not panel.save_button.disabled
    offered = result.calibration.profile_weights()
    panel.name.value = "my fit"
    panel.save_button.click()
    assert dict(journal.get_profile("my fit").weights) == offered
    assert saved == ["my fit"]
    assert "Saved as the profile" in panel.message.value
    panel.name.value = "bad/name"
    panel.save_button.click()
    assert "Not saved" in panel.message.value and "name" in panel.message.value
    # Deterministic: the same journal gives the same offer.
    assert (
        calibrate([e.interview for e in journal.entries()]).calibration.profile_weights() == offered
    )


def test_a_journal_that_cannot_be_opened_gives_a_message(tmp_path):
    bad = tmp_path / "not-a-journal.sqlite3"
    bad.write_text("hello, I am not SQLite")
    panel = CalibrationPanel(Session(bad))
    panel.refresh()
    assert "cannot be read" in panel.status.value
    assert bad.read_text() == "hello, I am not SQLite"


def test_app_does_not_open_a_journal_until_asked(tmp_path, monkeypatch):
    target = tmp_path / "lazy.sqlite3"
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(target))
    app = App()
    assert not target.exists()
    app.tabs.selected_index = len(app.tabs.children) - 1  # the Calibration tab
    assert target.exists()
    assert "Not enough outcomes yet" in app.calibration.status.value


def test_a_fitted_profile_appears_in_the_weights_panel_not_in_use(journal):
    _fill_real_journal(journal)
    app = App(journal=journal)
    app.show("Calibration")
    app.calibration.save_profile("my fit")
    menu = app.weights_panel.profiles.select
    assert "my fit" in menu.options and menu.value == "my fit"  # offered to load ...
    assert app.weights == default_weights()  # ... never switched to


# -- the weights panel -------------------------------------------------------------
@pytest.fixture
def app(journal):
    return App(journal=journal)  # opened lazily, on first use


def test_profiles_save_load_delete_in_the_weights_panel(app, journal):
    app.weights_panel.accordion.selected_index = 0
    profiles = app.weights_panel.profiles
    assert list(profiles.select.options) == [DEFAULT_PROFILE]
    app.weights_panel.controls["duration"].value = 0.25
    profiles.name.value = "short calls"
    profiles.save_button.click()
    assert "Saved" in profiles.message.value
    assert journal.get_profile("short calls").weights["duration"] == 0.25
    assert list(profiles.select.options) == [DEFAULT_PROFILE, "short calls"]
    assert profiles.select.value == "short calls"

    app.reset_weights()
    assert app.weights == default_weights()
    profiles.load_button.click()
    assert app.weights["duration"] == 0.25
    assert app.assessment is not None and app.assessment.weights["duration"] == 0.25

    profiles.delete_button.click()  # asks first
    assert "Confirm" in profiles.delete_button.description
    assert journal.get_profile("short calls")
    profiles.delete_button.click()
    assert [p.name for p in journal.profiles()] == [DEFAULT_PROFILE]
    assert list(profiles.select.options) == [DEFAULT_PROFILE]


def test_default_profile_cannot_be_deleted_and_bad_names_are_refused(app, journal):
    app.weights_panel.accordion.selected_index = 0
    profiles = app.weights_panel.profiles
    profiles.select.value = DEFAULT_PROFILE
    profiles.delete_button.click()
    profiles.delete_button.click()
    assert "cannot be deleted" in profiles.message.value
    for name in ("", "default", "a/b", "x" * 200):
        profiles.name.value = name
        profiles.save_button.click()
        assert profiles.message.value.count("\n") == 0
        assert "Not saved" in profiles.message.value
    app.weights_panel.controls["engagement"].value = -1.0  # refused by the core
    profiles.name.value = "negative"
    profiles.save_button.click()
    assert "Not saved" in profiles.message.value and "engagement" in profiles.message.value
    assert [p.name for p in journal.profiles()] == [DEFAULT_PROFILE]


def test_profiles_message_when_the_journal_cannot_be_opened(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a journal at all")
    app = App(journal=bad)
    app.weights_panel.accordion.selected_index = 0
    assert "unavailable" in app.weights_panel.profiles.message.value
    app.weights_panel.profiles.save("fine name")
    assert "Not saved" in app.weights_panel.profiles.message.value
    assert bad.read_bytes() == b"not a journal at all"


def test_sensitivity_chart_draws_when_open_and_follows_the_weights(app):
    app.load(_interview(None, engagement=2.0))
    assert bytes(app.weights_panel.sensitivity.image.value) == b""  # closed: not drawn yet
    app.weights_panel.accordion.selected_index = 0
    first = bytes(app.weights_panel.sensitivity.image.value)
    assert first.startswith(PNG)
    words = app.weights_panel.sensitivity.image.tooltip
    assert "matters most" in words
    app.weights_panel.controls["engagement"].value = 3.0
    assert bytes(app.weights_panel.sensitivity.image.value) != first
    assert app.weights_panel.sensitivity.image.tooltip != words
    assert app.weights_panel.sensitivity.image.layout.display == ""
    app.load(Interview.create(scheduled_minutes=45))  # nothing noticed: words only
    assert app.weights_panel.sensitivity.image.layout.display == "none"
    assert "too little was noted" in app.weights_panel.sensitivity.text.value


def test_points_are_a_whole_number_detail_without_jargon(app):
    from interview_kit.core.signals import get_signal

    app.load(_interview(None, engagement=2.0))
    top = app.assessment.contributions[0]
    detail = app.reading.value.split("<details")[1]
    assert f"{get_signal(top.signal).label}: {round(top.points):+d} points" in detail
    assert "evidence:" not in app.reading.value and "folk" not in app.reading.value


def test_before_after_radars_title_each_reading_and_label_weights():
    from interview_kit.charts.radar import before_after_figure, before_after_png

    interview = _interview(None, engagement=2.0)
    figure = before_after_figure(interview, {"engagement": 3.0})
    titles = [t.get_text() for t in figure.texts]
    assert any(t.startswith("Catalog weights: overall") for t in titles)
    assert any(t.startswith("Your weights: overall") for t in titles)
    left, right = figure.axes
    assert any("×1" in t.get_text() for t in left.get_xticklabels())
    assert any("×3" in t.get_text() for t in right.get_xticklabels())
    assert before_after_png(interview, None, theme="dark").startswith(PNG)


def test_ring_labels_sit_between_spokes_and_off_the_centre():
    from interview_kit.charts.radar import RadarChart

    chart = RadarChart()
    rings = [t for t in chart.ax.texts if t.get_text() in ("-2", "-1", "0", "+1", "+2")]
    assert len(rings) == 5
    step = chart.angles[1] - chart.angles[0]
    for text in rings:
        angle, _ = text.get_position()
        assert 0 < angle < step  # between the first two spokes, never on one
    assert all(not t.get_text() for t in chart.ax.get_yticklabels())
