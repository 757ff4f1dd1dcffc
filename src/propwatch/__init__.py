"""propwatch: offline, multilingual monitoring and analysis of extremist propaganda.

The public API is deliberately small; see ``propwatch.api``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
