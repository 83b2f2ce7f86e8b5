"""The QR code in a corner of the wall that opens ``/m`` on a visitor's phone: drawn offline by ``segno`` (a pure-Python
QR encoder) as an SVG data URI, dark on light with its quiet zone, so any phone camera reads it off an LED wall."""

from __future__ import annotations

from functools import lru_cache

import segno
from dash import html

QR_CAPTION = "扫码看手机版"


@lru_cache(maxsize=8)
def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` (error correction M: a smudged or moiré-struck LED still reads) as an SVG data URI."""
    return segno.make(url, error="m").svg_data_uri(border=2, dark="#000", light="#fff")


def wall_qr(url: str, corner: str, size: int) -> html.Div:
    """The code for ``url`` with its caption, ``size`` design pixels square, in ``corner`` of the canvas."""
    return html.Div(
        [
            html.Img(src=qr_data_uri(url), alt=QR_CAPTION, width=size, height=size, className="bm-qr-code"),
            html.Div(QR_CAPTION, className="bm-qr-caption"),
        ],
        id="wall-qr",
        className=f"bm-qr bm-qr-{corner}",
        **{"data-url": url},
    )
