"""The typed settings object: built-in demo-city defaults, a deployment's TOML file, then environment overrides.

This module is the only place that reads ``os.environ``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from config.ops import DatabaseConfig, ScreensConfig, ServerConfig, database_config, screens_config, server_config

DEFAULT_TOML = Path(__file__).with_name("default.toml")
DEFAULT_ROTATE_SECONDS = 30
DEFAULT_UNVISITED_DAYS = 30
ENV_CONFIG = "BATTLEMAP_CONFIG"
ENV_DATABASE_URL = "BATTLEMAP_DATABASE_URL"


class ConfigError(ValueError):
    """A configuration file or value that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class RegionConfig:
    code: str
    name: str
    type: str
    parent: str | None = None
    tile: tuple[int, int] | None = None


@dataclass(frozen=True)
class DepartmentConfig:
    name: str
    type: str
    action_group: str


@dataclass(frozen=True)
class Threshold:
    """A KPI band: ``value >= green`` is green, ``value < red`` is red, yellow between."""

    green: float
    red: float


@dataclass(frozen=True)
class RagRule:
    """Thresholds of the project red / yellow / green rule (DESIGN §4)."""

    gap_yellow_points: float = 10
    gap_red_points: float = 30
    late_yellow_days: int = 7
    late_red_days: int = 30
    not_started_red_months: int = 3


@dataclass(frozen=True)
class WallPage:
    """One page of the wall's rotation: ``name`` of its declaration (``callbacks.views.pages``); ``title`` and
    ``dwell`` (seconds) override the declaration's; ``module`` names a module declaring a page of the site's own."""

    name: str
    title: str | None = None
    dwell: int | None = None
    module: str | None = None


@dataclass(frozen=True)
class UpstreamSource:
    """A table or view of an upstream system read incrementally: rows whose ``watermark_column`` ≥ the last
    value loaded (``:watermark`` in ``query``)."""

    name: str
    kind: str
    url: str
    query: str
    watermark_column: str = "updated_at"
    initial_watermark: str = "1900-01-01 00:00:00"


@dataclass(frozen=True)
class ScheduledJob:
    """An ETL job: ``action`` ``inbox`` or ``upstream``; ``trigger`` ``cron`` or ``interval`` with its fields."""

    name: str
    action: str
    trigger: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class EtlConfig:
    """The inbox, upstream sources, the import lock and the scheduler's jobs (config sections [etl], [scheduler])."""

    inbox_dir: Path
    settle_seconds: float = 5.0
    lock_minutes: float = 120.0
    lock_wait_seconds: float = 60.0
    upstream: tuple[UpstreamSource, ...] = ()
    scheduler_in_app: bool = True
    jobs: tuple[ScheduledJob, ...] = ()
    misfire_grace_seconds: int = 300
    coalesce: bool = True
    max_file_mb: float = 200.0
    max_uncompressed_mb: float = 512.0
    max_columns: int = 1000
    aliases: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # kind → field → extra headers
    labels: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # kind → field → label → value


JOB_ACTIONS = ("inbox", "upstream")
JOB_TRIGGERS = ("cron", "interval")


