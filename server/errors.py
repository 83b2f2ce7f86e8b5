"""What a request that fails unexpectedly gets: a short Chinese answer, never a traceback, SQL or a path (those go
to the server's log). A callback that cannot run on what it was sent (wrong types, a malformed body) is the
client's error (400); a database that cannot be read is 503; anything else is logged and answered 500 plainly."""

from __future__ import annotations

import logging

from dash.exceptions import DashException
from flask import Flask, Response, jsonify, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from data.engine import QueryTimeout, StoreError, failure_reason

log = logging.getLogger(__name__)
CALLBACK_SUFFIX = "/_dash-update-component"
BAD_REQUEST_TEXT = "请求内容无法处理，请刷新页面后重试"
SERVER_ERROR_TEXT = "服务器处理出错，已记录日志；请稍后重试"
CLIENT_FAULTS = (
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,  # a number too large for the database or a float conversion
    RecursionError,
    UnicodeError,
    DashException,  # a body whose outputs, inputs or states do not fit the callback
)


def _answer(message: str, status: int) -> Response:
    if request.path.endswith(CALLBACK_SUFFIX):
        response = jsonify({"error": message})
    else:
        response = Response(message, mimetype="text/plain")
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def register(server: Flask) -> None:
    @server.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response | HTTPException:
        if isinstance(exc, HTTPException):
            return exc
        if isinstance(exc, QueryTimeout):
            log.warning("请求超时被中止：%s %s", request.method, request.path)
            return _answer(str(exc), 504)
        if isinstance(exc, StoreError | SQLAlchemyError):
            log.error("数据库不可用：%s %s：%s", request.method, request.path, exc)
            return _answer(f"数据库暂时不可用：{failure_reason(exc)}", 503)
        log.exception("请求处理失败：%s %s", request.method, request.path)
        if isinstance(exc, CLIENT_FAULTS) and request.path.endswith(CALLBACK_SUFFIX):
            return _answer(BAD_REQUEST_TEXT, 400)
        return _answer(SERVER_ERROR_TEXT, 500)
