"""Limits on every request. The body: ``[server] max_upload_mb`` — a body declared larger is refused with HTTP 413
before a byte of it is read, and one without a declared length (chunked) is read up to the limit and refused with
413 if it goes on — never cut short and handed on as if whole (the server's stream stops at the limit without a
word, so a callback would see half a JSON body) — so no upload can make a worker grow. Uploads travel
base64-encoded inside a Dash callback's JSON, a third larger than the file, so the body may be that much larger
than ``max_upload_mb``; the upload callback checks the files' own sizes. The time: every query a request runs is
stopped once the request has run ``[server] timeout`` seconds (gunicorn's own timeout cannot stop a thread of a
threaded worker), and the request answers 504; the brief's own budget is ``callbacks.downloads``'s."""

from __future__ import annotations

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from config import Settings
from data.engine import end_budget, start_budget
from etl.service import MB, too_large_text

BASE64_OVERHEAD = 4 / 3
ENVELOPE_BYTES = MB  # the callback's JSON around the files


def body_limit(max_upload_mb: float) -> int:
    """The largest request body accepted, in bytes, for files of up to ``max_upload_mb`` together."""
    return int(max_upload_mb * MB * BASE64_OVERHEAD) + ENVELOPE_BYTES


def register(server: Flask, settings: Settings) -> None:
    limit_mb = settings.server.max_upload_mb
    limit = body_limit(limit_mb)
    server.config["MAX_CONTENT_LENGTH"] = limit

    def refuse() -> Response:
        response = jsonify({"error": too_large_text(limit_mb)})
        response.status_code = 413
        response.headers["Connection"] = "close"  # the unread body is not drained
        return response

    @server.before_request
    def declared_length() -> Response | None:
        length = request.content_length
        return refuse() if length is not None and length > limit else None

    @server.before_request
    def undeclared_length() -> Response | None:
        """A body without a declared length, read (and kept for the handler) up to the limit: one more byte
        after the limit is a 413."""
        if request.content_length is None and request.environ.get("wsgi.input_terminated"):
            request.get_data(cache=True)
            request.stream.read(1)  # past the limit the server's stream raises RequestEntityTooLarge
        return None

    @server.before_request
    def time_limit() -> None:
        g.battlemap_budget = start_budget(settings.server.timeout)

    @server.teardown_request
    def end_time_limit(_exc: BaseException | None) -> None:
        token = g.pop("battlemap_budget", None)
        if token is not None:
            end_budget(token)

    @server.errorhandler(RequestEntityTooLarge)
    def cut_off(_exc: RequestEntityTooLarge) -> Response:
        return refuse()
