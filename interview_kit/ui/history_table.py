"""The History tab's markup: the interviews as an escaped HTML table, the comparison
radar's legend, and the tab's own stylesheet. Data in, text out (no widgets).

Every piece of user text passes through ``html.escape``; the column titles and the
swatch colours are fixed strings of this module.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

from ..charts.theme import SERIES_STYLES, series_colour, series_words
from ..core.outcomes import outcome_words
from ..journal.history import HistoryRow, Listed
from .kit import stage_label, who_words

#: The table's column headings, in order (the row header is "Company").
COLUMNS = ("#", "Date", "Company", "Role", "Stage", "Score", "Verdict", "Outcome")

#: The panel's own rules (kept here, beside the markup they style).
HISTORY_CSS = """<style>
.ik-history .ik-history-main { gap: 1.2em; }
.ik-history-grid { border-collapse: collapse; width: 100%; font-size: 0.95em; }
.ik-history-grid caption { text-align: left; padding: 0.2em 0; }
.ik-history-grid th, .ik-history-grid td { text-align: left; padding: 0.3em 0.45em;
  vertical-align: top; border-bottom: 1px solid var(--jp-border-color2, #ccc);
  overflow-wrap: break-word; }
.ik-history-grid .ik-user-text { overflow-wrap: anywhere; }
.ik-history-grid td.ik-num { text-align: right; font-variant-numeric: tabular-nums; }
.ik-history-grid td.ik-date { white-space: nowrap; }
.ik-history-grid th[scope=row] { font-weight: 600; }
.ik-history .ik-history-pick .widget-label-basic, .ik-history .ik-history-pick label {
  white-space: normal; height: auto; overflow: visible; }
.ik-history .ik-history-pick { height: auto; min-height: 28px; }
.ik-overlay-legend table { border-collapse: collapse; margin: 0.3em 0; }
.ik-overlay-legend th, .ik-overlay-legend td { text-align: left; padding: 0.15em 0.45em;
  vertical-align: middle; overflow-wrap: anywhere; }
.ik-overlay-legend td { min-width: 8em; }
.ik-overlay-legend .ik-swatch { display: inline-block; width: 2.4em; height: 0;
  border-top-width: 3px; vertical-align: middle; margin-right: 0.3em; }
.ik-history-footer { font-size: 0.9em; overflow-wrap: anywhere; }
/* A phone: the picks and the comparison come first, the rows become cards. */
@media (max-width: 700px) {
  .ik-history .ik-history-side { order: -1; }
  .ik-history-grid thead th { position: absolute; left: 0; width: 1px; height: 1px;
    padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .ik-history-grid tr { display: block; padding: 0.3em 0;
    border-bottom: 1px solid var(--jp-border-color2, #ccc); }
  .ik-history-grid th[scope=row], .ik-history-grid td { display: flex; gap: 0.6em;
    border: 0; padding: 0.1em 0.2em; text-align: left; }
  .ik-history-grid td.ik-num { text-align: left; }
  .ik-history-grid [data-label]::before { content: attr(data-label); flex: 0 0 5.5em;
    font-weight: 600; }
}
</style>"""


def row_cells(row: HistoryRow) -> tuple[str, ...]:
    """The table's text for one row, in :data:`COLUMNS` order (plain text: escaped
    when it becomes markup)."""
    return (
        str(row.id),
        row.date or "no date",
        row.company or "(no company)",
        row.role or "",
        stage_label(row.stage) if row.stage else "",
        f"{row.score:.0f}",
        row.verdict,
        outcome_words(row.outcome),
    )


def row_name(row: HistoryRow | Listed) -> str:
    """How a row is named in messages, tick boxes and legends."""
    return f"{who_words(row.company, row.role)} · {row.date or 'no date'}"


def table_html(rows: Sequence[HistoryRow], caption: str) -> str:
    """The rows as an escaped ``<table>``: column headers, the company as row header.

    The ARIA roles repeat what the elements say, so the rows stay a table for a
    screen reader when a phone's stylesheet shows them as cards.
    """
    head = "".join(f"<th scope='col' role='columnheader'>{html.escape(c)}</th>" for c in COLUMNS)
    body = []
    for row in rows:
        cells = []
        for title, text in zip(COLUMNS, row_cells(row), strict=True):
            label = f" data-label='{html.escape(title)}'"
            if title == "Company":
                cells.append(
                    f"<th scope='row' role='rowheader' class='ik-user-text'{label}>"
                    f"{html.escape(text)}</th>"
                )
                continue
            kind = {
                "#": " class='ik-num'",
                "Score": " class='ik-num'",
                "Date": " class='ik-date'",
                "Role": " class='ik-user-text'",
            }.get(title, "")
            cells.append(f"<td role='cell'{kind}{label}>{html.escape(text)}</td>")
        body.append(f"<tr class='ik-history-row' role='row'>{''.join(cells)}</tr>")
    if not rows:
        body.append(
            f"<tr role='row'><td role='cell' colspan='{len(COLUMNS)}'>"
            "No interviews to show.</td></tr>"
        )
    return (
        f"<table class='ik-history-grid' role='table'><caption>{html.escape(caption)}"
        f"</caption><thead><tr role='row'>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def legend_html(rows: Sequence[HistoryRow], theme: str) -> str:
    """The comparison radar's legend as an escaped table: each line's look, in a
    swatch and in words, beside the interview it draws (names wrap, never clipped)."""
    lines = []
    for index, row in enumerate(rows):
        colour = series_colour(index, theme)
        border = {"-": "solid", "--": "dashed", ":": "dotted"}[SERIES_STYLES[index][1]]
        swatch = (
            f"<span class='ik-swatch' aria-hidden='true' "
            f"style='border-top-style:{border};border-top-color:{colour}'></span>"
        )
        lines.append(
            f"<tr><td>{swatch}{html.escape(series_words(index))}</td>"
            f"<th scope='row'>#{row.id} {html.escape(row_name(row))}: "
            f"{row.score:.0f}, {html.escape(row.verdict)}</th></tr>"
        )
    return (
        "<table><caption class='ik-text'>Lines on the radar</caption><thead><tr>"
        "<th scope='col'>Line</th><th scope='col'>Interview: score, verdict</th>"
        f"</tr></thead><tbody>{''.join(lines)}</tbody></table>"
    )


class _CellText(HTMLParser):
    """The text of each body row of a table's markup, as a browser shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_body = self._in_cell = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag in ("td", "th"):
            self._in_cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.rows[-1][-1] += data


def table_rows(markup: str) -> list[tuple[str, ...]]:
    """The text of each body row of :func:`table_html`'s markup, as a browser shows it."""
    parser = _CellText()
    parser.feed(markup)
    return [tuple(row) for row in parser.rows if len(row) == len(COLUMNS)]
