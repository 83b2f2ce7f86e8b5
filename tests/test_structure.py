"""The code's shape, as the design fixes it: no import cycle between the top-level packages, no SQL outside
``data`` and ``etl``, the status words and the source kinds' names defined once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from data.labels import SOURCE_KIND_NAMES
from data.status import STATUSES
from etl.kinds import KINDS

ROOT = Path(__file__).resolve().parents[1]
UNITS = ("app", "cli", "config", "data", "etl", "callbacks", "layouts", "auth", "exports", "server")
SQL_FREE = ("callbacks", "layouts", "auth")
SQL_WORDS = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b")
SQLALCHEMY_TYPES = {"Connection", "Engine"}  # type hints only


def _product_files() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "cli.py"]
    for unit in UNITS[2:]:
        files += sorted((ROOT / unit).rglob("*.py"))
    return files


def _unit(path: Path) -> str:
    return path.relative_to(ROOT).parts[0].removesuffix(".py")


def _is_main_block(node: ast.AST) -> bool:
    """``if __name__ == "__main__":`` — a program's entry, not an import of the module."""
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and isinstance(test, ast.Compare) and getattr(test.left, "id", "") == "__name__"


def _imports(tree: ast.AST) -> list[str]:
    """Every module imported anywhere in ``tree`` (functions included), except under a ``__main__`` block."""
    found: list[str] = []
    for node in ast.iter_child_nodes(tree):
        if _is_main_block(node):
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
        found += _imports(node)
    return found


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {unit: set() for unit in UNITS}
    for path in _product_files():
        source = _unit(path)
        for name in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            target = name.split(".")[0]
            if target in graph and target != source:
                graph[source].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as a path (empty if there is none)."""
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path, node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, node])):
                return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [])):
            return found
    return []


def test_the_top_level_packages_import_each_other_without_a_cycle() -> None:
    graph = _package_graph()
    assert _cycle(graph) == []
    assert "app" not in graph["server"] and "callbacks" not in graph["layouts"] and "layouts" not in graph["data"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_no_sql_in_callbacks_layouts_or_auth() -> None:
    offenders = []
    for path in _product_files():
        if _unit(path) not in SQL_FREE:
            continue
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
                offenders += [f"{path.name}: sqlalchemy.{a.name}" for a in node.names if a.name not in SQLALCHEMY_TYPES]
            if isinstance(node, ast.Import) and any(a.name.startswith("sqlalchemy") for a in node.names):
                offenders.append(f"{path.name}: import sqlalchemy")
            if isinstance(node, ast.Attribute) and node.attr == "execute":
                offenders.append(f"{path.name}:{node.lineno} .execute")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WORDS.search(node.value):
                offenders.append(f"{path.name}:{node.lineno} SQL text")
    assert offenders == []


def test_the_status_words_are_written_once() -> None:
    """受阻 / 相对迟缓 / 进展顺利 stand in ``data/status.py`` only; elsewhere 受阻 only as a word of the data itself
    (是否受阻, 受阻原因: the import columns of a project's blocked flag and its reason; 项目受阻: the rule's reason)."""
    compounds = re.compile(r"是否受阻|受阻原因|项目受阻")
    found = {}
    for path in _product_files():
        if path == ROOT / "data" / "status.py":
            continue
        text = compounds.sub("", path.read_text(encoding="utf-8"))
        for status in STATUSES.values():
            if status.word in text:
                found.setdefault(status.word, []).append(str(path.relative_to(ROOT)))
    assert found == {}


def test_every_source_kind_is_named_by_the_shared_labels() -> None:
    assert {name: kind.label for name, kind in KINDS.items()} == {name: SOURCE_KIND_NAMES[name] for name in KINDS}
