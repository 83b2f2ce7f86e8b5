"""What a page's JS heap is made of: a V8 heap snapshot taken through the DevTools protocol, summed by kind.

ChromeDriver's own CDP call cannot stream a snapshot (it arrives as ``HeapProfiler.addHeapSnapshotChunk`` events),
so the snapshot is taken over a second DevTools connection to the same page. The kinds split the heap into what
V8 compiles (``code``: bytecode, optimised code and their metadata, which grows as functions get hot and shrinks as
V8 flushes them) and what the page's scripts keep (``strings`` and ``objects``); Blink's own C++ objects are left
out, as they are of ``Performance.getMetrics``' ``JSHeapUsedSize``.
"""

from __future__ import annotations

import json
import urllib.request
from collections import Counter

import websocket

STRING_TYPES = {"string", "concatenated string", "sliced string"}
OUTSIDE_JS_HEAP = {"native", "synthetic"}


def _page_socket_url(debugger_address: str) -> str:
    with urllib.request.urlopen(f"http://{debugger_address}/json", timeout=10) as response:
        targets = json.load(response)
    return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")


def take(debugger_address: str) -> dict:
    """The page's heap snapshot (after a garbage collection) as parsed JSON; ``debugger_address`` is ChromeDriver's
    ``goog:chromeOptions.debuggerAddress`` capability."""
    socket = websocket.create_connection(_page_socket_url(debugger_address), timeout=300, suppress_origin=True)
    chunks: list[str] = []
    try:
        socket.send(json.dumps({"id": 2, "method": "HeapProfiler.takeHeapSnapshot"}))  # V8 collects garbage first
        while True:
            message = json.loads(socket.recv())
            if message.get("method") == "HeapProfiler.addHeapSnapshotChunk":
                chunks.append(message["params"]["chunk"])
            elif message.get("id") == 2:
                break
    finally:
        socket.close()
    return json.loads("".join(chunks))


def composition_mb(snapshot: dict) -> dict[str, float]:
    """MB of the JS heap by kind: ``code``, ``strings``, ``objects`` (everything else V8 holds for scripts)."""
    meta = snapshot["snapshot"]["meta"]
    fields = meta["node_fields"]
    width, type_at, size_at = len(fields), fields.index("type"), fields.index("self_size")
    type_names = meta["node_types"][0]
    nodes = snapshot["nodes"]
    by_type: Counter[str] = Counter()
    for start in range(0, len(nodes), width):
        by_type[type_names[nodes[start + type_at]]] += nodes[start + size_at]
    kinds: Counter[str] = Counter()
    for name, size in by_type.items():
        if name not in OUTSIDE_JS_HEAP:
            kinds["code" if name == "code" else "strings" if name in STRING_TYPES else "objects"] += size
    return {kind: round(kinds[kind] / 2**20, 2) for kind in ("code", "strings", "objects")}
