"""Configuration: one typed settings object from the built-in demo city, a TOML file and the environment."""

from config.settings import (
    ConfigError,
    DepartmentConfig,
    EtlConfig,
    RagRule,
    RegionConfig,
    ScheduledJob,
    Settings,
    Threshold,
    UpstreamSource,
    WallPage,
    load_settings,
)

__all__ = [
    "ConfigError",
    "DepartmentConfig",
    "EtlConfig",
    "RagRule",
    "RegionConfig",
    "ScheduledJob",
    "Settings",
    "Threshold",
    "UpstreamSource",
    "WallPage",
    "load_settings",
]
