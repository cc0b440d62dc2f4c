"""Train the example assistant (rasa/) with real Rasa, once per content: a model is cached
under the hash of everything that shapes it, so a rerun with unchanged data starts at once.

Runs in the project's venv and calls Rasa's own command (Rasa 3.6 needs Python 3.10):
  python -m assistant.training nlu               # rasa/data/nlu/ from intents/data/
  python -m assistant.training model RASA_BIN    # path of the cached model, trained if new
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA_DIR = ROOT / "rasa"
NLU_SOURCE = ROOT / "intents" / "data"
RASA_VERSION = "3.6.21"


def export_nlu(source: Path = NLU_SOURCE, rasa_dir: Path = RASA_DIR) -> list[Path]:
    """Replace rasa/data/nlu/ with the intent layer's training files (already Rasa 3.1 YAML)."""
    target = rasa_dir / "data" / "nlu"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    return [Path(shutil.copy2(path, target)) for path in sorted(source.glob("*.yml"))]


def content_hash(rasa_dir: Path = RASA_DIR) -> str:
    """What a trained model depends on: config, domain, every data file, Rasa's version."""
    digest = hashlib.sha256(RASA_VERSION.encode())
    files = [rasa_dir / "config.yml", rasa_dir / "domain.yml", *sorted((rasa_dir / "data").rglob("*.yml"))]
    for path in files:
        digest.update(str(path.relative_to(rasa_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """Models outlive a clone (CI checks out afresh): RASA_MODEL_CACHE or ~/.cache."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sms-optout" / "rasa-models"
    return Path(os.environ.get("RASA_MODEL_CACHE") or default)


def cached_model(rasa_bin: str, rasa_dir: Path = RASA_DIR) -> Path:
    """The model for the current content, trained by `rasa train` only when none is cached."""
    name = content_hash(rasa_dir)
    model = cache_dir() / f"{name}.tar.gz"
    if not model.exists():
        found = shutil.which(rasa_bin)
        if found is None:
            raise RuntimeError(f"no Rasa command at {rasa_bin!r} (make rasa-install builds one)")
        command = [
            os.path.abspath(found),
            "train",
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            "data",
            "--out",
            str(cache_dir()),
            "--fixed-model-name",
            name,
        ]
        subprocess.run(command, cwd=rasa_dir, check=True, env=rasa_environment())
    if not model.exists():
        raise RuntimeError(f"rasa train finished without writing {model}")
    return model


def rasa_environment() -> dict[str, str]:
    """Rasa quiet and offline: no telemetry calls, no TensorFlow chatter."""
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_ENABLE_ONEDNN_OPTS": "0",
    }


def main(argv: list[str]) -> int:
    """Command line for the Makefile; one-line errors."""
    if argv[:1] == ["nlu"]:
        print(f"{len(export_nlu())} NLU files -> {RASA_DIR / 'data' / 'nlu'}")
        return 0
    if argv[:1] == ["model"] and len(argv) == 2:
        try:
            print(cached_model(argv[1]))
        except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
            print(f"error: training failed: {error}", file=sys.stderr)
            return 1
        return 0
    print("usage: python -m assistant.training nlu | model RASA_BIN", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
