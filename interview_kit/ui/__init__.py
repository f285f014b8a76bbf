"""The ipywidgets dashboard: a small widget kit, the session (state, the one journal
source, theme), the form built from the catalog, the App (the one update funnel) and
one module per panel. Panels receive the session, never the App."""
