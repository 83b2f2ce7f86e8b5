"""The docs stay true: the metric catalogue covers every metric and says where each is shown, docs/metrics.md is
generated from it, and every configuration key and command is documented."""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import tomllib
from pathlib import Path

import pytest

from cli import build_parser
from data.metrics.catalogue import BY_KEY, METRICS, SURFACES, markdown

ROOT = Path(__file__).resolve().parents[1]
SUBJECT_MODULES = (
    "appeals", "awards", "clearance", "economy", "evaluation", "projects", "refusals", "regions", "reviews",
    "services", "visits", "reforms", "squads", "cleanwind",
)  # fmt: skip
MAP_SECTIONS = {"thresholds"}  # keyed by metric: documented as a whole
SURFACE_MODULES = {
    "wall": [*sorted((ROOT / "callbacks" / "views").glob("*.py")), ROOT / "data" / "metrics" / "headline.py"],
    "meeting": [
        ROOT / "callbacks" / "meeting_view.py",
        ROOT / "callbacks" / "meeting_counts.py",
        ROOT / "callbacks" / "meeting_subjects.py",
        ROOT / "callbacks" / "views" / "programmes.py",
    ],
    "department": [ROOT / "callbacks" / "department.py", ROOT / "callbacks" / "meeting_view.py"],
    "brief": sorted((ROOT / "data").glob("brief*.py")),
}


def _names(metric) -> set[str]:  # type: ignore[no-untyped-def]
    """The functions a catalogue entry stands for: its definition and what its ``compute`` calls."""
    names = {metric.definition.__name__}
    if metric.compute is not None:
        names |= set(metric.compute.__code__.co_names)
    return names


def test_docs_metrics_md_is_generated_from_the_catalogue() -> None:
    assert (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8") == markdown(), (
        "docs/metrics.md is out of date: run `battlemap metrics --markdown > docs/metrics.md`"
    )


def test_every_metric_function_is_in_the_catalogue() -> None:
    covered = set().union(*(_names(m) for m in METRICS))
    missing = []
    for name in SUBJECT_MODULES:
        module = importlib.import_module(f"data.metrics.{name}")
        for fname, function in inspect.getmembers(module, inspect.isfunction):
            takes_conn = list(inspect.signature(function).parameters)[:1] == ["conn"]
            public = function.__module__ == module.__name__ and not fname.startswith("_")
            if public and takes_conn and fname not in covered:
                missing.append(f"{name}.{fname}")
    assert missing == [], "register these in data/metrics/catalogue.py"


def test_every_metric_is_on_a_surface_or_marked_internal() -> None:
    assert len({m.key for m in METRICS}) == len(METRICS)
    for m in METRICS:
        assert m.formula, f"{m.key}: its definition has no docstring (the 口径)"
        assert bool(m.surfaces) != m.internal, f"{m.key}: on no surface and not internal, or both"
        assert set(m.surfaces) <= set(SURFACES)


def test_every_figure_of_the_meeting_and_department_views_has_its_caliber_in_chinese() -> None:
    """Their tiles open the 口径 on click; it is the ``口径：`` paragraph of the definition's docstring."""
    tiles = [m for m in METRICS if {"meeting", "department"} & set(m.surfaces) and m.unit != "表"]
    assert {m.key for m in tiles} >= {"on_time_rate", "satisfaction_strict", "resolution_rate", "three_rate"}
    assert [m.key for m in tiles if not m.caliber] == []
    assert BY_KEY["clearance_close_rate"].caliber.startswith("清障销号率 = 截至今日已销号的问题 ÷ 本期发现的全部问题")


@pytest.mark.parametrize("surface", list(SURFACE_MODULES))
def test_a_metric_said_to_be_on_a_surface_is_read_there(surface: str) -> None:
    """By its function's name or its key in the code that builds that surface."""
    text = "".join(path.read_text(encoding="utf-8") for path in SURFACE_MODULES[surface])
    absent = [
        m.key
        for m in METRICS
        if surface in m.surfaces and m.key not in text and not any(name in text for name in _names(m) - {"c", "s"})
    ]
    assert absent == []


def _defaults() -> dict:
    return tomllib.loads((ROOT / "config" / "default.toml").read_text(encoding="utf-8"))


def _config_keys() -> list[str]:
    raw = _defaults()
    keys = []
    for section, table in raw.items():
        if section in MAP_SECTIONS:
            keys.append(section)
        else:
            keys += [f"{section}.{key}" for key in table]
    return keys


def test_every_configuration_key_is_documented() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    keys = _config_keys()
    assert "wall.pages" in keys and "etl.inbox" in keys
    assert [key for key in keys if f"`{key}`" not in doc] == []


def _commands(parser: argparse.ArgumentParser, prefix: str = "battlemap") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, f"{prefix} {name}") or [f"{prefix} {name}"]
    return found


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(build_parser())
    assert "battlemap etl import" in commands and "battlemap metrics" in commands
    assert [c for c in commands if c not in readme] == []


SECURITY_SETTINGS = {
    *(f"auth.{key}" for key in ("idle_minutes", "session_hours", "secure_cookies", "max_failures")),
    "auth.failure_window_minutes",
    *(f"server.{key}" for key in ("max_upload_mb", "trusted_proxies", "timeout", "brief_timeout")),
    *(f"etl.{key}" for key in ("max_file_mb", "max_uncompressed_mb", "max_columns")),
    "privacy.personal_name_fields",
    "privacy.mask_enterprise_names",
}


def _security_section() -> str:
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    return doc[doc.index("## Security\n") : doc.index("### Security headers")]


def test_the_security_section_names_real_settings_with_their_defaults() -> None:
    """docs/deploy.md names each setting as `[section] key`, with its default in brackets where it gives one."""
    raw = _defaults()
    named = re.findall(r"`\[(\w+)\] (\w+)`(?: \(([^;,)]+))?", _security_section())
    assert {f"{section}.{key}" for section, key, _default in named} >= SECURITY_SETTINGS
    wrong = []
    for section, key, default in named:
        if key not in raw.get(section, {}):
            wrong.append(f"[{section}] {key}: no such setting")
            continue
        value = raw[section][key]
        if isinstance(value, bool):
            value = str(value).lower()
        if re.fullmatch(r"[\d.]+|true|false", default) and default != str(value):
            wrong.append(f"[{section}] {key}: the doc says {default}, config/default.toml {value}")
    assert wrong == []


def _shown_keys(path: Path) -> set[str]:
    """``section.key`` of every key a TOML file sets or shows commented out (``# key = …``), in its plain sections (a
    list of tables holds data; a map section or a dotted one, keys of its own)."""
    section, keys = "", set()
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.removeprefix("#").strip() if line.startswith("# ") else line.strip()
        if header := re.fullmatch(r"(\[+)([\w.]+)\]+(?:\s+#.*)?", text):
            plain = len(header.group(1)) == 1 and "." not in header.group(2) and header.group(2) not in MAP_SECTIONS
            section = header.group(2) if plain else ""
        elif (key := re.match(r"([a-z_]+) = ", text)) and section:
            keys.add(f"{section}.{key.group(1)}")
    return keys


def test_the_example_config_names_only_real_settings() -> None:
    example = _shown_keys(ROOT / "battlemap.example.toml")
    assert {"server.timeout", "auth.max_failures", "etl.max_file_mb", "app.database_url"} <= example
    assert sorted(example - _shown_keys(ROOT / "config" / "default.toml")) == []
