"""The dashboard's small widget kit: the one way text, messages, links and charts
reach the page, and the dashboard's stylesheet.

Every function that builds markup escapes what it is given: user text never becomes
raw HTML (an ``HTML`` widget inserts its value as markup).
"""

from __future__ import annotations

import base64
import html
from typing import Any

import ipywidgets as w
import traitlets

CSS = """
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
.ik-app .ik-overall,
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


class ChartImage(w.Image):
    """An ``Image`` whose ``tooltip`` becomes the ``<img>``'s ``title`` (its text alternative).

    ipywidgets 8 sets ``title`` from ``tooltip`` only when ``description`` is empty,
    and reads ``description.length``; ``Image`` has no description, so a tooltip on
    a plain Image breaks its view. An empty synced description fixes both.
    """

    description = traitlets.Unicode("", help="Kept empty: lets the tooltip reach the img.").tag(
        sync=True)


def paragraph_html(text: str) -> str:
    """One escaped paragraph: the only way plain text goes into an HTML widget."""
    return f"<p class='ik-text'>{html.escape(text)}</p>"


def text_widget(text: str, **kwargs: Any) -> w.HTML:
    """Wrapping text in an HTML widget, escaped (a Label cuts long text on a phone)."""
    return w.HTML(paragraph_html(text), **kwargs)


def message_html(text: str, ok: bool = True) -> str:
    """A one-line status, escaped; errors are announced to screen readers."""
    if not text:
        return ""
    role = "status" if ok else "alert"
    return f"<p class='ik-text' role='{role}'>{html.escape(text)}</p>"


def alert_html(message: str, lead: str = "") -> str:
    """An error box's markup (``ik-error``, role alert), escaped; "" when all is well."""
    if not message:
        return ""
    return f"<div role='alert' class='ik-error'>{html.escape(lead + message)}</div>"


def download_link(payload: bytes, mime: str, filename: str, text: str) -> str:
    """An anchor with a base64 data URL: only fixed text, a safe name and base64 in it."""
    encoded = base64.b64encode(payload).decode("ascii")
    return (f'<a download="{html.escape(filename)}" href="data:{mime};base64,{encoded}">'
            f"{html.escape(text)}</a>")


def show_chart(image: w.Image, png: bytes, words: str) -> None:
    """Put a chart on screen: its text alternative first, then the picture (a
    screen reader, or a test waiting for the new image, never sees a stale title)."""
    image.tooltip = words
    image.value = png


def stage_label(stage: str) -> str:
    """A stage id in words: ``phone_screen`` -> "Phone screen"."""
    return stage.replace("_", " ").capitalize()
