"""An .xlsx's shared strings (``xl/sharedStrings.xml``) for the streamed sheet reader, kept out of memory: the
strings are parsed once as a stream and spilled, UTF-8, to an anonymous temporary file; only their end offsets
stay in memory (4 bytes each) and a cell's string is read back when its row is read.

openpyxl's own table is a Python list of every string, about five bytes of memory per byte of their XML: a
workbook near ``[etl] max_uncompressed_mb`` that is mostly strings would need gigabytes. A string is what openpyxl
makes of it: its ``<t>`` text and its rich-text runs' texts joined (phonetic runs left out), ``x005F_`` removed.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from array import array
from typing import IO
from xml.etree.ElementTree import iterparse

from etl.readers.xlsx_parts import MAIN

_SI, _T, _R = f"{{{MAIN}}}si", f"{{{MAIN}}}t", f"{{{MAIN}}}r"


def _text(item) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for child in item:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            parts.extend(t.text or "" for t in child.iter(_T))
    return "".join(parts).replace("x005F_", "")


class SpilledStrings:
    """The strings of one shared strings part, indexed as the sheet XML refers to them (``table[i]``)."""

    def __init__(self, source: IO[bytes], size: int) -> None:
        self._file = tempfile.TemporaryFile(prefix="battlemap-sst-")  # noqa: SIM115 - closed by close() or GC
        self._ends = array("I" if size < 1 << 31 else "Q", [0])
        written = 0
        events = iterparse(source, events=("start", "end"))
        _event, root = next(events)
        for event, item in events:
            if event == "end" and item.tag == _SI:
                data = _text(item).encode("utf-8")
                self._file.write(data)
                written += len(data)
                self._ends.append(written)
                root.clear()  # the parsed strings are not kept
        self._file.flush()
        self._fd = self._file.fileno()

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, index: int) -> str:
        start, end = self._ends[index], self._ends[index + 1]
        return os.pread(self._fd, end - start, start).decode("utf-8")

    def close(self) -> None:
        self._file.close()


class LazyStrings:
    """A workbook's shared strings, spilled the first time a streamed sheet asks for them and kept for its other
    sheets and its second reading (head, then body)."""

    def __init__(self) -> None:
        self._table: SpilledStrings | None = None

    def get(self, book: zipfile.ZipFile, member: str) -> SpilledStrings:
        if self._table is None:
            with book.open(member) as source:
                self._table = SpilledStrings(source, book.getinfo(member).file_size)
        return self._table
