"""The dashboard's small widget kit: the one way text, messages, links and charts
reach the page, and the dashboard's stylesheet.

Every function that builds markup escapes what it is given: user text never becomes
raw HTML (an ``HTML`` widget inserts its value as markup).
"""

from __future__ import annotations

import base64
import datetime
import html
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import anywidget
import ipywidgets as w
import traitlets

from ..core.errors import InputError, show_value

CSS = """
<style>
.ik-app { max-width: 1200px; }
.ik-app .ik-heading { margin: 0.6em 0 0.2em 0; font-size: 1.1em; }
.ik-app p.ik-text { margin: 0.15em 0; line-height: 1.35; }
.ik-app .ik-ends { font-size: 0.85em; }
.ik-app .ik-info { max-width: 34em; }
.ik-app .ik-info > summary { cursor: pointer; width: fit-content; padding: 0.15em 0; }
.ik-app .ik-question { font-weight: 600; }
.ik-app .ik-chart { max-width: 100%; height: auto; }
.ik-app .ik-overall { font-size: 1.4em; font-weight: 700; }
.ik-app .ik-verdict { font-size: 1.1em; font-weight: 600; }
.ik-app .ik-error { color: #b00020; font-weight: 600; }
.ik-app .ik-unsaved { font-weight: 600; }
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
/* ... as one: a row that scrolled on its own was a scroller no key could reach. */
.ik-app .ik-history-row, .ik-app .ik-history-header { overflow: visible; }
.ik-app .ik-history-row .widget-label { padding-top: 4px; }
.ik-app .ik-calibration-table caption { text-align: left; }
.ik-app .ik-reading li { line-height: 1.4; }
.ik-app .ik-tabs .lm-TabBar-tab .lm-TabBar-tabLabel,
.ik-app .jupyter-widget-Collapse-header { color: var(--jp-ui-font-color1, #1a1a1a); }
/* Focus you can see (WCAG 2.2 focus appearance): a 3 px ring, at least 3:1 against
   the page in either theme, on every control: ipywidgets' own is a 1 px pale border.
   A box that scrolls sideways (History's table on a phone) takes focus too. */
.ik-app :is(input, select, textarea, button, a, summary, [tabindex], .widget-box):focus-visible,
.ik-app input[type="date"]:focus-within,
.ik-app .jupyter-widget-Collapse-header:focus-visible,
.ik-app .lm-TabBar-tab:focus-visible {
  outline: 3px solid #0b57d0 !important; outline-offset: 2px !important; }
body[data-jp-theme-light="false"] .ik-app :is(input, select, textarea, button, a, summary,
  [tabindex], .widget-box):focus-visible,
body[data-jp-theme-light="false"] .ik-app input[type="date"]:focus-within,
body[data-jp-theme-light="false"] .ik-app .jupyter-widget-Collapse-header:focus-visible,
body[data-jp-theme-light="false"] .ik-app .lm-TabBar-tab:focus-visible {
  outline-color: #8ab4f8 !important; }
/* A value that needs fixing: a thick red border and the message beside it (the
   words say it too, not the colour alone). */
.ik-app .ik-invalid :is(input, select, textarea) {
  border: 2px solid #b00020 !important; box-shadow: 0 0 0 1px #b00020; }
.ik-app .ik-field-message .ik-text { color: #b00020; font-weight: 600; margin: 0 0 0.3em 0; }
body[data-jp-theme-light="false"] .ik-app .ik-invalid :is(input, select, textarea) {
  border-color: #ff8a80 !important; box-shadow: 0 0 0 1px #ff8a80; }
body[data-jp-theme-light="false"] .ik-app .ik-field-message .ik-text,
body[data-jp-theme-light="false"] .ik-app .ik-error { color: #ff8a80; }
/* The reading while a value is wrong: dimmed and labelled out of date. */
.ik-app .ik-stale .ik-chart, .ik-app .ik-stale .ik-reading,
.ik-app .ik-stale .ik-chart-summary { opacity: 0.35; }
/* The action bar: Save, New, outcome and downloads in the first screen; it stays in
   view while the form scrolls on a wide screen. */
.ik-app .ik-action-bar { padding: 0.4em 0.6em; margin-bottom: 0.8em; border-radius: 6px;
  border: 1px solid var(--jp-border-color1, #9e9e9e);
  background: var(--jp-layout-color1, #ffffff); z-index: 5; }
@media (min-width: 900px) and (min-height: 640px) {
  .ik-app .ik-action-bar { position: sticky; top: 0; }
  /* Sticky needs every box between the bar and the page's scroller to let it out. */
  .jp-OutputArea:has(.ik-action-bar), .jp-OutputArea-child:has(.ik-action-bar),
  .jp-OutputArea-output:has(.ik-action-bar), .ik-app:has(.ik-action-bar),
  .ik-app .widget-tab-contents:has(.ik-action-bar),
  .ik-app .widget-box:has(> .ik-action-bar) { overflow: visible !important; }
  /* A control reached by Tab is scrolled into view below the bar, never under it. */
  .lm-BoxPanel-child:has(.ik-action-bar), .jp-WindowedPanel-outer:has(.ik-action-bar) {
    scroll-padding-top: 15em; } }
.ik-app .ik-score-row { display: flex; flex-flow: row wrap; align-items: baseline;
  gap: 0.2em 0.8em; line-height: 1.35; }
.ik-app .ik-score-row > :empty { display: none; }
.ik-app .ik-action-bar .ik-overall { font-size: 1.25em; margin-right: 0.8em; }
.ik-app .ik-action-bar .ik-link a { margin: 0.1em 0.4em 0.1em 0; }
.ik-app .ik-picked { display: none; }
/* A phone: labels above their menus so a menu gets the full width, the picked
   level's full words under it, and no control wider than the screen. */
@media (max-width: 640px) {
  .ik-app .ik-form .widget-inline-hbox { flex-wrap: wrap; height: auto; }
  .ik-app .ik-form .widget-inline-hbox > .widget-label {
    width: 100% !important; max-width: 100%; text-align: left; }
  .ik-app .ik-form .widget-inline-hbox > :is(select, input, textarea) {
    width: calc(100% - 4px) !important; flex: 1 1 100%; }
  .ik-app .ik-form .widget-inline-hbox > :is(select, input) {
    min-height: var(--jp-widgets-inline-height, 28px); }
  .ik-app .ik-form .widget-inline-hbox { width: calc(100% - 4px) !important; }
  .ik-app .ik-picked:not([style*="display: none"]) { display: block; }
  .ik-app .ik-picked .ik-text { font-size: 0.9em; }
}
/* The Debrief's rows: one bar on the left groups a row's controls. */
.ik-app .ik-debrief-row { border-left: 3px solid var(--jp-border-color1, #9e9e9e); }
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


#: The shared style and layout models (see :func:`shared_style`), by kind and settings.
_SHARED: dict[tuple[Any, ...], w.Widget] = {}


def _shared(key: tuple[Any, ...], make: Any) -> Any:
    model = _SHARED.get(key)
    if model is None or model.comm is None:  # never made, or closed (Widget.close_all)
        model = _SHARED[key] = make()
    return model


def shared_style(kind: type[w.DOMWidget], **settings: Any) -> Any:
    """One style model per widget kind and settings, shared by every widget that
    uses it: the page then creates one model, not one per widget (ipywidgets makes
    a fresh style for each widget otherwise). Never change a shared style."""
    style_class = kind.class_traits()["style"].klass
    return _shared((style_class, *sorted(settings.items())), lambda: style_class(**settings))


def close_owned(*widgets: w.DOMWidget) -> None:
    """Close ``widgets`` with the style and layout models only they use: a shared
    one (:func:`shared_style`, :func:`shared_layout`) stays open for the others."""
    shared = {id(model) for model in _SHARED.values()}
    for widget in widgets:
        for part in (getattr(widget, "style", None), widget.layout):
            if part is not None and id(part) not in shared:
                part.close()
        widget.close()


def shared_layout(**settings: Any) -> w.Layout:
    """One ``Layout`` model per set of settings, shared like :func:`shared_style`.
    Never change a shared layout: a part shown and hidden is handed another one
    (:func:`set_shown`)."""
    return _shared((w.Layout, *sorted(settings.items())), lambda: w.Layout(**settings))


def set_shown(widget: w.DOMWidget, shown: bool, display: str = "", **settings: Any) -> None:
    """Show (``display``) or hide ``widget`` by handing it one of two shared layouts:
    a part shown and hidden needs no layout model of its own."""
    widget.layout = shared_layout(display=display if shown else "none", **settings)


def html_widget(value: str = "", *classes: str, layout: w.Layout | None = None) -> w.HTML:
    """An HTML widget with the shared style (and the shared plain layout unless it
    is given its own), carrying ``classes``. ``value`` must already be escaped markup."""
    widget = w.HTML(value, style=shared_style(w.HTML),
                    layout=layout if layout is not None else shared_layout())
    for name in classes:
        widget.add_class(name)
    return widget


def who_words(company: str, role: str) -> str:
    """An interview or application as the page names it: "Acme, Data analyst" (spaces
    at the ends dropped; "(no company)" when none was typed)."""
    who, role = company.strip() or "(no company)", role.strip()
    return f"{who}, {role}" if role else who


def paragraph_html(text: str) -> str:
    """One escaped paragraph: the only way plain text goes into an HTML widget."""
    return f"<p class='ik-text'>{html.escape(text)}</p>"


def loading_widget() -> w.HTML:
    """The short line a part of the page shows until it is built on first opening."""
    return html_widget("<p class='ik-loading' role='status'>Loading…</p>")


def text_widget(text: str, *classes: str, layout: w.Layout | None = None) -> w.HTML:
    """Wrapping text in an HTML widget, escaped (a Label cuts long text on a phone)."""
    return html_widget(paragraph_html(text), *classes, layout=layout)


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


def picture_link(picture_class: str, filename: str, text: str) -> str:
    """An anchor that saves the picture shown in the ``<img>`` of class
    ``picture_class``: the page aid gives it that picture's own address when it is
    followed, so a chart redrawn on every change is sent to the page once, not twice
    (as the image and again as a base64 link). Only fixed text and safe names."""
    return (f'<a download="{html.escape(filename)}" href="#" '
            f'data-ik-picture="{html.escape(picture_class)}">{html.escape(text)}</a>')


def show_chart(image: w.Image, png: bytes, words: str) -> None:
    """Put a chart on screen with its text alternative, in one message (a screen
    reader, or a test waiting for the new image, never sees a stale title)."""
    with image.hold_sync():
        image.tooltip = words
        image.value = png


T = TypeVar("T")


def page_of(items: Sequence[T], page: int, size: int) -> tuple[int, int, Sequence[T]]:
    """Page ``page`` of ``items``, ``size`` a page, clamped to the pages there are
    (at least one): ``(page, pages, the items on it)``."""
    pages = max(1, -(-len(items) // size))
    page = min(max(0, page), pages - 1)
    return page, pages, items[page * size:(page + 1) * size]


def range_words(page: int, size: int, shown: int, count: int, total: int,
                total_words: str = "") -> str:
    """Which items a page shows: "11–20 of 35", and "(of 40 saved)" when a search or
    filter keeps ``count`` of ``total``."""
    first = page * size + 1
    text = f"{first}–{first + shown - 1} of {count}"
    return text + (f" (of {total}{total_words})" if count != total else "")


def local_time(stamp: str) -> str:
    """A stored UTC time (ISO 8601) as this computer's local time, to the minute:
    ``2026-11-20T17:05:09+00:00`` -> "2026-11-20 18:05" in Paris."""
    try:
        moment = datetime.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def stage_label(stage: str) -> str:
    """A stage id in words: ``phone_screen`` -> "Phone screen"."""
    return stage.replace("_", " ").capitalize()


def plain_reason(reason: str) -> str:
    """The core's reason in everyday words: "must be in (0, 1440]" -> "must be more
    than 0 and at most 1440", ">= 0" -> "0 or more"."""
    reason = reason.replace("must be >= 0", "must be 0 or more")

    def bounds(match: re.Match[str]) -> str:
        low, high = match[2], match[3]
        lower = f"more than {low}" if match[1] == "(" else f"at least {low}"
        return f"must be {lower} and at most {high}"

    return re.sub(r"must be in ([\[(])([-\d.]+), ([-\d.]+)\]", bounds, reason)


