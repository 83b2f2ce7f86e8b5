"""The update a wall page needs to go from the content it shows to the content of a newer build: a Dash ``Patch``
of the leaves that changed (numbers, figure arrays, words) when the page's structure is the same, or nothing when
the two differ too much for a patch to be worth it (the caller then sends the page whole).

Pages are compared as the JSON Dash sends (components as ``{"type", "namespace", "props"}``), so a path in the
patch is a path in that JSON, which is what the renderer patches.
"""

from __future__ import annotations

import json
from typing import Any

from dash import Patch
from plotly.utils import PlotlyJSONEncoder

Path = tuple[str | int, ...]
MAX_CHANGES = 400


def page_json(children: Any) -> Any:
    """``children`` as the plain JSON Dash would send for them."""
    return json.loads(json.dumps(children, cls=PlotlyJSONEncoder))


def changes(old: Any, new: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    """The (path, new value) assignments that turn ``old`` into ``new``: recursing through dicts with the same keys
    and lists of the same length, replacing anything else whole — and a list of plain values (a figure's data
    array) in which most values changed: one assignment is then smaller than one per value."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict) and old.keys() == new.keys():
        return [change for key in new for change in changes(old[key], new[key], (*path, key))]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        pairs = list(zip(old, new, strict=True))
        plain = not any(isinstance(value, dict | list) for value in new)
        if plain and 2 * sum(a != b for a, b in pairs) > len(new):
            return [(path, new)]
        return [change for i, (a, b) in enumerate(pairs) for change in changes(a, b, (*path, i))]
    return [(path, new)]


def page_patch(old: Any, new: Any) -> Patch | None:
    """A ``Patch`` turning page JSON ``old`` into ``new``; None when the page itself is replaced or more than
    ``MAX_CHANGES`` leaves change (sending the page whole is then as small and simpler)."""
    assignments = changes(old, new)
    if not assignments or len(assignments) > MAX_CHANGES or any(not path for path, _value in assignments):
        return None
    patch = Patch()
    for path, value in assignments:
        target = patch
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return patch
