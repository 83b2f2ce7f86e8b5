"""The QR code in the wall's header band that opens ``/m`` on a visitor's phone: drawn offline by ``segno`` (a
pure-Python QR encoder) as an SVG data URI, dark on light with its quiet zone, so any phone camera reads it off an LED
wall; its caption beside it, so it fits the band's height and covers no panel."""

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
    """The code for ``url`` with its caption, ``size`` design pixels square, for ``corner`` of the header band."""
    return html.Div(
        [
            html.Div(QR_CAPTION, className="bm-qr-caption"),
            html.Img(src=qr_data_uri(url), alt=QR_CAPTION, width=size, height=size, className="bm-qr-code"),
        ],
        id="wall-qr",
        className=f"bm-qr bm-qr-{corner}",
        **{"data-url": url},
    )
