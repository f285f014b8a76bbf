"""The core: the signal catalog, outcome table and field table (data), the interview
record and its checks, weights, the assessment types, scoring, advice and batch scoring.

Plain Python and the standard library (numpy in ``batch`` only): a CLI call or a test
of the scoring never pays for a GUI stack, and nothing here touches a file but
``files.read_text``.
"""
