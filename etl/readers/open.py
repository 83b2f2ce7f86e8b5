"""Open a source file by what its bytes are, not what its name says: ZIP → XLSX, CFB → XLS or encrypted, text → CSV."""

from __future__ import annotations

from pathlib import Path

from etl.readers.base import ReadError, SourceFile, file_checksum
from etl.readers.delimited import read_delimited, text_encoding
from etl.readers.excel import read_workbook

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et"}
SCAN_FOR_ENCRYPTION = 16 << 20


def _is_encrypted(path: Path) -> bool:
    """An Office file saved with an open password is a CFB container holding an ``EncryptionInfo`` stream."""
    with path.open("rb") as fh:
        return ENCRYPTED_MARK in fh.read(SCAN_FOR_ENCRYPTION)


def open_source(path: Path) -> SourceFile:
    """Read ``path`` into sheets of raw cells; raises :class:`ReadError` (in Chinese) when it cannot be read."""
    if not path.is_file():
        raise ReadError(f"文件“{path}”不存在或不是文件，请检查路径")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(f"文件“{path.name}”是空文件（0 字节），没有可导入的内容；请重新导出后再导入")
    with path.open("rb") as fh:
        magic = fh.read(8)
    checksum = file_checksum(path)
    suffix = path.suffix.lower()
    if magic.startswith(ZIP_MAGIC):
        return SourceFile(path, "xlsx", checksum, None, read_workbook(path, "xlsx"))
    if magic.startswith(CFB_MAGIC):
        if _is_encrypted(path):
            raise ReadError(
                f"文件“{path.name}”设置了打开密码（已加密），无法读取。"
                "请在 Excel 中打开，在“文件 → 信息 → 保护工作簿”中删除密码后保存，再导入"
            )
        return SourceFile(path, "xls", checksum, None, read_workbook(path, "xls"))
    detected = text_encoding(path)
    if detected is not None:
        sheet, encoding = read_delimited(path, detected)
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
