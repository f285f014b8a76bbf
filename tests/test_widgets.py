"""The form and the dashboard without a browser: every change re-scores and redraws."""

import dataclasses
import datetime as dt
import html
import json
import math

import ipywidgets as w
import pytest

from interview_kit import InputError, Interview
from interview_kit.core import scoring as scoring_module
from interview_kit.core import signals as signals_module
from interview_kit.core import weights as weights_module
from interview_kit.core.advice import summary
from interview_kit.core.signals import CATALOG, get_signal, observed_signals
from interview_kit.ui.app import App, page_theme
from interview_kit.ui.form import NOT_NOTICED, UNSET, InterviewForm, level_options
from interview_kit.ui.reading import reading_html, score_label, score_line_html

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def app():
    return App()


def _fill(app, **values):
    for sid, value in values.items():
        app.form.signal_controls[sid].value = float(value)


def test_form_has_one_control_per_observed_signal_with_worded_levels():
    form = InterviewForm()
    assert list(form.signal_controls) == [s.id for s in observed_signals()]
    for signal in observed_signals():
        control = form.signal_controls[signal.id]
        labels = [label for label, _ in control.options]
        assert labels[0] == NOT_NOTICED
        for words in signal.levels:
            assert any(words in label for label in labels)
        assert f"ik-signal-{signal.id}" in control._dom_classes
        assert control.description == signal.label
        assert control.value == UNSET


def test_empty_form_is_unclear_not_a_guess(app):
    assert app.assessment.verdict == "unclear"
    assert "unclear" in app.verdict_text
    assert app.assessment.confidence < 0.4


def test_changing_a_control_changes_score_verdict_and_chart(app):
    png0, overall0 = app.chart_image.value, app.assessment.overall
    _fill(app, engagement=2, eye_contact=2, follow_ups=2, smoothness=2, comfort=2, ease=2)
    app.form.actual.value = "60"
    assert app.assessment.overall > overall0
    assert app.assessment.verdict == "promising"
    assert app.chart_image.value != png0
    assert app.chart_image.value[:8] == b"\x89PNG\r\n\x1a\n"
    png1, label1 = app.chart_image.value, app.overall_text
    _fill(app, engagement=-2, eye_contact=-2, follow_ups=-2, smoothness=-2, comfort=-2, ease=-2)
    app.form.actual.value = "20"
    assert app.assessment.verdict == "concerning"
    assert app.chart_image.value != png1
    assert app.overall_text != label1
    assert "concerning" in app.verdict_text


def test_didnt_notice_differs_from_neutral(app):
    _fill(app, engagement=2, eye_contact=2, smoothness=2, comfort=2)
    app.form.signal_controls["ease"].value = 0.0
    neutral = app.assessment
    neutral_png = app.chart_image.value
    app.form.signal_controls["ease"].value = UNSET
    unnoticed = app.assessment
    assert app.interview.signals["ease"] is None
    assert unnoticed.confidence < neutral.confidence
    assert unnoticed.overall > neutral.overall  # a 0 pulls the mean down, a gap does not
    assert app.chart_image.value != neutral_png


@pytest.mark.parametrize(
    ("widget", "value", "field", "label"),
    [
        ("scheduled", "nan", "scheduled_minutes", "Booked minutes"),
        ("scheduled", "-5", "scheduled_minutes", "Booked minutes"),
        ("scheduled", "", "scheduled_minutes", "Booked minutes"),
        ("scheduled", "forty", "scheduled_minutes", "Booked minutes"),
        ("actual", "inf", "actual_minutes", "Actual minutes"),
        ("actual", "100000", "actual_minutes", "Actual minutes"),
        ("company", "x" * 500, "company", "Company"),
    ],
)
def test_invalid_values_are_marked_at_the_field_and_the_reading_is_out_of_date(
    app, widget, value, field, label
):
    _fill(app, engagement=1)
    good = app.assessment
    control = getattr(app.form, widget)
    control.disabled = True  # a client can still send values to a disabled widget
    control.value = value
    assert field in app.error  # the state keeps the core's exact error
    # The field is marked (a class for the style, aria-invalid through the page aid)
    # and its message, in the user's words, sits right after it.
    assert "ik-invalid" in control._dom_classes
    hook = app.form.messages.hooks[field]
    assert hook in control._dom_classes
    message_id = app.form.messages.message_ids[field]
    assert app.aid.invalid == {hook: message_id}
    slot = app.form.messages.slot(field)
    siblings = list(app.form.container.children)
    assert siblings.index(slot) == siblings.index(control) + 1
    assert slot.value.count(label) == 1 and f"id='{message_id}'" in slot.value
    assert "role='alert'" in slot.value and field not in slot.value
    assert "Traceback" not in slot.value + app.error_box.value
    # The reading says it is out of date; no stale score is shown as current.
    assert "out of date" in app.error_box.value
    assert app.overall_text == "Overall: out of date"
    assert app.confidence_text == ""
    assert app.save_png.value == "" and app.download_json.value == ""
    assert "ik-stale" in app.reading_column._dom_classes
    assert app.assessment is good  # the last valid reading stays in the state
    for text in (app.overall_text, app.confidence_text):
        assert "nan" not in text.lower()
    shown = json.loads(app.json_text.value)
    assert all(math.isfinite(v) for v in (shown["overall"], shown["confidence"]))


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("45 min", 45), ("1h", 60), ("1h 30", 90), ("90 minutes", 90), ("1:15", 75)],
)
def test_minutes_as_people_write_them(app, typed, minutes):
    app.form.actual.value = typed
    assert app.error == "" and app.interview.actual_minutes == minutes
    app.form.scheduled.value = typed
    assert app.error == "" and app.interview.scheduled_minutes == minutes


