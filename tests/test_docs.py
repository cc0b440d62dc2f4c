"""Docs match the code: every setting documented, the README's commands exist."""

from __future__ import annotations

from pathlib import Path

from app import create_app
from service import settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    assert [name for name in settings.DEFAULTS if f"`{name}`" not in README] == []


def test_the_readme_stays_a_guide():
    """350 lines at most: anything longer belongs in docs/."""
    assert len(README.splitlines()) <= 350


def test_every_flask_command_the_readme_names_exists():
    import re

    named = set(re.findall(r"flask --app app ([a-z-]+)", README)) - {"run"}
    registered = set(create_app({"REDIS_URL": "redis://127.0.0.1:1/0"}).cli.list_commands(None))
    assert named and named <= registered, named - registered


def test_the_command_table_lists_every_command_of_ours():
    import re

    section = README.split("### The command line", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z-]+)", section, re.M))
    ours = set(create_app({"REDIS_URL": "redis://127.0.0.1:1/0"}).cli.list_commands(None))
    assert listed == ours - {"routes", "run", "shell"}  # Flask's own three


def test_the_readmes_scrape_config_is_prometheus_yaml_with_the_metrics_token(redis_url, prefix):
    """The config as shown scrapes /metrics (Prometheus' default path) with the bearer token."""
    import re
    import textwrap

    import yaml

    from tests.conftest import make_app

    block = re.search(r"```yaml\n(.*?)```", README, re.S)
    assert block, "the README shows a scrape config"
    (job,) = yaml.safe_load(textwrap.dedent(block.group(1)))["scrape_configs"]
    assert job.get("metrics_path", "/metrics") == "/metrics" and job["authorization"]["credentials"] == "<METRICS_TOKEN>"
    app = make_app(redis_url, prefix, METRICS_TOKEN="t" * 24)
    scraped = app.test_client().get(
        "/metrics", headers={"Authorization": f"{job['authorization'].get('type', 'Bearer')} {'t' * 24}"}
    )
    assert scraped.status_code == 200 and b"optout_" in scraped.data
