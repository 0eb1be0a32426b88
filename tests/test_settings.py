"""Settings: every one is documented in the README, and the environment overrides defaults."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from parlgraph.settings import ROOT, SETTINGS, Settings


def test_every_setting_is_a_field_and_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)]
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in readme, setting.name
        assert setting.help


def test_environment_then_overrides() -> None:
    environ = {"PARLGRAPH_QUERY_TIMEOUT": "2.5", "PARLGRAPH_STORE": "/tmp/s"}
    settings = Settings.load(environ=environ, max_results=5)
    assert settings.query_timeout == 2.5
    assert settings.store == Path("/tmp/s")
    assert settings.max_results == 5


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PARLGRAPH_QUERY_TIMEOUT": "soon"}, "PARLGRAPH_QUERY_TIMEOUT='soon'"),
        ({"PARLGRAPH_BASE_IRI": "http://x.example"}, "must end with a slash"),
    ],
)
def test_bad_values_name_the_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.load(environ=environ)


def test_settings_written_to_the_environment_read_back_the_same(tmp_path: Path) -> None:
    settings = Settings.load(environ={}, store=tmp_path / "store", query_timeout=2.5, page_cache=0)
    assert Settings.load(environ=settings.environ()) == settings
