"""Typed records that flow through propwatch."""

from propwatch.model.records import (
    Annotation,
    Message,
    RawItem,
    Rejected,
    canonical_json,
    canonical_sha256,
)

__all__ = [
    "Annotation",
    "Message",
    "RawItem",
    "Rejected",
    "canonical_json",
    "canonical_sha256",
]
