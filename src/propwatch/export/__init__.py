"""Exports of the knowledge graph and the store: STIX 2.1 (OpenCTI), GEXF and GraphML (Gephi),
CSV and NDJSON tables. See ``docs/exports.md``."""

from propwatch.export.network import to_networkx, write_gexf, write_graphml
from propwatch.export.stix import StixSummary, to_stix_bundle, write_stix
from propwatch.export.tables import (
    COLUMNS,
    TABLES,
    TableFilter,
    detection_rows,
    entity_rows,
    event_rows,
    message_rows,
    write_csv,
    write_ndjson,
)

__all__ = [
    "COLUMNS",
    "TABLES",
    "StixSummary",
    "TableFilter",
    "detection_rows",
    "entity_rows",
    "event_rows",
    "message_rows",
    "to_networkx",
    "to_stix_bundle",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_ndjson",
    "write_stix",
]
