"""Learning from outcomes: calibration, weight sensitivity and synthetic demo data.
Imports the core and the journal."""
