"""Configuration: one typed settings object from the built-in demo city, a TOML file and the environment."""

from config.settings import (
    ConfigError,
    DepartmentConfig,
    RagRule,
    RegionConfig,
    Settings,
    Threshold,
    WallPage,
    load_settings,
)

__all__ = [
    "ConfigError",
    "DepartmentConfig",
    "RagRule",
    "RegionConfig",
    "Settings",
    "Threshold",
    "WallPage",
    "load_settings",
]