def test_hostile_weight_gives_a_message_beside_the_weight(app):
    weight = app.weights_panel.controls["engagement"]
    weight.value = -1.0
    assert "weights" in app.error and "engagement" in app.error
    messages = app.weights_panel.messages
    slot = messages.slot("weights.engagement")
    assert "Weight of Engagement: must be a number from 0" in html.unescape(slot.value)
    assert "ik-invalid" in weight._dom_classes
    assert app.aid.invalid == {
        messages.hooks["weights.engagement"]: messages.message_ids["weights.engagement"]
    }
    assert app.weights_panel.accordion.selected_index == 0  # opened: the message is seen
    assert "weights panel" in app.error_box.value
    box = app.weights_panel.accordion.children[0].children
    assert box.index(slot) == box.index(weight) + 1
    weight.value = float("nan")
    assert "engagement" in app.error
    app.reset_weights()
    assert app.error == "" and app.aid.invalid == {}
    assert "ik-invalid" not in weight._dom_classes and slot.value == ""
    assert app.weights == weights_module.default_weights()


def test_error_clears_when_fixed(app):
    app.form.scheduled.value = "abc"
    assert app.error
    app.form.scheduled.value = "50"
    assert app.error == "" and app.error_box.value == ""
    assert app.aid.invalid == {} and "ik-invalid" not in app.form.scheduled._dom_classes
    assert app.form.messages.slot("scheduled_minutes").value == ""
    assert "ik-stale" not in app.reading_column._dom_classes
    assert app.overall_text == score_label(app.assessment)
    assert "/ 100" in app.overall_text and "out of date" not in app.overall_text
    assert app.save_png.value and app.download_json.value


def test_score_line_is_one_escaped_block(app):
    _fill(app, engagement=2)
    line = app.score_line.value
    for name, text in (
        ("ik-overall", app.overall_text),
        ("ik-verdict", app.verdict_text),
        ("ik-confidence", app.confidence_text),
    ):
        assert text and f"<span class='{name}'>{html.escape(text)}</span>" in line
    assert "href='#ik-reading-start'" in line
    assert "&lt;b&gt; &amp;" in score_line_html("<b> &", "", "")


def test_user_text_is_escaped_everywhere(app):
    app.form.company.value = HOSTILE
    app.form.notes.value = HOSTILE
    _fill(app, engagement=2)
    assert app.interview.company == HOSTILE
    for widget in (app.reading, app.error_box, app.save_png, app.download_json):
        assert "<img" not in widget.value
    # Too long: the message beside the field quotes the value, escaped.
    app.form.company.value = HOSTILE * 20
    message = app.form.messages.slot("company").value
    assert "<img" not in message and "&lt;img" in message


def test_weights_panel_changes_the_reading_and_resets(app):
    assert app.weights_panel.accordion.selected_index is None  # collapsed by default
    assert set(app.weights_panel.controls) == {s.id for s in CATALOG}
    _fill(app, engagement=2, ease=-2, smoothness=0, comfort=0)
    before = app.assessment.overall
    app.weights_panel.controls["ease"].value = 0.0
    assert app.assessment.overall > before
    assert app.assessment.weights["ease"] == 0.0
    app.weights_panel.reset_button.click()
    assert app.assessment.overall == pytest.approx(before)
    assert app.weights_panel.controls["ease"].value == CATALOG_WEIGHTS["ease"]


CATALOG_WEIGHTS = {s.id: s.default_weight for s in CATALOG}


