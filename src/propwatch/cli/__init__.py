"""The ``propwatch`` command line: thin commands over ``propwatch.api`` and ``propwatch.store``."""
