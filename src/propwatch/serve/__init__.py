"""The analyst workspace: REST API and web UI (``propwatch serve``); see ``docs/workspace.md``."""