def _etl_config(raw: dict[str, Any], instance_dir: Path, where: str) -> EtlConfig:
    etl, scheduler = raw.get("etl", {}), raw.get("scheduler", {})
    jobs = []
    for job in scheduler.get("jobs", []):
        spec = dict(job)
        name, action, trigger = spec.pop("name"), spec.pop("action"), spec.pop("trigger")
        if action not in JOB_ACTIONS or trigger not in JOB_TRIGGERS:
            raise ConfigError(
                f"{where}: [[scheduler.jobs]] {name}: action 应为 {'/'.join(JOB_ACTIONS)}，"
                f"trigger 应为 {'/'.join(JOB_TRIGGERS)}"
            )
        jobs.append(ScheduledJob(name, action, trigger, spec))
    return EtlConfig(
        inbox_dir=(instance_dir / etl.get("inbox", "inbox")).resolve(),
        settle_seconds=float(etl.get("settle_seconds", 5)),
        lock_minutes=float(etl.get("lock_minutes", 120)),
        lock_wait_seconds=float(etl.get("lock_wait_seconds", 60)),
        upstream=tuple(UpstreamSource(**u) for u in etl.get("upstream", [])),
        scheduler_in_app=bool(scheduler.get("in_app", True)),
        jobs=tuple(jobs),
        misfire_grace_seconds=int(scheduler.get("misfire_grace_seconds", 300)),
        coalesce=bool(scheduler.get("coalesce", True)),
        max_file_mb=_positive(etl.get("max_file_mb", 200), "max_file_mb", where),
        max_uncompressed_mb=_positive(etl.get("max_uncompressed_mb", 512), "max_uncompressed_mb", where),
        max_columns=int(_positive(etl.get("max_columns", 1000), "max_columns", where, "列数")),
        aliases={
            kind: {name: tuple(str(h) for h in headers) for name, headers in fields.items()}
            for kind, fields in etl.get("aliases", {}).items()
        },
        labels={
            kind: {name: {str(k): v for k, v in values.items()} for name, values in fields.items()}
            for kind, fields in etl.get("labels", {}).items()
        },
    )


def _positive(value: Any, key: str, where: str, unit: str = "MB") -> float:
    number = float(value)
    if not number > 0:
        raise ConfigError(f"{where}: [etl] {key} 应为正数（{unit}），现为 {value}")
    return number


TIE_RULES = ("shared", "items")
STATUS_KEYS = ("blocked", "slow", "on_track")
LAMP_COLOURS = ("red", "yellow", "green")


def _status_colours(value: Any, where: str) -> dict[str, str]:
    """``[status] colours``: each status (blocked, slow, on_track) lit in one of red / yellow / green, each once."""
    colours = {str(k): str(v) for k, v in dict(value).items()}
    if set(colours) != set(STATUS_KEYS) or sorted(colours.values()) != sorted(LAMP_COLOURS):
        raise ConfigError(
            f"{where}: [status] colours 应为 blocked / slow / on_track 三个状态各对应 red / yellow / green 中的一种"
            f"颜色（各用一次），现为 {colours}"
        )
    return colours


def _tie_rule(value: str, where: str) -> str:
    if value not in TIE_RULES:
        options = " / ".join(TIE_RULES)
        raise ConfigError(f"{where}: [awards] tie_rule 应为 {options}（同分并列 / 考核事项多者在前），现为 {value!r}")
    return value


@dataclass(frozen=True)
class Settings:
    title: str
    host: str
    port: int
    instance_dir: Path
    database_url: str
    load_demo_on_empty: bool
    timezone: str
    city_code: str
    city_name: str
    province_city_count: int
    regions: tuple[RegionConfig, ...]
    departments: tuple[DepartmentConfig, ...]
    action_groups: tuple[str, ...]
    indicators: tuple[str, ...]
    key_ranking: str
    due_workdays: dict[str, int]
    response_limit_hours: float
    three_rate_weights: dict[str, float]
    rag: RagRule
    thresholds: dict[str, Threshold]
    award_weights: dict[str, float]
    horse_candidates: int
    snail_candidates: int
    award_min_items: int
    award_tie_rule: str
    award_rule_version: str
    status_colours: dict[str, str]
    canvas: tuple[int, int]
    refresh_seconds: int
    reload_hour: int
    wall_pages: tuple[WallPage, ...]
    mask_enterprise_names: bool
    mask_keep_prefix: int
    mask_keep_suffix: int
    source_cadence_hours: dict[str, float]
    services_year_target: int
    meeting_rotate_seconds: int = DEFAULT_ROTATE_SECONDS
    unvisited_days: int = DEFAULT_UNVISITED_DAYS
    reform_snail_trigger: bool = True
    personal_name_fields: tuple[str, ...] = ()
    config_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    etl: EtlConfig = field(default_factory=lambda: EtlConfig(inbox_dir=Path("instance/inbox").resolve()))
    server: ServerConfig = field(default_factory=ServerConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    # [calendar.arrangements.YEAR]: holiday name → the State Council's sentence (放假日期, 调休上班), by year
    holiday_arrangements: dict[int, dict[str, str]] = field(default_factory=dict)
    screens: ScreensConfig = field(default_factory=ScreensConfig)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into ``base`` key by key; tables merge, everything else (lists too) replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"配置文件不存在: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 格式错误: {exc}") from exc