class FieldMessages:
    """A message slot beside each control, and the marking of the one that is wrong.

    ``fields`` maps the core's field name (an :class:`InputError`'s ``field``) to its
    control and the control's label on screen. :meth:`show` marks the control of an
    error (``ik-invalid``, and ``aria-invalid`` through :class:`PageAid`) and writes
    the message in plain words next to it.
    """

    _forms = itertools.count(1)

    def __init__(self, fields: Mapping[str, tuple[w.DOMWidget, str]]) -> None:
        self.fields = dict(fields)
        number = next(self._forms)
        self.hooks = {name: f"ik-field-{number}-{i}" for i, name in enumerate(self.fields)}
        self.message_ids = {name: f"ik-message-{number}-{i}"
                            for i, name in enumerate(self.fields)}
        self._slots: dict[str, w.HTML] = {}
        for name, (control, _label) in self.fields.items():
            control.add_class(self.hooks[name])
            box = html_widget("", "ik-field-message", layout=shared_layout(display="none"))
            self._slots[name] = box
        self.marked: str | None = None

    def add(self, name: str, control: w.DOMWidget, label: str) -> None:
        """One more field (a control built later: a sign of your own)."""
        index = len(self.hooks)
        prefix = next(iter(self.hooks.values())).rsplit("-", 1)[0] if self.hooks \
            else f"ik-field-{next(self._forms)}"
        self.fields[name] = (control, label)
        self.hooks[name] = f"{prefix}-{index}"
        self.message_ids[name] = prefix.replace("ik-field", "ik-message") + f"-{index}"
        control.add_class(self.hooks[name])
        self._slots[name] = html_widget("", "ik-field-message",
                                        layout=shared_layout(display="none"))

    def slot(self, name: str) -> w.HTML:
        """The message widget shown right after ``name``'s control."""
        return self._slots[name]

    def message(self, error: InputError) -> str:
        """What the user reads beside the field: its label, the reason, what they typed."""
        control, label = self.fields[error.field]
        typed = control.value if isinstance(control, w.Text | w.Textarea) else None
        shown = f" (you typed {show_value(typed)})" if typed else ""
        return f"{label}: {plain_reason(error.reason)}{shown}"

    def show(self, error: InputError | None) -> dict[str, str]:
        """Mark ``error``'s control (or clear every mark for None); return the
        marked control's hook class -> its message id, for :class:`PageAid`."""
        if self.marked is not None:
            control, _label = self.fields[self.marked]
            control.remove_class("ik-invalid")
            with self._slots[self.marked].hold_sync():
                self._slots[self.marked].value = ""
                set_shown(self._slots[self.marked], False)
            self.marked = None
        if error is None or error.field not in self.fields:
            return {}
        name = self.marked = error.field
        self.fields[name][0].add_class("ik-invalid")
        box = self._slots[name]
        with box.hold_sync():
            box.value = (f"<p class='ik-text' role='alert' id='{self.message_ids[name]}'>"
                         f"⚠ {html.escape(self.message(error))}</p>")
            set_shown(box, True)
        return {self.hooks[name]: self.message_ids[name]}


