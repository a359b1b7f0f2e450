"""Run wrk against a set of paths and read its report."""

import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

WRK = "/usr/bin/wrk"

# wrk picks a path at random for every request, so a page kind ("article")
# is measured over many pages, not one that sits hot in every cache. A path written
# "POST /reads/12" is posted (a read beacon), as navigator.sendBeacon does.
_SCRIPT = """
local paths = {%s}
math.randomseed(%d)
local threads, sent = 0, 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
request = function()
  local path = paths[math.random(#paths)]
  if string.sub(path, 1, 5) == "POST " then
    -- A phone's browser, a new reader each time: the run's start, the thread and a count make the
    -- agent unique (wrk's own requests name no agent: a bot, not counted).
    sent = sent + 1
    local agent = string.format("Mozilla/5.0 (Linux; Android 13) Chrome/131.0 Mobile reader-%%d-%%d-%%d",
                                os.time(), thread_number, sent)
    return wrk.format("POST", string.sub(path, 6), {["User-Agent"] = agent})
  end
  return wrk.format(nil, path)
end
"""
POST = "POST "

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass
class Result:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int

    def as_dict(self):
        return asdict(self)


def run(base_url: str, paths: list[str], *, seconds: int, connections: int, threads: int = 2, seed: int = 1) -> Result:
    lua = ", ".join(lua_string(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_SCRIPT % (lua, seed))
    try:
        completed = subprocess.run(
            [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
             "-s", script.name, base_url],
            capture_output=True, text=True, timeout=seconds + 30, check=True,
        )
    finally:
        Path(script.name).unlink()
    return parse(completed.stdout)


def parse(report: str) -> Result:
    """Requests/s, median and 99th percentile latency, and every kind of error wrk counts."""
    def number(pattern):
        match = re.search(pattern, report)
        if not match:
            raise ValueError(f"wrk report without {pattern!r}:\n{report}")
        return match

    p50 = number(r"\n\s+50%\s+([\d.]+)(us|ms|s|m)\b")
    p99 = number(r"\n\s+99%\s+([\d.]+)(us|ms|s|m)\b")
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return Result(
        requests=int(number(r"(\d+) requests in").group(1)),
        requests_per_second=float(number(r"Requests/sec:\s+([\d.]+)").group(1)),
        p50_ms=round(float(p50.group(1)) * _UNITS[p50.group(2)], 2),
        p99_ms=round(float(p99.group(1)) * _UNITS[p99.group(2)], 2),
        errors=errors,
    )


def lua_string(text: str) -> str:
    """A path as a Lua string literal, for the scripts given to wrk."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