def test_exports_follow_the_reading(app):
    _fill(app, engagement=2, comfort=1)
    data = json.loads(app.json_text.value)
    assert data == json.loads(json.dumps(app.assessment.to_dict()))
    assert set(data) >= {"overall", "verdict", "confidence", "categories", "contributions"}
    assert "data:application/json;base64," in app.download_json.value
    # The PNG link saves the chart on screen (the page aid gives it the picture's
    # address): the picture is not sent a second time with every change.
    link, chart = app.save_png.value, app.chart_image.value
    assert 'download="interview-radar.png"' in link and 'data-ik-picture="ik-chart"' in link
    assert "base64" not in link
    _fill(app, engagement=-1)
    assert app.chart_image.value != chart and app.save_png.value == link


def test_chart_has_a_text_alternative(app):
    _fill(app, engagement=2)
    assert app.chart_image.tooltip == summary(app.assessment)
    assert app.assessment.coverage in app.chart_image.tooltip
    assert html.escape(app.chart_image.tooltip) in app.chart_summary.value


def test_set_interview_round_trips_through_the_form():
    interview = Interview.create(
        company="Acme",
        role="Analyst",
        date="2026-11-20",
        stage="onsite",
        scheduled_minutes=45,
        actual_minutes=55,
        behavioral_share=0.6,
        signals={"engagement": 2, "eye_contact": 1, "ease": -1},
        notes="fine",
        outcome="offer",
    )
    app = App()
    app.load(interview)
    assert app.interview == interview
    assert app.form.to_interview() == interview


def test_reading_lists_strengths_before_concerns(app):
    _fill(app, engagement=2, ease=-2, smoothness=1, comfort=1)
    text = app.reading.value
    assert text.index("What went well") < text.index("Worth noting") < text.index("Next")
    assert text.index("Next steps") < text.index("Detail")
    assert reading_html(app.assessment, app.interview) == text


def test_panels_can_be_added(app):
    import ipywidgets

    class Notes:
        title = "Notes"
        container = ipywidgets.Label("notes")
        visits = 0

        def shown(self):
            self.visits += 1

    extra = Notes()
    app.add_panel(extra)
    assert app.tabs.children[-1] is extra.container
    assert app.tabs.get_title(len(app.tabs.children) - 1) == "Notes"
    app.show("Notes")
    assert extra.visits == 1 and app.state.tab == "Notes"
    assert "ik-app" in app.container._dom_classes


def test_a_new_catalog_signal_adds_a_control_and_a_spoke(monkeypatch):
    extra = dataclasses.replace(
        CATALOG[0],
        id="smiles",
        label="Smiles",
        question="Did they smile?",
        levels=("Never", "Rarely", "Sometimes", "Often", "All the time"),
    )
    # The catalog is data: a Catalog value with one more row is all it takes.
    signals_module.activate(signals_module.Catalog((*CATALOG, extra)))
    app = App()
    assert "smiles" in app.form.signal_controls
    assert [label for label, _ in level_options(extra)][-1].endswith("All the time")
    assert "smiles" in [s.id for s in app.chart.spokes]
    assert "smiles" in app.weights_panel.controls
    app.form.signal_controls["smiles"].value = 2.0
    assert app.interview.signals["smiles"] == 2.0
    assert any(c.signal == "smiles" for c in app.assessment.contributions)


def test_form_rejects_what_the_core_rejects():
    form = InterviewForm()
    form.scheduled.value = "0"
    with pytest.raises(InputError) as info:
        form.to_interview()
    assert info.value.field == "scheduled_minutes"


def test_dark_chart_toggle_redraws(app):
    _fill(app, engagement=1)
    light = app.chart_image.value
    app.theme_toggle.value = "dark"
    assert app.chart.theme_name == "dark"
    assert app.chart_image.value != light
    assert App(theme="dark").chart.theme_name == "dark"


def test_about_a_sign_folds_its_meaning_and_evidence():
    """Under each menu: the scale's two ends, then "About <sign>" folded (closed) in a
    <details> holding what the sign suggests and how strong its evidence is."""
    form = InterviewForm()
    for signal in observed_signals():
        about = form.about[signal.id].value
        ends, folded = about.split("<details", 1)
        assert html.escape(signal.negative) in ends and html.escape(signal.positive) in ends
        assert folded.startswith(f" class='ik-info ik-info-{signal.id}'>")  # closed
        summary, inside = folded.split("</summary>", 1)
        assert summary.endswith(f"<summary>About {signal.label.lower()}")
        assert html.escape(signal.meaning) in inside
        assert html.escape(signal.evidence) in inside


