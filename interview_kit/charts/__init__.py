"""matplotlib figures rendered to PNG bytes: the radar (one interview, overlays,
before/after), the trend, calibration and sensitivity charts, and their shared theme.
Built on ``matplotlib.figure.Figure``, never pyplot. Imports core, journal and learn."""
