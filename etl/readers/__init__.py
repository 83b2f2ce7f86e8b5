"""File readers: open a CSV / XLSX / XLS export as sheets of raw cells, whatever its encoding or layout.

A reader only finds the cells: header matching lives in ``etl.headers``, typing in ``etl.normalise``.
"""

from etl.readers.base import ReadError, Sheet, SourceFile
from etl.readers.open import open_source

__all__ = ["ReadError", "Sheet", "SourceFile", "open_source"]
