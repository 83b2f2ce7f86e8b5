"""The visitors' phone view (``/m``, public, opened from the wall's QR code): the wall's 总览 headline counters as
plain HTML (``layouts.static``), in the wall's bundled CJK font (served with the app: the hall's phones need no
internet), with the same data version and as-of time as the wall; every line wraps to the phone's width.
No script, no login; it reloads itself every refresh period."""

from __future__ import annotations

from html import escape

from layouts.pages.overview import OverviewView, headline_counters
from layouts.static import to_html

MOBILE_STYLE = """
body.bm-m { margin: 0; min-height: 100vh; background: linear-gradient(180deg, #06173a, #030b1f 40%); color: #e8f3ff;
  font-family: var(--bm-font); overflow-wrap: anywhere; }
.bm-m header { padding: 18px 16px 6px; text-align: center; }
.bm-m h1 { margin: 0; font-size: 21px; letter-spacing: 2px; }
.bm-m-sub { margin-top: 4px; color: #35e0ff; font-size: 15px; }
.bm-m-asof { margin: 8px 16px 0; text-align: center; color: #8fb3d9; font-size: 14px; }
.bm-m-stale { color: #ffcc1a; }
.bm-m main { padding: 12px; }
.bm-m .bm-counters { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; height: auto; }
.bm-m .bm-counter { min-width: 0; height: auto; padding: 12px 8px; }
.bm-m .bm-counter-label { font-size: 15px; }
.bm-m .bm-counter-value { font-size: 34px; }
.bm-m .bm-flip { min-width: 0; padding: 0 3px; font-size: 34px; }
.bm-m .bm-counter-unit { font-size: 15px; }
.bm-m .bm-counter-note { font-size: 12px; line-height: 1.5; white-space: normal; overflow: visible; }
.bm-m .bm-counter-note { text-align: center; }
.bm-m .bm-counter-note .bm-tag { display: inline; white-space: normal; word-break: keep-all; }
.bm-m .bm-rag-row { gap: 10px; }
.bm-m .bm-counter:first-child, .bm-m .bm-counter:last-child, .bm-m .bm-counter-projects { grid-column: span 2; }
.bm-m footer { padding: 8px 16px 24px; text-align: center; color: #8fb3d9; font-size: 12px; line-height: 1.7; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{refresh}">
<title>{title} · 手机版</title>
<link rel="stylesheet" href="/assets/01-base.css"><style>{style}</style>
</head><body class="bm-m">
<header><h1>{title}</h1><div class="bm-m-sub">主要指标 · 手机版</div></header>
<div class="bm-m-asof" id="m-asof">数据截至 {as_of}{stale}</div>
<main>{body}</main>
<footer>与大厅大屏同一数据版本（{version}）· 每 {refresh} 秒自动更新<br>不显示任何个人信息</footer>
</body></html>"""


def mobile_page(
    title: str, view: OverviewView | None, as_of: str, stale: list[str], version: str | None, refresh: int
) -> str:
    """The page for ``view`` (None before the first build, or when the wall shows no 总览); ``stale``: the late
    sources' names."""
    body = to_html(headline_counters(view)) if view is not None else '<p class="bm-m-asof">数据准备中，请稍候…</p>'
    late = f'<span class="bm-m-stale"> · ⚠ 数据滞后：{escape("、".join(stale))}</span>' if stale else ""
    return _PAGE.format(
        title=escape(title),
        style=MOBILE_STYLE,
        as_of=escape(as_of),
        stale=late,
        body=body,
        version=escape(version or "—"),
        refresh=int(refresh),
    )
