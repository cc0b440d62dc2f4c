"""The layers of ARCHITECTURE.md, checked on the code: every import arrow points down."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# each layer and what it may import; adapters at the edge never import one another
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "intents": {"domain"},
    "handlers": {"domain", "intents"},
    "store": {"domain"},
    "service": {"domain", "intents", "handlers", "store"},
    "web": {"domain", "intents", "handlers", "store", "service"},
    "ops": {"domain", "intents", "handlers", "store", "service"},
    "outbound": {"domain", "intents", "handlers", "store", "service"},
    "assistant": {"domain", "intents", "handlers", "store", "service", "app"},  # its own process:
    "app": set(),  # the factory: anything                                     # it calls the factory
}


def imports_of(layer: str) -> dict[str, set[str]]:
    """Our top-level packages each file of `layer` imports (absolute imports, at any depth)."""
    files = [ROOT / "app.py"] if layer == "app" else sorted((ROOT / layer).rglob("*.py"))
    found: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            )
            for name in names:
                top = name.split(".")[0]
                if top in ALLOWED and top != layer:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("layer", [name for name in ALLOWED if name != "app"])
def test_a_layer_imports_only_the_layers_below_it(layer):
    wrong = {top: files for top, files in imports_of(layer).items() if top not in ALLOWED[layer]}
    assert not wrong, f"{layer} must not import {wrong}"


def test_every_package_of_ours_is_in_a_layer():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks"}
    loose = {p.stem for p in ROOT.glob("*.py")} - {"gunicorn.conf"}  # gunicorn's settings file, not a module
    assert packages | loose == set(ALLOWED), "a new top-level package or module needs its layer here"


def test_the_checker_sees_a_wrong_arrow(tmp_path, monkeypatch):
    """The walk finds an upward import (so a passing test above means something)."""
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "bad.py").write_text("from web.errors import BadInbound\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert imports_of("store") == {"web": {"store/bad.py"}}


def client_uses(root: Path = ROOT) -> dict[str, list[str]]:
    """Outside store/: each file that imports redis-py or reads a `.client` attribute (the store's
    Redis client), with what it does (the store owns every key and every call to Redis)."""
    found: dict[str, list[str]] = {}
    files = [root / "app.py"] if (root / "app.py").exists() else []
    files += [p for layer in ALLOWED if layer not in ("app", "store") for p in sorted((root / layer).rglob("*.py"))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            )
            what = [f"imports {n}" for n in names if n.split(".")[0] == "redis"]
            if isinstance(node, ast.Attribute) and node.attr == "client":
                what.append(f"line {node.lineno}: .client")
            if what:
                found.setdefault(str(path.relative_to(root)), []).extend(what)
    return found


def test_only_the_store_talks_to_redis():
    assert client_uses() == {}, "use (or add) a repository in store/ instead"


def test_the_redis_checker_sees_a_client_and_an_import(tmp_path):
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "bad.py").write_text(
        "import redis.exceptions\n\ndef f(service):\n    return service.store.client.get('k')\n"
    )
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "worse.py").write_text("from redis import Redis\n")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "fine.py").write_text("import redis\n\nclient = redis.Redis()\nclient.client = 1\n")
    assert client_uses(tmp_path) == {
        "ops/bad.py": ["imports redis.exceptions", "line 4: .client"],
        "web/worse.py": ["imports redis"],
    }


def test_two_apps_in_one_process_keep_their_own_service(redis_url, prefix):
    """Commands and views are bound per app: the second app must not take over the first's."""
    from tests.conftest import SUBSCRIBER, make_app, post_sms

    first = make_app(redis_url, prefix)
    second = make_app(redis_url, prefix + "-other")
    try:
        assert post_sms(first.test_client(), "STOP").status_code == 200
        ran_first = first.test_cli_runner().invoke(args=["subscriber", SUBSCRIBER])
        ran_second = second.test_cli_runner().invoke(args=["subscriber", SUBSCRIBER])
        assert ran_first.exit_code == 0
        assert [r["state"] for r in json.loads(ran_first.output)] == ["awaiting_reason"]
        assert ran_second.exit_code == 3  # never seen under the other prefix
        assert post_sms(second.test_client(), "hello").status_code == 200
        assert first.service() is not second.service()
    finally:
        from tests.conftest import store_client

        client = store_client(redis_url)
        for key in list(client.scan_iter(f"{prefix}-other:*")):
            client.unlink(key)


