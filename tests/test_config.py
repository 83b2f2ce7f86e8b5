"""Configuration: built-in demo city, TOML merge, environment overrides, clear errors."""

from pathlib import Path

import pytest

from config import ConfigError, load_settings


def test_defaults_describe_the_demo_city():
    s = load_settings(environ={})
    names = [r.name for r in s.regions]
    assert names[:8] == ["淮川区", "东湖区", "西山区", "南塘县", "北岭县", "清溪县", "望江县", "临河市"]
    assert sum(r.type == "park" for r in s.regions) == 6
    assert len(s.indicators) == 18
    assert len(s.action_groups) == 6
    assert 40 <= len(s.departments) <= 50
    assert (s.host, s.port, s.canvas) == ("127.0.0.1", 8050, (1920, 1080))
    assert s.database_url.endswith("instance/battlemap.db")


def test_toml_file_merges_over_defaults_and_env_wins(tmp_path: Path):
    cfg = tmp_path / "city.toml"
    cfg.write_text(
        '[app]\nport = 9000\ndatabase_url = "sqlite:///from-file.db"\n[wall]\ncanvas = [3840, 1080]\n', encoding="utf-8"
    )
    s = load_settings(environ={"BATTLEMAP_CONFIG": str(cfg)})
    assert s.port == 9000
    assert s.canvas == (3840, 1080)
    assert s.database_url == "sqlite:///from-file.db"
    assert s.title == "淮川市营商环境挂图作战大屏"  # untouched keys keep their defaults
    s = load_settings(environ={"BATTLEMAP_CONFIG": str(cfg), "BATTLEMAP_DATABASE_URL": "sqlite:///env.db"})
    assert s.database_url == "sqlite:///env.db"


def test_instance_dir_is_relative_to_the_config_file(tmp_path: Path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("", encoding="utf-8")
    s = load_settings(cfg, environ={})
    assert s.database_url == f"sqlite:///{tmp_path / 'instance' / 'battlemap.db'}"


def test_errors_name_the_file_and_problem(tmp_path: Path):
    with pytest.raises(ConfigError, match="配置文件不存在"):
        load_settings(tmp_path / "missing.toml", environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("[app\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml"):
        load_settings(bad, environ={})
    wrong_group = tmp_path / "group.toml"
    wrong_group.write_text('[city.departments]\n"市某局" = ["市直部门", "不存在的组"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="不存在的组"):
        load_settings(wrong_group, environ={})


def test_example_config_file_is_valid():
    example = Path(__file__).parent.parent / "battlemap.example.toml"
    s = load_settings(example, environ={})
    assert s.city_name == "淮川市"


def test_meeting_rotation_seconds_default_and_override(tmp_path: Path):
    assert load_settings(environ={}).meeting_rotate_seconds == 30
    cfg = tmp_path / "meeting.toml"
    cfg.write_text("[meeting]\nrotate_seconds = 12\n", encoding="utf-8")
    assert load_settings(cfg, environ={}).meeting_rotate_seconds == 12
    cfg.write_text("[meeting]\nrotate_seconds = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"meeting\.toml: \[meeting\] rotate_seconds"):
        load_settings(cfg, environ={})
