"""Hammer the production server and count server errors: the reliability gate.

Why: a site under attention (a big story, a DDoS) must shed load as slow
responses, never as 5xx. This starts gunicorn with gunicorn.conf.py and the
production settings on loopback (``devtools.runner.Server``, as ``make bench``
does), sends a fixed number of requests over many concurrent connections with
wrk, across every kind of reader page (editions, articles, sections, tags,
search, feeds, the health check and a missing page), and counts responses by
status class. It exits non-zero on any 5xx or socket error.

    DATABASE_URL=... REDIS_URL=... python manage.py loadtest --settings=devtools.settings --requests 10000 --connections 64
"""

import multiprocessing
import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.encoding import iri_to_uri

from devtools import runner, wrk

# Each wrk thread stops after its share of the requests and reports what it saw.
COUNTING_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
math.randomseed(%(seed)d)

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  limit = tonumber(args[1])
  seen, s2, s3, s4, s5 = 0, 0, 0, 0, 0
end

request = function()
  return wrk.format(nil, paths[math.random(#paths)])
end

response = function(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else s2 = s2 + 1 end
  seen = seen + 1
  if seen == limit then
    -- Tell the command this thread is done: wrk itself would wait out its whole -d.
    local marker = io.open("%(markers)s/" .. id, "w")
    marker:close()
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    t[1] = t[1] + thread:get("s2"); t[2] = t[2] + thread:get("s3")
    t[3] = t[3] + thread:get("s4"); t[4] = t[4] + thread:get("s5")
  end
  io.write(string.format("STATUS 2xx=%%d 3xx=%%d 4xx=%%d 5xx=%%d\\n", t[1], t[2], t[3], t[4]))
  io.write(string.format("LATENCY p50=%%.1f p99=%%.1f max=%%.1f\\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


class Command(BaseCommand):
    help = "Send N requests over C connections to gunicorn on loopback; fail on any 5xx."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=10_000)
        parser.add_argument("--connections", type=int, default=64)
        parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2).")
        parser.add_argument(
            "--workers", type=int, default=multiprocessing.cpu_count() * 2 + 1,
            help="gunicorn workers (default: gunicorn.conf.py's, 2 x cores + 1).",
        )
        parser.add_argument("--port", type=int, default=8105)
        parser.add_argument("--seed", type=int, default=9)

    def handle(self, *args, requests, connections, threads, workers, port, seed, **options):
        if not Path(wrk.WRK).exists():
            raise CommandError(f"{wrk.WRK} is missing: apt-get install wrk")
        if requests % threads:
            raise CommandError("--requests must be a multiple of --threads (each wrk thread sends its share).")
        if not os.environ.get("DJANGO_STATIC_ROOT"):
            self.stderr.write("Tip: DJANGO_STATIC_ROOT=/tmp/... keeps this run's static files apart from other servers'.")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # production serves the manifest's names
        paths = self._paths()
        plan = runner.Plan(port=port, workers=workers, connections=connections, seconds=0, warmup_seconds=0)
        log = Path(tempfile.gettempdir()) / f"newsroom-loadtest-{port}.log"
        log.unlink(missing_ok=True)
        self.stdout.write(
            f"{requests} requests, {connections} connections, {workers} gunicorn workers, {len(paths)} distinct URLs"
        )
        with runner.Server(plan, page_cache=True, log=log) as server:
            report = self._run_wrk(server.base_url, paths, requests=requests, connections=connections,
                                   threads=threads, seed=seed)
        figures = self._figures(report)
        self.stdout.write(
            "sent {requests} in {seconds} s = {rps} req/s; 2xx {s2}, 3xx {s3}, 4xx {s4}, 5xx {s5}; "
            "socket errors {socket}; latency p50 {p50} ms, p99 {p99} ms, max {max} ms".format(**figures)
        )
        if figures["s5"] or figures["socket"]:
            raise CommandError(f"{figures['s5']} server errors and {figures['socket']} socket errors; see {log}")
        self.stdout.write(self.style.SUCCESS("No 5xx responses."))

    def _paths(self) -> list[str]:
        pages = runner.reader_paths(sample=300)
        extra = ["/healthz", "/robots.txt", "/sitemap.xml", "/en/no-such-page/", "/"]
        return [iri_to_uri(p) for kind in pages.values() for p in kind] + extra

    def _run_wrk(self, base_url, paths, *, requests, connections, threads, seed) -> str:
        lua_paths = ", ".join(wrk.lua_string(path) for path in paths)
        with tempfile.TemporaryDirectory() as work:
            markers = Path(work) / "done"
            markers.mkdir()
            script = Path(work) / "count.lua"
            script.write_text(COUNTING_SCRIPT % {"paths": lua_paths, "seed": seed, "markers": markers})
            process = subprocess.Popen(
                [wrk.WRK, f"-t{threads}", f"-c{connections}", "-d600s", "--timeout", "30s", "-s", str(script),
                 base_url, "--", str(requests // threads)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            while process.poll() is None and len(list(markers.iterdir())) < threads:
                time.sleep(0.05)
            if process.poll() is None:
                process.send_signal(signal.SIGINT)  # wrk stops and reports the real elapsed time
            stdout, stderr = process.communicate(timeout=60)
        if process.returncode:
            raise CommandError(f"wrk failed ({process.returncode}): {stderr}")
        return stdout

    @staticmethod
    def _figures(report: str) -> dict:
        def find(pattern, cast=int):
            match = re.search(pattern, report)
            if not match:
                raise CommandError(f"wrk report without {pattern!r}:\n{report}")
            return [cast(g) for g in match.groups()]

        s2, s3, s4, s5 = find(r"STATUS 2xx=(\d+) 3xx=(\d+) 4xx=(\d+) 5xx=(\d+)")
        p50, p99, slowest = find(r"LATENCY p50=([\d.]+) p99=([\d.]+) max=([\d.]+)", float)
        sent, duration, unit = find(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", str)
        sent, seconds = int(sent), float(duration) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]
        socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
        return {
            "requests": sent, "seconds": round(seconds, 1), "rps": round(sent / seconds) if seconds else 0,
            "s2": s2, "s3": s3, "s4": s4, "s5": s5,
            "socket": sum(int(n) for n in socket.groups()) if socket else 0,
            "p50": p50, "p99": p99, "max": slowest,
        }
