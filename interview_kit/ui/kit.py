"""The dashboard's small widget kit: the one way text, messages, links and charts
reach the page, and the dashboard's stylesheet.

Every function that builds markup escapes what it is given: user text never becomes
raw HTML (an ``HTML`` widget inserts its value as markup).
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import html
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import anywidget
import ipywidgets as w
import traitlets

from ..core import clock
from ..core.errors import InputError, show_value


class ChartImage(w.Image):
    """An ``Image`` whose ``tooltip`` becomes the ``<img>``'s ``title`` (its text alternative).

    ipywidgets 8 sets ``title`` from ``tooltip`` only when ``description`` is empty,
    and reads ``description.length``; ``Image`` has no description, so a tooltip on
    a plain Image breaks its view. An empty synced description fixes both.
    """

    description = traitlets.Unicode("", help="Kept empty: lets the tooltip reach the img.").tag(
        sync=True
    )


#: The shared style and layout models (see :func:`shared_style`), by kind and settings.
_SHARED: dict[tuple[Any, ...], w.Widget] = {}


def _shared(key: tuple[Any, ...], make: Any) -> Any:
    model = _SHARED.get(key)
    if model is None or model.comm is None:  # never made, or closed (Widget.close_all)
        model = _SHARED[key] = make()
    return model


def on_loop(callback: Callable[[], None], delay: float = 0.0) -> asyncio.Handle | None:
    """Run ``callback`` on the running event loop (a kernel's) once it is free, after
    ``delay`` seconds: its handle, to cancel it. With no loop running (a script, a
    test) there is nothing to wait for: it runs at once, and None is returned."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        callback()
        return None
    return loop.call_soon(callback) if delay <= 0 else loop.call_later(delay, callback)


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
    widget = w.HTML(
        value, style=shared_style(w.HTML), layout=layout if layout is not None else shared_layout()
    )
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


def download_link(payload: bytes, mime: str, filename: str, text: str, *, start: int = 0) -> str:
    """An anchor with a base64 data URL: only fixed text, a safe name and base64 in it.
    ``start`` (a number new on each request): the page aid follows the link once as
    soon as it is drawn, so the click that asked for it starts the download (the
    link stays, to download again)."""
    encoded = base64.b64encode(payload).decode("ascii")
    auto = f' data-ik-start="{int(start)}"' if start else ""
    return (
        f'<a download="{html.escape(filename)}"{auto} '
        f'href="data:{mime};base64,{encoded}">{html.escape(text)}</a>'
    )


def export_name(location: str, kind: str, day: datetime.date | None = None) -> str:
    """A download's file name, after the journal and the day, so two exports never
    overwrite each other: ``interview-journal-2026-12-06.csv`` for the default
    journal, ``interview-journal-work-2026-12-06.csv`` for ``work.sqlite3`` (letters,
    digits and dashes only: user text never shapes a name)."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", Path(location).stem).strip("-")[:40]
    name = "interview-journal" + ("" if stem in ("", "journal") else f"-{stem}")
    return f"{name}-{(day or clock.today()).isoformat()}.{kind}"


def picture_link(picture_class: str, filename: str, text: str) -> str:
    """An anchor that saves the picture shown in the ``<img>`` of class
    ``picture_class``: the page aid gives it that picture's own address when it is
    followed, so a chart redrawn on every change is sent to the page once, not twice
    (as the image and again as a base64 link). Only fixed text and safe names."""
    return (
        f'<a download="{html.escape(filename)}" href="#" '
        f'data-ik-picture="{html.escape(picture_class)}">{html.escape(text)}</a>'
    )


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
    return page, pages, items[page * size : (page + 1) * size]


def range_words(
    page: int, size: int, shown: int, count: int, total: int, total_words: str = ""
) -> str:
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
        self.message_ids = {name: f"ik-message-{number}-{i}" for i, name in enumerate(self.fields)}
        self._slots: dict[str, w.HTML] = {}
        for name, (control, _label) in self.fields.items():
            control.add_class(self.hooks[name])
            box = html_widget("", "ik-field-message", layout=shared_layout(display="none"))
            self._slots[name] = box
        self.marked: str | None = None

    def add(self, name: str, control: w.DOMWidget, label: str) -> None:
        """One more field (a control built later: a sign of your own)."""
        index = len(self.hooks)
        prefix = (
            next(iter(self.hooks.values())).rsplit("-", 1)[0]
            if self.hooks
            else f"ik-field-{next(self._forms)}"
        )
        self.fields[name] = (control, label)
        self.hooks[name] = f"{prefix}-{index}"
        self.message_ids[name] = prefix.replace("ik-field", "ik-message") + f"-{index}"
        control.add_class(self.hooks[name])
        self._slots[name] = html_widget(
            "", "ik-field-message", layout=shared_layout(display="none")
        )

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
            box.value = (
                f"<p class='ik-text' role='alert' id='{self.message_ids[name]}'>"
                f"⚠ {html.escape(self.message(error))}</p>"
            )
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
    key and heartbeat (``hello``), the browser's "leave the page?" question while
    ``unsaved``, the accessible name of an ``ik-named`` control (its tooltip, naming
    the item it acts on), the ``main`` landmark on the app, and a download link
    followed as soon as it is drawn (:func:`download_link` with ``start``), a
    control reached by Tab wholly in view, and a Tab pressed between a button's click
    and the focus move its answer asks for made again from that button (never
    undone by the move). It draws nothing and works only inside the ``.ik-app`` that contains it."""

    _esm = """
    function render({ model, el }) {
      el.style.display = "none";
      let queued = false;
      let pending = "";  // the hook class of a control to focus once it is shown
      let waited = 0;  // frames the pending control has not been shown yet
      // A button's answer that moves the focus (the question Delete asks, a field it
      // opens) arrives a round trip after the click. A Tab pressed meanwhile is not
      // undone by it: the Tabs since the click are counted (``asked``) and made again
      // from the clicked button in the page as answered (Delete, Tab: "Really
      // delete?"), instead of the focus jumping back to the answer's control.
      let asked = null;  // {from: the button, at: when, tabs: Tabs (+1) and Shift+Tabs (-1)}
      let tabbed = 0;  // when Tab was last pressed
      const fresh = () => asked && performance.now() - asked.at < 3000;
      const shown = (node) => node.isConnected && node.getClientRects().length > 0
        && getComputedStyle(node).visibility !== "hidden";
      const tabStep = (from, count) => {
        const stops = [...document.querySelectorAll(
          "a[href], button, input, select, textarea, summary, [tabindex]")]
          .filter((n) => !n.disabled && n.tabIndex >= 0 && n.type !== "hidden" && shown(n));
        const at = stops.indexOf(from);
        return at < 0 ? null : stops[Math.min(Math.max(at + count, 0), stops.length - 1)];
      };
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
        // A control named by its tooltip (``ik-named``): a short visible word ("Open")
        // whose accessible name says which item it acts on ("Open Acme, Data analyst").
        for (const node of app.querySelectorAll(
            "button.ik-named, .ik-named select, .ik-named input, .ik-named textarea")) {
          const name = node.getAttribute("title")
            || (node.closest(".ik-named") || node).getAttribute("title") || "";
          if (name && node.getAttribute("aria-label") !== name) {
            node.setAttribute("aria-label", name);
          }
        }
        // The dashboard is the page's main landmark (screen readers jump to it; axe's
        // "region" rule finds no content outside a landmark).
        // The notebook's cells around it (its title in a Markdown cell) are in it too.
        const root = app.closest("#rendered_cells, .jp-Notebook") || app;
        if (!root.closest("main, [role=main]") && root.getAttribute("role") !== "main") {
          root.setAttribute("role", "main");
        }
        // A download asked for by a click starts now (once per link drawn).
        for (const link of app.querySelectorAll("a[data-ik-start]:not([data-ik-started])")) {
          link.dataset.ikStarted = "1";
          link.click();
        }
        // A text to select and copy, never to edit (the thank-you draft).
        for (const box of app.querySelectorAll(".ik-readonly textarea")) {
          if (!box.readOnly) box.readOnly = true;
        }
        if (pending) {
          const target = app.querySelector(
            `.${pending} :is(input, textarea, select), button.${pending}`);
          if (target && (shown(target) || waited > 60)) {
            pending = "";
            waited = 0;
            const goal = fresh() && asked.tabs && shown(asked.from)
              ? tabStep(asked.from, asked.tabs) || target : target;
            asked = null;
            goal.focus();
          } else if (target) {
            waited += 1;  // drawn, not shown yet (its layout comes apart): next frame
            later();
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
                                        attributes: true, attributeFilter: ["class", "title"] });
      model.on("change:invalid", later);
      model.on("change:focus_hook", () => {
        pending = model.get("focus_hook");
        waited = 0;
        later();
      });
      const clicked = (event) => {
        const button = event.target.closest && event.target.closest("button");
        const app = el.closest(".ik-app");
        asked = button && app && app.contains(button)
          ? { from: button, at: performance.now(), tabs: 0 } : null;
      };
      const keyed = (event) => {
        if (event.key !== "Tab") return;
        tabbed = performance.now();
        if (fresh()) asked.tabs += event.shiftKey ? -1 : 1;
      };
      // A control reached by Tab is wholly in view (Chromium leaves one it can partly
      // see cut at the screen's edge): scrolled the least, clear of the pinned bars
      // (the stylesheet's scroll padding).
      const reveal = (event) => {
        const node = event.target;
        const app = el.closest(".ik-app");
        if (!app || !(node instanceof Element) || !app.contains(node)
            || performance.now() - tabbed > 500) return;
        requestAnimationFrame(() => {
          const r = node.getBoundingClientRect();
          if (document.activeElement === node && r.height < window.innerHeight / 2
              && (r.top < 0 || r.bottom > window.innerHeight)) {
            node.scrollIntoView({ block: "nearest" });
          }
        });
      };
      document.addEventListener("click", clicked, true);
      document.addEventListener("keydown", keyed, true);
      document.addEventListener("focusin", reveal);
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
        document.removeEventListener("click", clicked, true);
        document.removeEventListener("keydown", keyed, true);
        document.removeEventListener("focusin", reveal);
        window.removeEventListener("beforeunload", leave);
        window.removeEventListener("pagehide", gone);
      };
    }
    export default { render };
    """
    invalid = traitlets.Dict({}, help="Hook class of an invalid control -> its message id.").tag(
        sync=True
    )
    focus_hook = traitlets.Unicode("", help="Hook class of the control to focus.").tag(sync=True)
    hello = traitlets.Dict(
        {},
        help="From the page: its tab id (``tab``) and the ids of the "
        "other tabs still open (``live``).",
    ).tag(sync=True)
    unsaved = traitlets.Bool(
        False,
        help="The page has unsaved changes: the browser asks before a reload or a closed tab.",
    ).tag(sync=True)

    def focus(self, hook: str) -> None:
        """Move the keyboard focus to the control carrying the class ``hook`` (unique
        in the page), now or as soon as it is drawn; asking twice focuses twice."""
        self.focus_hook = ""
        self.focus_hook = hook
