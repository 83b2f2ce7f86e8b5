"""A small per-process memo for views computed from the database: the answer for a key (filters, data version,
clock mark — ``data.version.deadline_mark``) never changes, so a leader clicking back to a district, or ten meeting
rooms on the same filters, is served from memory. Least recently used entries are dropped beyond ``size``; a new
data version simply misses."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class VersionedMemo(Generic[T]):
    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.hits = self.misses = 0
        self._entries: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``, computed (outside the lock: other keys are served meanwhile) on a miss."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]
            self.misses += 1
        value = compute()
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value
