"""The settings' types: each default, and each value read from the environment, has exactly the
type Settings and ServerSettings declare (app_settings and server_settings answer them so)."""

from __future__ import annotations

from typing import get_type_hints

from service import settings
from service.settings_types import ServerSettings, Settings

SPELLED = {bool: "yes", int: "42", float: "0.25", str: "some text"}  # one environment string per type


def test_every_default_has_exactly_its_declared_type():
    """Not only what mypy allows: a bool default where an int is declared would parse as a flag."""
    assert {name: type(value) for name, value in settings.DEFAULTS.items()} == get_type_hints(Settings)
    assert {name: type(value) for name, value in settings.SERVER_DEFAULTS.items()} == get_type_hints(ServerSettings)


def test_a_setting_read_from_the_environment_has_its_declared_type():
    declared = {**get_type_hints(Settings), **get_type_hints(ServerSettings)}
    defaults = {**settings.DEFAULTS, **settings.SERVER_DEFAULTS}
    read = {name: settings.parse_value(name, SPELLED[kind], defaults[name]) for name, kind in declared.items()}
    assert {name: type(value) for name, value in read.items()} == declared
    assert settings.server_settings({"GUNICORN_WORKERS": "3"})["GUNICORN_WORKERS"] == 3
    assert settings.app_settings({"HIGH_CONFIDENCE": "0.9", "ASK_REASON": "no"})["HIGH_CONFIDENCE"] == 0.9


def test_a_setting_whose_range_admits_fractions_reads_a_fraction_from_the_environment():
    """A range with a fractional bound is a float setting: '0.5' must not be refused as 'not a number'."""
    fractional = [
        name for name, (low, high) in settings.RANGES.items() if not float(low).is_integer() or not float(high).is_integer()
    ]
    assert fractional
    for name in fractional:
        assert settings.from_environment({name: "0.5"})[name] == 0.5
