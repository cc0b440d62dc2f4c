"""The throughput benchmark's load from wrk (C, epoll): one thread of keep-alive connections
cycling through pre-signed requests, so the client costs a fraction of a core and the ratios
are the servers', not the client's (a Python client saturates a core of a 2-core machine).

wrk cannot sign a request (no HMAC in its Lua), so every request is signed beforehand and
written to a file its script reads; past the end it starts again (those are retries, answered
from the first delivery: `requests` should cover the run).
"""

from __future__ import annotations

import re
import resource
import subprocess
import tempfile
from pathlib import Path

SCRIPT = r"""
local bodies, signatures, count, counter = {}, {}, 0, 0
setup = function(thread) counter = counter + 1; thread:set("id", counter) end
init = function(args)
  for line in io.lines(args[1]) do
    local signature, body = line:match("^(%S+) (.*)$")
    count = count + 1; bodies[count] = body; signatures[count] = signature
  end
  position = id
end
request = function()
  position = position % count + 1
  return wrk.format("POST", "/sms", {["Content-Type"] = "application/x-www-form-urlencoded",
                                     ["X-Twilio-Signature"] = signatures[position]}, bodies[position])
end
"""


def run(port: int, requests: list[tuple[bytes, str]], connections: int, seconds: float) -> dict[str, float]:
    """Drive http://127.0.0.1:port/sms for `seconds`; req/s, p50/p99 ms, failures, client CPU s."""
    with tempfile.TemporaryDirectory() as folder:
        data, script = Path(folder) / "requests.txt", Path(folder) / "sms.lua"
        data.write_text("".join(f"{sig} {body.decode()}\n" for body, sig in requests))
        script.write_text(SCRIPT)
        before = _children_cpu()
        done = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}",
                "--",
                str(data),
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
        client_cpu = _children_cpu() - before
    return {**parse(done.stdout), "client_cpu": client_cpu}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse(output: str) -> dict[str, float]:
    """wrk's summary: requests, req/s, p50 and p99 (ms), non-2xx answers and socket errors."""

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    total = int(re.search(r"^\s+(\d+) requests in", output, re.M).group(1))  # type: ignore[union-attr]
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": total,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50": latency("50%"),
        "p99": latency("99%"),
        "failures": int(failures.group(1)) if failures else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }
