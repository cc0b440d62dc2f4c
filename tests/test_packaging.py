"""The project as an installable distribution: a wheel with its data, a console script that
works away from the repository, and dependencies that match the code's imports."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the source: an in-tree build would leave build/ in the checkout."""
    out, source = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("src") / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "instance", "__pycache__", "tests", "benchmarks", "rasa"),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--disable-pip-version-check",
            "-w",
            str(out),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    return next(out.glob("sms_optout-*.whl"))


def test_the_wheel_carries_templates_model_and_data_but_no_tests(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "app.py",
        "intents/model.json",
        "intents/data/opt_out.yml",
        "intents/testdata/test.tsv",
        "intents/data/lexicon/words-en.txt.gz",
        "web/templates/ops/dashboard.html",
        "web/templates/unsubscribe.html",
        "service/optout.py",
        "domain/records.py",
    ):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/"))]


def test_the_console_script_works_outside_the_repository(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "FLASK_INSTANCE_PATH": str(tmp_path / "instance"), "BRAND_NAME": "Packaged Co"}
    env.pop("FLASK_APP", None)
    run = subprocess.run(
        [str(site / "bin" / "sms-optout"), "terms", "--format", "html"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "<html" in run.stdout and "Packaged Co" in run.stdout  # a template read from the install
    listed = subprocess.run(
        [str(site / "bin" / "sms-optout"), "--help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    for command in ("run", "subscriber", "migrate-store", "log", "send"):
        assert re.search(rf"^\s+{command}\b", listed.stdout, re.M), command


def third_party_imports(folder: str) -> set[str]:
    """Distributions imported by our runtime code (module names, lowercased)."""
    ours = {p.parent.name for p in ROOT.glob("*/__init__.py")} | {"app"}
    found = set()
    for path in [ROOT / "app.py", *ROOT.glob(f"{folder}/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            )
            found |= {n.split(".")[0].lower() for n in names}
    return found - set(sys.stdlib_module_names) - ours - {"__future__"}


MODULE_OF = {
    "phonenumberslite": "phonenumbers",
    "pyyaml": "yaml",
    "rasa-sdk": "rasa_sdk",
    "google-re2": "re2",
    "prometheus-client": "prometheus_client",
    "python-json-logger": "pythonjsonlogger",
    **{f"opentelemetry-{part}": "opentelemetry" for part in ("sdk", "exporter-otlp-proto-http")},
    **{f"opentelemetry-instrumentation-{part}": "opentelemetry" for part in ("flask", "redis", "requests")},
}
DEV_ONLY = {"wordfreq"}  # `python -m intents wordlists` only, imported inside that command
LAZY_EXTRAS = {"web": {"opentelemetry"}}  # the otel extra: imported inside web/tracing.py's functions only


def declared(requirements: list[str]) -> set[str]:
    names = {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}
    return {MODULE_OF.get(n, n) for n in names}


@pytest.mark.parametrize("folder", ["domain", "intents", "handlers", "store", "service", "web", "ops", "outbound"])
def test_every_runtime_import_is_a_declared_dependency(folder):
    missing = third_party_imports(folder) - declared(PROJECT["dependencies"]) - DEV_ONLY - LAZY_EXTRAS.get(folder, set())
    assert not missing, f"{folder} imports undeclared {missing}"


def test_the_app_imports_without_the_otel_extra():
    """Tracing is optional: no module imports OpenTelemetry at its top level."""
    for path in [ROOT / "app.py", *ROOT.glob("[a-z]*/**/*.py")]:
        if path.parts[len(ROOT.parts)] in {"tests", "benchmarks", "assistant", ".venv", ".venv-rasa"}:
            continue
        top = [n for n in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(n, (ast.Import, ast.ImportFrom))]
        names = [a.name for n in top if isinstance(n, ast.Import) for a in n.names] + [
            n.module or "" for n in top if isinstance(n, ast.ImportFrom)
        ]
        assert not [n for n in names if n.split(".")[0] == "opentelemetry"], path


def test_the_otel_extra_is_what_web_tracing_imports():
    extra = declared(PROJECT["optional-dependencies"]["otel"])
    assert "opentelemetry" in extra and LAZY_EXTRAS["web"] <= extra


def test_the_assistant_needs_only_the_rasa_extra():
    extra = declared(PROJECT["dependencies"] + PROJECT["optional-dependencies"]["rasa"])
    assert third_party_imports("assistant") <= extra


def pins(name: str) -> set[str]:
    """The distributions a requirements file pins (lowercased, '_' as '-')."""
    lines = (ROOT / name).read_text().splitlines()
    return {line.split("==")[0].lower().replace("_", "-") for line in lines if "==" in line}


def wanted(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_the_runtime_pins_are_what_the_service_needs_and_nothing_of_dev():
    runtime = pins("requirements.txt")
    assert wanted(PROJECT["dependencies"]) <= runtime, wanted(PROJECT["dependencies"]) - runtime
    tools = {"pytest", "mypy", "ruff", "playwright", "schemathesis", "hypothesis", "rasa-sdk", "sanic"}
    assert not runtime & tools, runtime & tools


@pytest.mark.parametrize(
    "extra, file", [("rasa", "requirements-rasa.txt"), ("otel", "requirements-otel.txt"), ("dev", "requirements-dev.txt")]
)
def test_every_extra_is_pinned_in_its_own_file(extra, file):
    pinned = pins(file) | pins("requirements.txt") | pins("requirements-rasa.txt") | pins("requirements-otel.txt")
    missing = wanted(PROJECT["optional-dependencies"][extra]) - pinned
    assert not missing, missing
    assert not pins(file) & pins("requirements.txt"), "pinned twice"