def _build(raw: dict[str, Any], config_path: Path | None, database_url: str | None) -> Settings:
    where = str(config_path or DEFAULT_TOML)
    try:
        app, city, ev = raw["app"], raw["city"], raw["evaluation"]
        base_dir = config_path.parent if config_path else Path.cwd()
        instance_dir = (base_dir / app["instance_dir"]).resolve()
        url = database_url or app.get("database_url") or f"sqlite:///{instance_dir / 'battlemap.db'}"
        regions = tuple(
            RegionConfig(
                code=str(r["code"]),
                name=str(r["name"]),
                type=str(r["type"]),
                parent=r.get("parent"),
                tile=tuple(r["tile"]) if r.get("tile") else None,
            )
            for r in city["regions"]
        )
        departments = tuple(
            DepartmentConfig(name=name, type=spec[0], action_group=spec[1])
            for name, spec in city["departments"].items()
        )
        unknown_groups = {d.action_group for d in departments} - set(ev["action_groups"])
        if unknown_groups:
            raise ConfigError(f"{where}: [city.departments] 引用了未定义的专项行动组 {sorted(unknown_groups)}")
        projects = raw["projects"]
        wall = raw["wall"]
        privacy = raw["privacy"]
        awards = raw["awards"]
        appeals = raw["appeals"]
        rotate_seconds = int(raw.get("meeting", {}).get("rotate_seconds", DEFAULT_ROTATE_SECONDS))
        if rotate_seconds < 1:
            raise ConfigError(f"{where}: [meeting] rotate_seconds 应为正整数（秒），现为 {rotate_seconds}")
        unvisited_days = int(raw.get("visits", {}).get("unvisited_days", DEFAULT_UNVISITED_DAYS))
        if unvisited_days < 1:
            raise ConfigError(f"{where}: [visits] unvisited_days 应为正整数（天），现为 {unvisited_days}")
        return Settings(
            title=app["title"],
            host=app["host"],
            port=int(app["port"]),
            instance_dir=instance_dir,
            database_url=url,
            load_demo_on_empty=bool(app["load_demo_on_empty"]),
            timezone=app["timezone"],
            city_code=city["code"],
            city_name=city["name"],
            province_city_count=int(city["province_city_count"]),
            regions=regions,
            departments=departments,
            action_groups=tuple(ev["action_groups"]),
            indicators=tuple(ev["indicators"]),
            key_ranking=str(ev["key_ranking"]),
            due_workdays={k: int(v) for k, v in appeals["due_workdays"].items()},
            response_limit_hours=float(appeals["response_limit_hours"]),
            three_rate_weights={k: float(v) for k, v in appeals["three_rate_weights"].items()},
            rag=RagRule(**projects),
            thresholds={k: Threshold(**v) for k, v in raw["thresholds"].items()},
            award_weights={k: float(v) for k, v in awards["weights"].items()},
            horse_candidates=int(awards["horse_candidates"]),
            snail_candidates=int(awards["snail_candidates"]),
            award_min_items=int(awards["min_items"]),
            award_tie_rule=_tie_rule(str(awards["tie_rule"]), where),
            award_rule_version=str(awards["rule_version"]),
            status_colours=_status_colours(raw["status"]["colours"], where),
            canvas=(int(wall["canvas"][0]), int(wall["canvas"][1])),
            refresh_seconds=int(wall["refresh_seconds"]),
            reload_hour=int(wall["reload_hour"]),
            wall_pages=tuple(WallPage(**p) for p in wall["pages"]),
            mask_enterprise_names=bool(privacy["mask_enterprise_names"]),
            mask_keep_prefix=int(privacy["keep_prefix"]),
            mask_keep_suffix=int(privacy["keep_suffix"]),
            personal_name_fields=tuple(str(f) for f in privacy.get("personal_name_fields", ())),
            source_cadence_hours={k: float(v) for k, v in raw["sources"]["cadence_hours"].items()},
            services_year_target=int(raw["services"]["year_target"]),
            meeting_rotate_seconds=rotate_seconds,
            unvisited_days=unvisited_days,
            reform_snail_trigger=bool(awards.get("reform_trigger", True)),
            config_path=config_path,
            extra={k: v for k, v in raw.items() if k not in _KNOWN_SECTIONS},
            etl=_etl_config(raw, instance_dir, where),
            holiday_arrangements=_holiday_arrangements(raw, where),
        )
    except KeyError as exc:
        raise ConfigError(f"{where}: 缺少配置项 {exc}") from exc
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"{where}: 配置值无效: {exc}") from exc


