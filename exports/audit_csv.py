"""The audit log as CSV (the audit page's export and ``battlemap user audit --csv``): Chinese headers after a BOM,
every cell formula-neutralised (``exports.cells``), written a batch at a time so memory does not grow with the log."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import Connection

from data.audit import COLUMN_LABELS, COLUMNS, AuditEntry, AuditFilter, entry_batches
from exports.cells import cell_text, neutralise


def _row(entry: AuditEntry) -> list[str]:
    values = {"at": entry.at.strftime("%Y-%m-%d %H:%M:%S"), "action": entry.action_label}
    return [neutralise(values.get(c) or cell_text(getattr(entry, c))) for c in COLUMNS]


def audit_csv_chunks(conn: Connection, which: AuditFilter) -> Iterator[bytes]:
    """The entries ``which`` selects, oldest first, as CSV chunks (the first carries the BOM and the headers)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([COLUMN_LABELS[c] for c in COLUMNS])
    yield out.getvalue().encode("utf-8-sig")
    for batch in entry_batches(conn, which):
        out.seek(0)
        out.truncate()
        writer.writerows(_row(e) for e in batch)
        yield out.getvalue().encode("utf-8")
