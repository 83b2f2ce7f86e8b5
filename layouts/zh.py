"""The interface's Chinese where a component brings English of its own: AG Grid's texts (the zh-CN locale of
``@ag-grid-community/locale`` 35.3.1, MIT — ``layouts/locale/``) and the dropdowns' built-in labels."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from dash import dcc

LOCALE_DIR = Path(__file__).resolve().with_name("locale")

# The pager reads "{from} {to} {last} {of} {total}" and "{page} {current} {of} {pages}"; the package's 的 reads
# oddly there, so a slash: "1 至 50 / 1,234", "页 1 / 25".
GRID_OVERRIDES = {"of": "/"}

DROPDOWN_LABELS = {
    "select_all": "全选",
    "deselect_all": "全不选",
    "selected_count": "已选 {num_selected} 项",
    "search": "搜索",
    "clear_search": "清除搜索",
    "clear_selection": "清除选择",
    "no_options_found": "没有匹配的选项",
}


@cache
def grid_locale() -> dict[str, str]:
    """AG Grid's ``localeText`` in Chinese."""
    text = json.loads((LOCALE_DIR / "ag-grid-zh-CN.json").read_text(encoding="utf-8"))
    return {**text, **GRID_OVERRIDES}


def dropdown(**props: Any) -> dcc.Dropdown:
    """A ``dcc.Dropdown`` whose own texts (全选, 搜索 …) are Chinese."""
    return dcc.Dropdown(labels=DROPDOWN_LABELS, **props)
