"""When Redis is down, inbound messages go to a local file so that no opt-out is lost."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Callable, Iterator

from service import Inbound

SPOOL_FILE = "spool.jsonl"


def spool_message(instance_path: str, message: Inbound, error: str) -> str:
    """Append the message to instance/spool.jsonl (fsync'd) and return the path."""
    os.makedirs(instance_path, exist_ok=True)
    path = os.path.join(instance_path, SPOOL_FILE)
    with open(path, "a", encoding="utf-8") as spool:
        spool.write(json.dumps({**asdict(message), "error": error}, ensure_ascii=False) + "\n")
        spool.flush()
        os.fsync(spool.fileno())
    return path


def read_spool(instance_path: str) -> Iterator[Inbound]:
    """The spooled messages, oldest first."""
    path = os.path.join(instance_path, SPOOL_FILE)
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as spool:
        for line in spool:
            data = json.loads(line)
            data.pop("error", None)
            yield Inbound(**data)


def replay_spool(instance_path: str, handle: Callable[[Inbound], object]) -> int:
    """Process every spooled message (idempotent by MessageSid), then empty the spool."""
    count = 0
    for message in read_spool(instance_path):
        handle(message)
        count += 1
    if count:
        os.replace(os.path.join(instance_path, SPOOL_FILE),
                   os.path.join(instance_path, SPOOL_FILE + ".replayed"))
    return count