class PageAid(anywidget.AnyWidget):
    """What ipywidgets cannot say in the page, added by a few lines of script: the
    invalid control's ``aria-invalid`` and ``aria-describedby`` (``invalid``: hook
    class -> message id), keyboard access to collapsible sections (ipywidgets 8
    gives an Accordion header ``tabIndex`` -1: Tab skips it, Enter does nothing),
    ``readonly`` on the text area of an ``ik-readonly`` Textarea (no such trait), the
    keyboard focus moved to a control as soon as it is in the page (:meth:`focus`; a
    widget's own ``focus()`` is lost when it comes before the view), and the address
    of a :func:`picture_link` filled in as it is followed (by mouse or keyboard), the
    page's own questions named as dialogs (Escape keeps editing), the tab's draft
    key and heartbeat (``hello``), and the browser's "leave the page?" question while
    ``unsaved``.
    It draws nothing and works only inside the ``.ik-app`` that contains it."""

    _esm = """
    function render({ model, el }) {
      el.style.display = "none";
      let queued = false;
      let pending = "";  // the hook class of a control to focus once it is shown
      const apply = () => {
        queued = false;
        const app = el.closest(".ik-app");
        if (!app) return;
        for (const header of app.querySelectorAll(".jupyter-widget-Collapse-header")) {
          if (header.tabIndex !== 0) header.tabIndex = 0;
          if (header.getAttribute("role") !== "button") header.setAttribute("role", "button");
          const open = String(header.parentElement.classList.contains(
            "jupyter-widget-Collapse-open"));
          if (header.getAttribute("aria-expanded") !== open) {
            header.setAttribute("aria-expanded", open);
          }
          if (!header.dataset.ikKeys) {
            header.dataset.ikKeys = "1";
            header.addEventListener("keydown", (event) => {
              if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                header.click();
              }
            });
          }
        }
        // The page's own questions are dialogs, named by their title.
        for (const box of app.querySelectorAll(".ik-dialog")) {
          if (box.getAttribute("role") !== "alertdialog") box.setAttribute("role", "alertdialog");
          const title = box.querySelector(".ik-dialog-title");
          const name = title ? title.innerText.trim() : "";
          if (name && box.getAttribute("aria-label") !== name) box.setAttribute("aria-label", name);
        }
        // A text to select and copy, never to edit (the thank-you draft).
        for (const box of app.querySelectorAll(".ik-readonly textarea")) {
          if (!box.readOnly) box.readOnly = true;
        }
        if (pending) {
          const target = app.querySelector(
            `.${pending} :is(input, textarea, select), button.${pending}`);
          if (target) {
            pending = "";
            target.focus();
          }
        }
        const invalid = model.get("invalid") || {};
        for (const node of app.querySelectorAll("[data-ik-invalid]")) {
          if (!(node.dataset.ikInvalid in invalid) || !node.closest("." + node.dataset.ikInvalid)) {
            node.removeAttribute("aria-invalid");
            node.removeAttribute("aria-describedby");
            delete node.dataset.ikInvalid;
          }
        }
        for (const [hook, message] of Object.entries(invalid)) {
          for (const node of app.querySelectorAll(
              `.${hook} input, .${hook} select, .${hook} textarea`)) {
            node.setAttribute("aria-invalid", "true");
            node.setAttribute("aria-describedby", message);
            node.dataset.ikInvalid = hook;
          }
        }
      };
      const later = () => { if (!queued) { queued = true; requestAnimationFrame(apply); } };
      const observer = new MutationObserver(later);
      observer.observe(document.body, { subtree: true, childList: true,
                                        attributes: true, attributeFilter: ["class"] });
      model.on("change:invalid", later);
      model.on("change:focus_hook", () => { pending = model.get("focus_hook"); later(); });
      // A picture link saves the picture on screen now: its address is set as it is
      // followed (before the browser acts on the click), or the click does nothing.
      const save = (event) => {
        const link = event.target.closest && event.target.closest("a[data-ik-picture]");
        const app = link && link.closest(".ik-app");
        if (!app || !app.contains(el)) return;
        const picture = app.querySelector(`img.${CSS.escape(link.dataset.ikPicture)}`);
        if (picture && picture.src) {
          link.href = picture.src;
        } else {
          event.preventDefault();
        }
      };
      document.addEventListener("click", save, true);
      // The page's own draft key: this tab's id, kept across reloads of the tab
      // (sessionStorage), and a heartbeat in localStorage so another page can tell
      // which drafts belong to tabs still open.
      // (Storage the browser refuses: a tab id for this page only, and no heartbeat.)
      const LIVE = "ik-live:";
      const quietly = (work, otherwise) => {
        try { return work(); } catch (e) { return otherwise; }
      };
      let tab = quietly(() => sessionStorage.getItem("ik-tab-id"), "") || "";
      if (!/^[A-Za-z0-9]{1,64}$/.test(tab)) {
        tab = "t" + Array.from(crypto.getRandomValues(new Uint8Array(12)),
                               (b) => b.toString(16).padStart(2, "0")).join("");
        quietly(() => sessionStorage.setItem("ik-tab-id", tab));
      }
      const beat = () => quietly(() => localStorage.setItem(LIVE + tab, String(Date.now())));
      beat();
      const beating = setInterval(beat, 5000);
      const live = [];
      quietly(() => {
        for (let i = localStorage.length - 1; i >= 0; i--) {
          const key = localStorage.key(i);
          if (!key || !key.startsWith(LIVE) || key === LIVE + tab) continue;
          const age = Date.now() - Number(localStorage.getItem(key));
          if (age < 15000) live.push(key.slice(LIVE.length));
          else localStorage.removeItem(key);
        }
      });
      model.set("hello", { tab, live });
      model.save_changes();
      const gone = () => quietly(() => localStorage.removeItem(LIVE + tab));
      // The browser's own "leave the page?" question, only while work is unsaved.
      const leave = (event) => {
        if (model.get("unsaved")) {
          event.preventDefault();
          event.returnValue = "";
        }
      };
      window.addEventListener("beforeunload", leave);
      window.addEventListener("pagehide", gone);
      // Escape in the discard question means "Keep editing".
      const escape = (event) => {
        const box = event.key === "Escape" && event.target.closest
          && event.target.closest(".ik-confirm");
        const keep = box && box.querySelector("button.ik-confirm-keep");
        if (keep && el.closest(".ik-app") && el.closest(".ik-app").contains(box)) {
          event.preventDefault();
          keep.click();
        }
      };
      document.addEventListener("keydown", escape, true);
      later();
      return () => {
        observer.disconnect();
        clearInterval(beating);
        document.removeEventListener("click", save, true);
        document.removeEventListener("keydown", escape, true);
        window.removeEventListener("beforeunload", leave);
        window.removeEventListener("pagehide", gone);
      };
    }
    export default { render };
    """
    invalid = traitlets.Dict({}, help="Hook class of an invalid control -> its message id.").tag(
        sync=True)
    focus_hook = traitlets.Unicode("", help="Hook class of the control to focus.").tag(sync=True)
    hello = traitlets.Dict({}, help="From the page: its tab id (``tab``) and the ids of the "
                           "other tabs still open (``live``).").tag(sync=True)
    unsaved = traitlets.Bool(False, help="The page has unsaved changes: the browser asks "
                             "before a reload or a closed tab.").tag(sync=True)

    def focus(self, hook: str) -> None:
        """Move the keyboard focus to the control carrying the class ``hook`` (unique
        in the page), now or as soon as it is drawn; asking twice focuses twice."""
        self.focus_hook = ""
        self.focus_hook = hook