MAX_ARRANGEMENT_TEXT = 1000


def _holiday_arrangements(raw: dict[str, Any], where: str) -> dict[int, dict[str, str]]:
    """``[calendar.arrangements.2026]`` 春节 = "2月15日至23日放假调休，共9天。2月14日（星期六）上班" and so on."""
    section = raw.get("calendar", {}).get("arrangements", {})
    arrangements: dict[int, dict[str, str]] = {}
    for year, holidays in section.items():
        if not str(year).isdigit() or not 2000 <= int(year) <= 2100 or not isinstance(holidays, dict):
            raise ConfigError(f"{where}: [calendar.arrangements.{year}] 应为年份（2000–2100）下的“节日 = 安排”表")
        for name, text in holidays.items():
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_ARRANGEMENT_TEXT or len(name) > 50:
                raise ConfigError(
                    f"{where}: [calendar.arrangements.{year}] {name} 应为一段安排文字"
                    f'（最多 {MAX_ARRANGEMENT_TEXT} 字），如 "2月15日至23日放假调休，共9天。2月14日（星期六）上班"'
                )
        arrangements[int(year)] = dict(holidays)
    return arrangements


_KNOWN_SECTIONS = {
    "app",
    "calendar",
    "city",
    "evaluation",
    "appeals",
    "projects",
    "thresholds",
    "awards",
    "status",
    "wall",
    "meeting",
    "privacy",
    "plausibility",
    "sources",
    "services",
    "visits",
    "etl",
    "scheduler",
    "server",
    "database",
}


def load_settings(
    config_path: str | Path | None = None, environ: dict[str, str] | None = None, **overrides: Any
) -> Settings:
    """Build the settings: defaults ← TOML file (argument or ``BATTLEMAP_CONFIG``) ← environment ← overrides."""
    env = os.environ if environ is None else environ
    raw = _read_toml(DEFAULT_TOML)
    path_text = config_path or env.get(ENV_CONFIG)
    path = Path(path_text).resolve() if path_text else None
    if path is not None:
        raw = _merge(raw, _read_toml(path))
    settings = _build(raw, path, env.get(ENV_DATABASE_URL) or None)
    try:
        screens = screens_config(raw)
    except ValueError as exc:
        raise ConfigError(f"{path or DEFAULT_TOML}: {exc}") from exc
    settings = replace(settings, server=server_config(raw, env), database=database_config(raw), screens=screens)
    if overrides:
        settings = replace(settings, **overrides)
    return settings
