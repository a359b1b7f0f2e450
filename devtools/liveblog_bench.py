"""Simulated live-blog readers: each asks the polling endpoint every ``interval`` seconds, as
liveblog/static/liveblog/live.js does, and notes when it first sees each entry.

Plain asyncio and HTTP/1.1 over a socket per request (gunicorn's sync workers close each
connection anyway), so thousands of readers cost one thread and no extra package.
"""

import asyncio
import json
import random
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What the readers saw."""

    seen_at: dict[int, list[float]] = field(default_factory=dict)  # entry id: when each reader first saw it
    statuses: Counter = field(default_factory=Counter)
    cache: Counter = field(default_factory=Counter)  # X-Page-Cache: hit / miss / none
    misses_per_minute: Counter = field(default_factory=Counter)
    requests_per_minute: Counter = field(default_factory=Counter)
    errors: int = 0
    catch_ups: int = 0  # polls that had to ask ``?since=`` as well (the answer left out changes)
    latencies_ms: list[float] = field(default_factory=list)


async def get(host: str, port: int, path: str, timeout: float = 30.0) -> tuple[int, dict, bytes]:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _unchunk(body)
    return status, headers, body


def _unchunk(body: bytes) -> bytes:
    out, rest = b"", body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2:]
    return out


async def reader(number: int, *, host, port, path, since: int, interval: float, start: float, until: float, tally: Tally):
    """One open page, as liveblog/static/liveblog/live.js polls: the shared address for the latest
    changes, and ``?since=`` only when the answer says it left out changes this page has not seen."""
    rng = random.Random(number)
    changed = 0
    # Readers opened the page at different moments: their polls are spread over the interval.
    await asyncio.sleep(rng.uniform(0, interval))
    while time.monotonic() < until:
        began = time.monotonic()
        try:
            data = await ask(path, host=host, port=port, start=start, began=began, tally=tally)
            if data is not None and data["from"] is not None and data["from"] > changed and changed:
                tally.catch_ups += 1
                await ask(f"{path}?since={since}", host=host, port=port, start=start, began=time.monotonic(), tally=tally)
        except (TimeoutError, OSError, ValueError, IndexError):
            tally.errors += 1
        else:
            if data is not None:
                for entry in data["entries"]:
                    if entry["id"] > since:
                        tally.seen_at.setdefault(entry["id"], []).append(time.time())
                    changed = max(changed, entry["changed"])
                since = max(since, data["latest"])
        await asyncio.sleep(max(0.0, interval - (time.monotonic() - began)))


async def ask(url: str, *, host, port, start: float, began: float, tally: Tally) -> dict | None:
    status, headers, body = await get(host, port, url)
    now = time.monotonic()
    minute = int((now - start) // 60)
    tally.latencies_ms.append((now - began) * 1000)
    tally.statuses[status] += 1
    tally.requests_per_minute[minute] += 1
    state = headers.get("x-page-cache", "none")
    tally.cache[state] += 1
    if state != "hit":
        tally.misses_per_minute[minute] += 1
    return json.loads(body) if status == 200 else None


def run_readers(*, count, host, port, path, since, interval, seconds, tally) -> None:
    async def main():
        start = time.monotonic()
        until = start + seconds
        await asyncio.gather(*(
            reader(n, host=host, port=port, path=path, since=since, interval=interval, start=start, until=until, tally=tally)
            for n in range(count)
        ))

    asyncio.run(main())


def delays(saved_at: dict[int, float], tally: Tally) -> list[float]:
    """Seconds from each entry's save to each reader's first sight of it."""
    return [seen - saved_at[entry_id] for entry_id, times in tally.seen_at.items() if entry_id in saved_at for seen in times]


def median(values) -> float:
    return statistics.median(values) if values else float("nan")