def module_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Each of our modules -> the modules of ours it imports at load time (top-level statements;
    `from . import x` is the submodule x when there is one, else the package's facade)."""
    modules = {_module_name(p, root): p for layer in ALLOWED if layer != "app" for p in sorted((root / layer).rglob("*.py"))}
    if (root / "app.py").exists():
        modules["app"] = root / "app.py"
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {
            target for node in ast.parse(path.read_text(encoding="utf-8")).body for target in _targets(node, package, modules)
        } - {name}
    return graph


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.stmt, package: str, modules: dict[str, Path]) -> list[str]:
    """The modules of ours one top-level import statement loads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in modules]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    found = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
    facade = len(found) < len(node.names) and base in modules
    return found + ([base] if facade else [])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle: a module reaching itself again (one path each, shortest first)."""
    found: list[list[str]] = []
    for start in sorted(graph):
        paths, seen = [[start]], {start}
        while paths:
            path = paths.pop(0)
            for nxt in sorted(graph.get(path[-1], ())):
                if nxt == start and min(path) == start:
                    found.append([*path, start])
                elif nxt not in seen:
                    seen.add(nxt)
                    paths.append([*path, nxt])
    return found


def test_no_module_imports_itself_through_others():
    assert cycles(module_graph()) == []


def test_the_circle_finder_sees_a_circle(tmp_path):
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "__init__.py").write_text("from . import cli\n")
    (tmp_path / "ops" / "cli.py").write_text("from . import exports\nfrom ops import helper_name\n")
    (tmp_path / "ops" / "exports.py").write_text("x = 1\n")
    assert cycles(module_graph(tmp_path)) == [["ops", "ops.cli", "ops"]]


# `dict[str, Any]` in every layer: only where the other side of a boundary types it so. A log
# entry, a setting, an API body, a verdict, a frame table, an evaluation report has a type of its own.
ANY_DICTS = {
    "assistant/actions.py": 5,  # Rasa's tracker JSON and events, as rasa-sdk passes them
    "web/webhook.py": 2,  # PEP 3333's environ
    "ops/views.py": 1,  # url_for's **values (Flask types its own _external, …)
    "domain/records.py": 2,  # a Redis hash's fields as a record's keyword arguments
    "intents/rasa_nlu.py": 2,  # Rasa's /model/parse JSON reply, checked entry by entry in RasaNLU.mapped
    "intents/types.py": 1,  # Intent.to_dict: the JSON of `classify` and the journal, made from fields() so none is dropped
}


def any_dicts(root: Path = ROOT) -> dict[str, int]:
    """How often each file of ours (not tests, benchmarks) spells dict[str, Any]."""
    files = [root / name for name in ("app.py", "gunicorn.conf.py") if (root / name).exists()]
    files += [p for layer in ALLOWED if layer != "app" for p in sorted((root / layer).rglob("*.py"))]
    counts = {str(p.relative_to(root)): p.read_text(encoding="utf-8").count("dict[str, Any]") for p in files}
    return {name: n for name, n in counts.items() if n}


def test_dict_str_any_stays_only_at_the_boundaries_that_need_it():
    """A ratchet: one more fails (give the shape a type: a TypedDict, a dataclass); one fewer
    fails too until ANY_DICTS is lowered, so the one removed cannot come back unseen."""
    assert any_dicts() == ANY_DICTS
    assert sum(ANY_DICTS.values()) <= 20  # issue 29: at most 20, each at a JSON or third-party boundary


def test_the_any_counter_sees_one_in_any_layer(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "bad.py").write_text("def f(entry: dict[str, Any]) -> list[dict[str, Any]]: ...\n")
    (tmp_path / "intents" / "frames").mkdir(parents=True)
    (tmp_path / "intents" / "frames" / "table.py").write_text("EN: dict[str, Any] = {}\n")
    (tmp_path / "gunicorn.conf.py").write_text("def logging() -> dict[str, Any]: ...\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("x: dict[str, Any] = {}\n")  # tests are not counted
    assert any_dicts(tmp_path) == {"gunicorn.conf.py": 1, "intents/frames/table.py": 1, "store/bad.py": 2}
