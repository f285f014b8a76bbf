"""The History tab's table, search, filter, export, footer and chart theme, and the
charts' legibility (legend never clipped, text readable on a phone, one line per
application), without a browser. Every test uses a real journal file in a temporary folder.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from pathlib import Path

import pytest
from matplotlib import image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb

from interview_kit.charts.calibration import outcome_figure, weights_figure
from interview_kit.charts.radar import RadarChart, overlay_figure
from interview_kit.charts.sensitivity import sensitivity_figure
from interview_kit.charts.theme import MIN_TEXT_PX, THEMES, smallest_text_px
from interview_kit.charts.trend import trend_figure
from interview_kit.cli.launch import journal_env
from interview_kit.cli.main import main
from interview_kit.core.interview import Interview
from interview_kit.journal.exchange import parse_export, parse_export_csv
from interview_kit.journal.history import TrendPoint, filter_rows, history_rows
from interview_kit.journal.schema import ENV_VAR
from interview_kit.journal.store import open_journal
from interview_kit.learn.calibration import fit_weights
from interview_kit.learn.demo import open_demo_journal
from interview_kit.learn.sensitivity import sensitivity
from interview_kit.ui.app import App
from interview_kit.ui.history import PAGE_SIZE, shown_rows
from interview_kit.ui.history_table import COLUMNS, legend_html, table_html
from interview_kit.ui.kit import export_name

XSS = "<img src=x onerror=alert(1)>"


def _interview(
    company: str,
    role: str = "Analyst",
    date: str | None = "2026-11-20",
    value: int = 1,
    outcome: str | None = None,
) -> Interview:
    return Interview.create(
        company=company,
        role=role,
        date=date,
        stage="onsite",
        scheduled_minutes=45,
        actual_minutes=50,
        outcome=outcome,
        signals={"engagement": value, "comfort": value},
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def app(path: Path) -> App:
    with open_journal(path) as journal:
        for n, (company, role, outcome) in enumerate(
            [
                ("Acme Analytics", "Data analyst", "rejected"),
                ("Beta", "Engineer", None),
                ("acme  analytics", "Data Analyst", "next_round"),
                (XSS, "Designer", "offer"),
            ]
        ):
            journal.add(_interview(company, role, f"2026-11-{10 + n:02d}", outcome=outcome))
    app = App(journal=path)
    app.history.refresh()
    return app


def _companies(app: App) -> list[str]:
    return [row[COLUMNS.index("Company")] for row in shown_rows(app.history)]


def _png_corner(png: bytes) -> tuple[float, ...]:
    return tuple(image.imread(io.BytesIO(png), format="png")[2, 2, :3])


# -- the table ---------------------------------------------------------------------------


def test_the_table_is_a_real_escaped_table(app: App):
    markup = app.history.table.value
    assert markup.startswith("<table") and "<caption>" in markup
    assert markup.count("<th scope='col'") == len(COLUMNS)
    assert markup.count("<th scope='row'") == 4  # the company names each row
    assert XSS not in markup and html.escape(XSS) in markup  # user text only escaped
    assert XSS in _companies(app)  # and read back as the text the user typed
    assert "4 of 4" in app.history.page_label.value


def test_rows_keep_their_table_roles_for_phone_cards():
    markup = table_html([], "nothing")
    assert "role='table'" in markup and "No interviews to show." in markup


def test_search_by_company_or_role_ignores_case_and_spaces(app: App):
    panel = app.history
    panel.search.value = "ACME analytics"
    assert sorted(_companies(app)) == ["Acme Analytics", "acme  analytics"]
    assert "(of 4 saved)" in panel.page_label.value
    panel.search.value = "engineer"
    assert _companies(app) == ["Beta"]
    panel.search.value = "nobody"
    assert _companies(app) == [] and "None of your 4 interviews" in panel.page_label.value


def test_filter_by_outcome_and_pending(app: App):
    panel = app.history
    panel.outcome_filter.value = "pending"
    assert _companies(app) == ["Beta"]
    panel.outcome_filter.value = "rejected"
    assert _companies(app) == ["Acme Analytics"]
    panel.search.value = "beta"  # both apply
    assert _companies(app) == []
    panel.outcome_filter.value = "any"
    assert _companies(app) == ["Beta"]


def test_filter_rows_is_data_in_data_out():
    with open_demo_journal() as journal:
        rows = history_rows(journal.entries())
    kept = filter_rows(rows, " ", "offer")
    assert kept and all(r.outcome == "offer" for r in kept)
    assert filter_rows(rows) == rows


def test_filtering_goes_back_to_page_one(path: Path):
    with open_journal(path) as journal:
        for k in range(PAGE_SIZE + 3):
            journal.add(_interview(f"C{k}", date=f"2026-01-{1 + k:02d}"))
    app = App(journal=path)
    panel = app.history
    panel.refresh()
    panel.next_button.click()
    assert panel.page == 1
    panel.search.value = "C1"
    assert panel.page == 0 and len(shown_rows(panel)) == 4  # C1, C10, C11, C12


def test_ticks_name_their_interview_and_survive_a_search(app: App):
    panel = app.history
    boxes = [p.box for p in panel._picks if p.box.layout.display != "none"]
    assert len(boxes) == 4 and all(b.description.startswith("#") for b in boxes)
    boxes[0].value = True
    boxes[1].value = True
    assert panel.overlay.layout.display == "block"
    assert "Lines on the radar" in panel.overlay_legend.value
    assert "drawn as red-orange solid line" in panel.overlay.tooltip
    drawn = panel.overlay.value
    panel.search.value = "nobody"  # the comparison stays: the ticks are kept
    assert len(panel.selected) == 2 and panel.overlay.layout.display == "block"
    assert panel.overlay.value is drawn  # and a keystroke does not redraw it


def test_legend_table_escapes_names():
    with open_demo_journal() as journal:
        rows = history_rows(journal.entries())[:2]
    rows = [rows[0].__class__(**{**rows[0].to_dict(), "company": XSS}), rows[1]]
    markup = legend_html(rows, "dark")
    assert XSS not in markup and html.escape(XSS) in markup
    assert markup.count("<th scope='row'>") == 2


# -- export ------------------------------------------------------------------------------


def _download(app: App) -> tuple[str, str]:
    match = re.search(
        r'download="([^"]+)" data-ik-start="\d+" href="data:[^;]+;base64,([^"]+)"',
        app.history.download.value,
    )
    assert match, app.history.download.value
    return match.group(1), base64.b64decode(match.group(2)).decode("utf-8")


def test_export_json_and_csv_of_what_is_shown(app: App, path: Path):
    panel = app.history
    with open_journal(path) as journal:
        journal.save_profile("mine", {"engagement": 2.0})
    panel.search.value = "acme"
    panel.export_json_button.click()
    name, text = _download(app)
    entries, profiles = parse_export(text)
    day = dt.date.today().isoformat()
    assert re.fullmatch(rf"interview-journal(-[A-Za-z0-9-]+)?-{day}\.json", name), name
    assert sorted(e.company for e in entries) == ["Acme Analytics", "acme  analytics"]
    assert [p.name for p in profiles] == ["mine"]
    assert "Download 2 interviews as JSON again" in panel.download.value
    panel.search.value = ""  # a changed filter withdraws the stale link
    assert panel.download.value == ""
    panel.export_csv_button.click()
    name, text = _download(app)
    assert name.endswith(f"-{day}.csv")
    assert XSS in [e.company for e in parse_export_csv(text)]  # exact round trip
    assert len(parse_export_csv(text)) == 4
    assert text.splitlines()[0].endswith(",score,verdict,coverage")
    first = panel.download.value
    panel.export_csv_button.click()  # again: a new link, started again
    assert panel.download.value != first


def test_export_names_follow_the_journal_and_the_day():
    day = dt.date(2026, 12, 6)
    assert export_name("/x/journal.sqlite3", "csv", day) == "interview-journal-2026-12-06.csv"
    assert export_name("/x/my work<1>.sqlite3", "json", day) == (
        "interview-journal-my-work-1-2026-12-06.json"
    )


def test_export_when_the_journal_is_refused_changes_nothing(tmp_path: Path):
    bad = tmp_path / "journal.sqlite3"
    bad.write_bytes(b"not a journal")
    app = App(journal=bad)
    app.history.prepare_export("json")
    assert app.history.download.value == "" and app.history.error_box.value
    assert bad.read_bytes() == b"not a journal"


# -- where the journal is ----------------------------------------------------------------


def test_footer_names_the_journal_file_escaped(tmp_path: Path):
    odd = tmp_path / "<b>odd</b>" / "journal.sqlite3"
    app = App(journal=odd)
    app.history.refresh()
    footer = app.history.footer.value
    assert html.escape(str(odd)) in footer and "<b>" not in footer


def test_footer_names_the_env_journal(tmp_path: Path, monkeypatch):
    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(target))
    app = App()
    assert app.session.source.location() == str(target)  # known before it is opened
    app.history.refresh()
    assert str(target) in app.history.footer.value


def test_dashboard_journal_option_is_made_absolute(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert journal_env("mine.sqlite3") == {ENV_VAR: str(tmp_path / "mine.sqlite3")}


def test_dashboard_journal_option_refuses_a_folder(tmp_path: Path, capsys):
    assert main(["dashboard", "--journal", str(tmp_path), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--journal" in err and "not a folder" in err


# -- chart theme -------------------------------------------------------------------------


def test_history_charts_redraw_when_the_theme_changes(app: App):
    panel = app.history
    panel.pick(*[r.id for r in panel.rows[:2]])
    app.tabs.selected_index = 0
    app.theme_toggle.value = "dark"  # no refresh: the charts follow at once
    dark = to_rgb(THEMES["dark"].background)
    assert _png_corner(panel.trend.value) == pytest.approx(dark, abs=0.01)
    assert _png_corner(panel.overlay.value) == pytest.approx(dark, abs=0.01)


def test_calibration_and_sensitivity_charts_follow_the_theme(app: App):
    dark = to_rgb(THEMES["dark"].background)
    light = to_rgb(THEMES["light"].background)
    app.calibration.load_demo()
    assert _png_corner(app.calibration.weights_image.value) == pytest.approx(light, abs=0.01)
    app.load(_interview("Acme"))  # signs noticed: the sensitivity chart has bars
    app.weights_panel.accordion.selected_index = 0  # it draws when open
    app.theme_toggle.value = "dark"
    for png in (
        app.calibration.weights_image.value,
        app.calibration.outcomes_image.value,
        app.weights_panel.sensitivity.image.value,
    ):
        assert _png_corner(png) == pytest.approx(dark, abs=0.01)


# -- legibility --------------------------------------------------------------------------

LONG = "#12 Acme Analytics International Holdings, Senior data analyst · 2026-11-25"


def _dashboard_figures():
    one = _interview("Acme")
    two = _interview("Beta", value=-2)
    with open_demo_journal() as journal:
        interviews = [e.interview for e in journal.entries()]
    calibration = fit_weights(interviews)
    points = [TrendPoint(n, f"2026-10-{n + 1:02d}", 40 + n, None, "A", "r") for n in range(5)]
    return {
        "radar": RadarChart().update(one, title="Acme").figure,
        "overlay": overlay_figure([(LONG, one), ("#3 Beta · 2026-11-20", two)]),
        "trend": trend_figure(points),
        "sensitivity": sensitivity_figure(sensitivity(one)),
        "weights": weights_figure(calibration),
        "outcomes": outcome_figure(interviews, None, calibration),
    }


def test_every_dashboard_chart_is_readable_on_a_phone():
    small = {
        name: round(smallest_text_px(figure), 2) for name, figure in _dashboard_figures().items()
    }
    assert all(px >= MIN_TEXT_PX - 0.01 for px in small.values()), small


@pytest.mark.parametrize("count", [2, 3])
def test_overlay_legend_is_never_clipped(count):
    one = _interview("Acme")
    items = [(LONG + "x" * n, one) for n in range(count)]
    figure = overlay_figure(items, theme="dark")
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    legend = figure.legends[0].get_window_extent(renderer)
    frame = figure.bbox
    assert frame.x0 <= legend.x0 and legend.x1 <= frame.x1
    assert frame.y0 <= legend.y0 and legend.y1 <= frame.y1
    polar = figure.axes[0].get_tightbbox(renderer)  # the radar with its spoke labels
    assert legend.y1 <= polar.y0  # below the radar, not over it
    texts = [t.get_text() for t in figure.legends[0].get_texts()]
    assert all(max(len(line) for line in t.splitlines()) <= 34 for t in texts)
    assert "".join(texts).replace("\n", " ").count("Holdings") == count  # nothing dropped


def test_trend_joins_the_rounds_of_one_application_only():
    points = [
        TrendPoint(1, "2026-10-01", 60, None, "Acme Analytics Intl", "Analyst"),
        TrendPoint(2, "2026-10-03", 30, "rejected", "Beta", "Dev"),
        TrendPoint(4, "2026-10-05", 45, None, "Gamma", "x"),
        TrendPoint(3, "2026-10-08", 70, "next_round", " acme  analytics intl", "analyst "),
    ]
    figure = trend_figure(points)
    lines = [
        line
        for line in figure.axes[0].get_lines()
        if len(line.get_xdata()) > 1 and line.get_linestyle() == "-"
    ]
    assert len(lines) == 1 and list(lines[0].get_ydata()) == [60, 70]  # Acme's two rounds
    names = [t.get_text() for t in figure.axes[0].texts]
    # A few points: each named (shortened), with its round within its application.
    assert names == [
        "Acme Analytic…, round 1",
        "Beta, round 1",
        "Gamma, round 1",
        "acme  analyti…, round 2",
    ]
    figure.draw_without_rendering()
    for text in figure.axes[0].texts:  # and the name stays inside the picture
        box = text.get_window_extent(figure.canvas.get_renderer())
        assert figure.bbox.x0 <= box.x0 and box.x1 <= figure.bbox.x1
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "Rejected (1)" in labels and "Pending (2)" in labels  # outcomes marked


def test_outcome_chart_group_names_do_not_overlap():
    with open_demo_journal() as journal:
        interviews = [e.interview for e in journal.entries()]
    figure = outcome_figure(interviews, None, fit_weights(interviews), theme="dark")
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    good, bad = (t.get_window_extent(renderer) for t in figure.axes[0].get_xticklabels())
    assert good.x1 < bad.x0 and figure.bbox.x0 <= good.x0 and bad.x1 <= figure.bbox.x1
