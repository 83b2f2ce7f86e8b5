"""Open a source file by what its bytes are, not what its name says: ZIP → XLSX, CFB → XLS or encrypted, XML
Spreadsheet 2003 → its worksheets, HTML → tables, text → CSV. Sizes are checked first: a file above ``[etl]
max_file_mb``, or a workbook whose central directory declares more than ``[etl] max_uncompressed_mb`` of content, is
refused before anything is parsed, and so is a table wider than ``[etl] max_columns``: a text file's first lines,
a worksheet's declared dimension, an HTML or XML 2003 table's rows as they are read."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from etl.readers.base import ReadError, SourceFile, file_checksum
from etl.readers.delimited import read_delimited, text_encoding
from etl.readers.excel import read_workbook
from etl.readers.html import looks_like_html, read_html
from etl.readers.spreadsheet_xml import looks_like_spreadsheet_xml, read_spreadsheet_xml

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et"}
SCAN_FOR_ENCRYPTION = 16 << 20
MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """The most an import reads: the file's size and, for a workbook, its declared uncompressed size (MB); the
    columns of a table."""

    max_file_mb: float = 200.0
    max_uncompressed_mb: float = 512.0
    max_columns: int = 1000


def _check_size(path: Path, size: int, limits: Limits) -> None:
    if size > limits.max_file_mb * MB:
        raise ReadError(
            f"文件“{path.name}”有 {_size_text(size)}，超过导入上限 {limits.max_file_mb:g} MB"
            "（配置 [etl] max_file_mb），未读取。请按月份或县区拆分成几个较小的文件后分别导入"
        )


def _size_text(size: int) -> str:
    return f"{size / MB:,.1f} MB" if size >= MB // 10 else f"{size:,} 字节"


def _check_unzipped(path: Path, limits: Limits) -> None:
    """The sizes a workbook's central directory declares, summed, against the limit (nothing is inflated)."""
    try:
        with zipfile.ZipFile(path) as book:
            declared = sum(info.file_size for info in book.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable ZIP: the workbook reader says so
    if declared > limits.max_uncompressed_mb * MB:
        raise ReadError(
            f"文件“{path.name}”解压后有 {declared / MB:,.0f} MB（压缩包内声明的大小），超过上限 "
            f"{limits.max_uncompressed_mb:g} MB（配置 [etl] max_uncompressed_mb），未读取。"
            "这样的工作簿可能是恶意文件或含大量空白单元格；请删除多余的行列或拆分后再导入"
        )


def _is_encrypted(path: Path) -> bool:
    """An Office file saved with an open password is a CFB container holding an ``EncryptionInfo`` stream."""
    with path.open("rb") as fh:
        return ENCRYPTED_MARK in fh.read(SCAN_FOR_ENCRYPTION)


def open_source(path: Path, limits: Limits | None = None) -> SourceFile:
    """Read ``path`` into sheets of raw cells; raises :class:`ReadError` (in Chinese) when it cannot be read."""
    limits = limits or Limits()
    if not path.is_file():
        raise ReadError(f"文件“{path}”不存在或不是文件，请检查路径")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(f"文件“{path.name}”是空文件（0 字节），没有可导入的内容；请重新导出后再导入")
    _check_size(path, size, limits)
    with path.open("rb") as fh:
        magic = fh.read(8)
    suffix = path.suffix.lower()
    if magic.startswith(ZIP_MAGIC):
        _check_unzipped(path, limits)
        sheets, hidden = read_workbook(path, "xlsx", limits.max_columns)
        return SourceFile(path, "xlsx", file_checksum(path), None, sheets, hidden=hidden)
    checksum = file_checksum(path)
    if magic.startswith(CFB_MAGIC):
        if _is_encrypted(path):
            raise ReadError(
                f"文件“{path.name}”设置了打开密码（已加密），无法读取。"
                "请在 Excel 中打开，在“文件 → 信息 → 保护工作簿”中删除密码后保存，再导入"
            )
        sheets, hidden = read_workbook(path, "xls", limits.max_columns)
        return SourceFile(path, "xls", checksum, None, sheets, hidden=hidden)
    if looks_like_spreadsheet_xml(path):
        return SourceFile(path, "xml", checksum, None, read_spreadsheet_xml(path, limits.max_columns))
    if looks_like_html(path):
        sheets, encoding = read_html(path, limits.max_columns)
        warnings = []
        if suffix in EXCEL_SUFFIXES:
            warnings.append(f"文件“{path.name}”的扩展名是 {suffix}，但内容是网页表格（HTML），已按网页表格读取")
        return SourceFile(path, "html", checksum, encoding, sheets, warnings)
    detected = text_encoding(path)
    if detected is not None:
        sheet, encoding = read_delimited(path, detected, limits.max_columns)
        warnings = []
        if suffix in EXCEL_SUFFIXES:
            warnings.append(f"文件“{path.name}”的扩展名是 {suffix}，但内容是文本（CSV），已按 CSV 读取")
        return SourceFile(path, "csv", checksum, encoding, [sheet], warnings)
    if suffix in EXCEL_SUFFIXES:
        raise ReadError(
            f"文件“{path.name}”不是有效的 Excel 文件（内容既不是 .xlsx 也不是 .xls，可能已损坏或只是改了扩展名）。"
            "请用 Excel 打开原始文件，另存为 .xlsx 后再导入"
        )
    raise ReadError(
        f"文件“{path.name}”既不是 Excel 工作簿，也不是可识别编码的 CSV 文本。请导出为 .xlsx 或 CSV（UTF-8/GBK）后再导入"
    )
