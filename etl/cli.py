"""The ``battlemap etl`` commands (import, run, status, rejects)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``etl`` command group to the top-level parser."""
    etl = commands.add_parser(
        "etl",
        help="导入数据文件、处理收件箱、查看导入记录",
        description="数据导入：Excel/CSV 文件、收件箱、上游数据库。",
    )
    etl.add_subparsers(dest="etl_command", required=True, metavar="COMMAND")
