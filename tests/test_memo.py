"""The per-process memo of versioned views: a key is computed once, the least recently used key goes first, and a
new data version (part of the key) is computed afresh."""

from callbacks.memo import VersionedMemo


def test_a_key_is_computed_once_and_a_new_version_misses():
    memo: VersionedMemo[str] = VersionedMemo(size=2)
    calls: list[tuple] = []

    def compute(key: tuple) -> str:
        calls.append(key)
        return f"view of {key}"

    for key in [("HC01", 7), ("HC01", 7), ("HC02", 7), ("HC01", 7), ("HC01", 8)]:
        assert memo.get(key, lambda k=key: compute(k)) == f"view of {key}"
    assert calls == [("HC01", 7), ("HC02", 7), ("HC01", 8)]
    assert (memo.hits, memo.misses) == (2, 3)
    # size 2: ("HC02", 7) was used least recently and is gone, ("HC01", 7) is kept
    memo.get(("HC01", 7), lambda: compute(("HC01", 7)))
    memo.get(("HC02", 7), lambda: compute(("HC02", 7)))
    assert calls[3:] == [("HC02", 7)]