@pytest.mark.parametrize(
    ("query", "theme"),
    [
        ("", "light"),
        ("theme=dark", "dark"),
        ("theme=light", "light"),
        ("foo=1&theme=dark", "dark"),
        ("theme=%3Cb%3E", "light"),
    ],
)
def test_page_theme_follows_voilas_query_string(query, theme):
    assert page_theme({"QUERY_STRING": query}) == theme
    assert page_theme({}) == "light"  # a preheated kernel, before any page


def test_share_control_is_named_and_asked_like_its_spoke():
    form = InterviewForm()
    questions = get_signal("questions")
    assert form.share.description == questions.label
    texts = [c.value for c in form.container.children if isinstance(c, w.HTML)]
    assert any(html.escape(questions.question) in t for t in texts)


def test_a_saved_value_between_levels_is_kept_not_rounded():
    saved = Interview.create(
        scheduled_minutes=45,
        actual_minutes=55.1234567,
        behavioral_share=0.55,
        signals={"engagement": 1.5, "ease": -0.25},
    )
    app = App(interview=saved)
    assert app.interview.signals["engagement"] == 1.5
    assert app.interview.signals["ease"] == -0.25
    assert app.interview.behavioral_share == 0.55
    assert app.interview.actual_minutes == 55.1234567
    assert app.form.scheduled.value == "45"
    assert app.assessment == scoring_module.score(saved)


def test_went_well_box_feeds_the_reading_escaped(app):
    _fill(app, engagement=-2, comfort=-2, ease=-1, smoothness=-1)
    assert app.assessment.prompt and "Name one thing you did well" in app.reading.value
    assert app.form.went_well.description == "Went well"
    assert "One thing that went well" in app.form.debrief.went_well_question.value
    assert "ik-went-well" in app.form.went_well._dom_classes
    app.form.went_well.value = "<b>my</b> question about the roadmap"
    assert app.interview.went_well == "<b>my</b> question about the roadmap"
    assert "&lt;b&gt;my&lt;/b&gt; question" in app.reading.value
    assert "<b>my</b>" not in app.reading.value
    assert "Name one thing you did well" not in app.reading.value
    loaded = App(interview=app.interview)
    assert loaded.form.went_well.value == app.interview.went_well


def test_unclear_reading_gives_words_not_a_bold_number(app):
    _fill(app, engagement=2)
    assert app.assessment.verdict == "unclear"
    assert app.overall_text.startswith("Too little noted")
    assert app.verdict_text == "Verdict: unclear (too little noted to say)"
    assert app.confidence_text == "Based on 1 of 8 signs"
    assert "Hold on to what went well" not in app.reading.value


def test_a_field_added_to_the_table_is_a_control_in_the_form(monkeypatch, tmp_path):
    """A new row of the field table, and no other edit: the form shows it (named by its
    label, with its hook class), reads it, saves it and shows it back."""
    from field_helpers import APPLIED_ON, REFERRAL, add_field

    add_field(monkeypatch, REFERRAL, APPLIED_ON)
    app = App(journal=tmp_path / "journal.sqlite3")
    referral, applied = (app.form.controls[f.key] for f in (REFERRAL, APPLIED_ON))
    assert (referral.description, applied.description) == ("Referred by", "Applied on")
    assert "ik-referral" in referral._dom_classes and referral in app.form.value_widgets()
    referral.value = "a former colleague"
    applied.value = dt.date(2026, 11, 2)
    assert app.interview.value(REFERRAL.key) == "a former colleague"
    assert app.interview.value(APPLIED_ON.key) == "2026-11-02"
    entry = app.journal_controls.save()
    app.journal_controls.new()
    assert referral.value == "" and applied.value is None
    app.load(entry.interview)
    assert (referral.value, applied.value) == ("a former colleague", dt.date(2026, 11, 2))
    referral.value = "x" * 101  # its bound, from the table, marked beside it
    assert "Referred by" in app.error, app.error
    assert "Referred by" in html.unescape(app.form.messages.slot(REFERRAL.key).value)


def test_all_zero_weights_are_refused_in_the_weights_panel(app):
    """The panel says in one sentence why weights that are all 0 cannot be used, and
    refuses to save them as a profile."""
    app.weights_panel.accordion.selected_index = 0  # opened: built
    for control in app.weights_panel.controls.values():
        control.value = 0.0
    message = app.weights_panel.profiles.message.value
    assert "every weight is 0" in message
    app.weights_panel.profiles.save("nothing counts")
    assert "Not saved" in app.weights_panel.profiles.message.value
