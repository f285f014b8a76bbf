"""The ``interview-kit`` command: ``main`` builds the parser from one module per command
group; ``common`` and ``report`` hold what they share; ``launch`` starts the servers.
Imports core, journal and learn, never charts or ui."""
