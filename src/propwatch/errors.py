"""The propwatch exception hierarchy. Every error has a stable code and a hint.

::

    PropwatchError
    ├── UsageError              PW001  wrong command-line use           (exit 2)
    ├── InputError              PW1xx  a file that cannot be read       (exit 1)
    │   ├── InputNotFound       PW101
    │   ├── UnsupportedFormat   PW102
    │   ├── InputDamaged        PW103  truncated / corrupt; items before the damage are kept
    │   └── InputEncodingError  PW104
    ├── StoreError              PW2xx  database problems                (exit 1)
    │   ├── StoreUnavailable    PW201
    │   └── SchemaError         PW202
    ├── PipelineError           PW301  a misconfigured analysis pipeline (exit 1)
    ├── KnowledgeError          PW400  a knowledge pack that does not validate (exit 1)
    ├── ModelError              PW401  a classifier model missing, damaged or incompatible
    └── AlertRulesError         PW402  an alert rules file that does not validate (watch.rules)

Codes are public: scripts may match on them. Never renumber; add new ones.
Rejected *items* (one bad message in an otherwise good file) are not exceptions: they are
stored as :class:`propwatch.model.Rejected` records with a code from ``REJECT_CODES``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "REJECT_CODES",
    "InputDamaged",
    "InputEncodingError",
    "InputError",
    "InputNotFound",
    "KnowledgeError",
    "ModelError",
    "PipelineError",
    "PropwatchError",
    "SchemaError",
    "StoreError",
    "StoreUnavailable",
    "UnsupportedFormat",
    "UsageError",
    "error_record",
]


class PropwatchError(Exception):
    """Base class. ``code`` is stable; ``hint`` says what the user can do."""

    code = "PW000"
    exit_code = 1
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class UsageError(PropwatchError):
    code = "PW001"
    exit_code = 2
    hint = "Run the command with --help to see its options."


class InputError(PropwatchError):
    code = "PW100"

    def __init__(
        self, message: str, *, source: str, position: str | None = None, hint: str | None = None
    ) -> None:
        where = f"{source}" + (f" at {position}" if position else "")
        super().__init__(f"{where}: {message}", hint=hint)
        self.source = source
        self.position = position


class InputNotFound(InputError):
    code = "PW101"
    hint = "Check the path; propwatch reads files and folders you name, it never downloads."


class UnsupportedFormat(InputError):
    code = "PW102"
    hint = (
        "propwatch reads Telegram Desktop exports (result.json, messages*.html), JSONL, CSV, "
        "HTML articles and plain text. Use --format to force one."
    )


class InputDamaged(InputError):
    """The file is truncated or corrupt. Everything before ``position`` was read."""

    code = "PW103"
    hint = (
        "Items before the damage were stored. Re-export the file (or repair it) and ingest it "
        "again: items already stored are not duplicated."
    )


class InputEncodingError(InputError):
    code = "PW104"
    hint = "Pass --encoding (e.g. cp1251, utf-16) if propwatch guessed the wrong encoding."


class StoreError(PropwatchError):
    code = "PW200"


class StoreUnavailable(StoreError):
    code = "PW201"
    hint = (
        "Check the --db URL (sqlite:///path.db or postgresql://user@host/db) "
        "and that the server is running."
    )


class SchemaError(StoreError):
    code = "PW202"
    hint = "The database was made by a newer propwatch; upgrade propwatch or use another --db."


class PipelineError(PropwatchError):
    code = "PW301"
    hint = "Check the stage names and their order: each stage needs what earlier stages assign."


class KnowledgeError(PropwatchError):
    """A knowledge pack file that does not load or validate; the message names file, line, field."""

    code = "PW400"
    hint = "Fix the named field in the named file (see docs/knowledge.md for the schema)."


class ModelError(PropwatchError):
    code = "PW401"
    hint = "Retrain with `propwatch train`, or point --model at a directory made by propwatch."


#: Codes recorded on rejected items. Public and stable.
REJECT_CODES: dict[str, str] = {
    "R001": "missing or invalid message id",
    "R002": "field of the wrong type (e.g. text that is neither a string nor a list)",
    "R003": "date that does not parse",
    "R004": "item too large",
    "R005": "nesting too deep",
    "R006": "undecodable bytes",
    "R007": "malformed record (line, row or object that does not parse)",
    "R008": "damaged input: the file ends or breaks here; items before were kept",
    "R009": "not an object where an object was expected",
}


def error_record(exc: BaseException, path: object) -> dict[str, Any]:
    """What ``ingest`` reports for a file that ``exc`` stopped: file, stable code, message,
    position (where the damage is, if known) and a hint."""
    if isinstance(exc, PropwatchError):
        return {
            "file": str(path),
            "code": exc.code,
            "message": exc.message,
            "position": getattr(exc, "position", None),
            "hint": exc.hint,
        }
    return {
        "file": str(path),
        "code": "PW100",
        "message": f"{path}: unexpected {type(exc).__name__}: {exc}",
        "position": None,
        "hint": "Items read before this point were stored. Please report this as a bug.",
    }
