"""The dashboard's one style sheet, shown once by the App (a ``<style>`` in an HTML widget).

Why a module of its own: it is data, not code, and the widget kit beside it grows with
the page; keeping the rules here keeps each under the size the layer test allows.
Rules added for one concern are marked with a comment naming it, so parallel edits
(the dark theme, the phone bar) stay in separate rules.
"""

from __future__ import annotations

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
/* act25: a ring inside the control where a box around it clips what is outside
   (accordion headers, "About this sign" toggles, toggle buttons, the due list's
   actions), with a gap of the page's colour so it reads on a tinted control too. */
.ik-app :is(.jupyter-widget-Collapse-header, .ik-info > summary, .widget-toggle-button,
  .ik-due-actions button, .ik-due-actions select):focus-visible {
  outline-offset: -3px !important;
  box-shadow: inset 0 0 0 5px var(--jp-layout-color1, #ffffff) !important; }
/* act25: a field reached by Tab (or Shift+Tab) scrolls into view below a pinned bar,
   at every width; the bar on a phone is compact (see .ik-action-bar). */
html { scroll-padding-top: 9em; scroll-padding-bottom: 5em; }
/* act25: on a phone, Save and the verdict stay pinned at the bottom of the screen in
   one compact line (well under a fifth of it) while the form scrolls: the end of a
   long debrief is screens away from the top. */
@media (max-width: 640px) {
  .ik-app .ik-action-bar .ik-score-line { position: fixed; left: 0; right: 0; bottom: 0;
    z-index: 20; margin: 0; padding: 0.4em 8.6em 0.4em 0.6em; min-height: 2.4em;
    max-height: 4.6em; overflow: hidden; background: var(--jp-layout-color1, #ffffff);
    border-top: 1px solid var(--jp-border-color1, #9e9e9e); }
  .ik-app .ik-action-bar .ik-score-line .ik-overall { font-size: 1.1em; }
  .ik-app .ik-action-bar button.ik-save { position: fixed; right: 0.6em; bottom: 0.5em;
    z-index: 21; width: 7.6em; }
  .ik-app { padding-bottom: 5em; }
  /* Voila's panels contain their layout (``contain: strict``), which pins "fixed"
     to the scrolling panel instead of the screen: let the app's panels out. */
  .lm-BoxPanel:has(.ik-app), .lm-BoxPanel-child:has(.ik-app) { contain: none !important; }
}
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
/* phone (layout): a debrief row is compact at every width: its controls side by side,
   wrapping (two lines at most on a 390 px phone), each label above its box, Remove
   after the last control on the same line. Room is kept for the focus ring (3 px
   and its 2 px offset): a row and its cells let it out, a list pads it in. */
.ik-app .ik-debrief-row { gap: 0 0.4em; max-width: 40em; }
.ik-app .ik-debrief-row, .ik-app .ik-debrief-row .ik-row-cell { overflow: visible; }
.ik-app .ik-debrief-row .ik-row-cell { padding: 0 4px; }
.ik-app .ik-debrief-list { padding: 0 4px 4px 4px; }
.ik-app .ik-debrief-row .widget-inline-hbox { flex-wrap: wrap; height: auto; }
.ik-app .ik-debrief-row .widget-inline-hbox > .widget-label {
  width: 100% !important; max-width: 100%; text-align: left; line-height: 1.3;
  height: auto; margin: 0; }
.ik-app .ik-debrief-row .widget-inline-hbox > :is(input, textarea) {
  width: calc(100% - 4px) !important; flex: 1 1 100%; }
.ik-app .ik-debrief-row .widget-textarea textarea { min-height: 2.6em; }
.ik-app .ik-debrief-row > .ik-remove-row { margin: 2px 2px 3px 2px; flex: 0 0 auto; }
@media (max-width: 640px) {
  /* phone (layout): Remove shows its bin only; its words stay its accessible name. */
  .ik-app .ik-debrief-row > .ik-remove-row { font-size: 0; min-width: 2.6em; }
  .ik-app .ik-debrief-row > .ik-remove-row i { font-size: 14px; margin: 0; }
}
.ik-app .ik-calibration-table { border-collapse: collapse; margin: 0.4em 0; font-size: 0.9em; }
.ik-app .ik-calibration-table th, .ik-app .ik-calibration-table td {
  padding: 0.15em 0.4em; text-align: left; }
</style>
"""
