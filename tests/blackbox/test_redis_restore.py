"""Issue 18, item 2, from outside: a story pulled while Redis was down stays pulled when Redis
comes back from an older snapshot, on the first request, from every worker.

A Redis of the test's own (``redis-server`` on a free port, its files in tmp_path) so the test can
really stop it and restart it from a snapshot file, as an operator restoring a backup would.
"""

import shutil
import subprocess
import time

import pytest

from tests.blackbox.server import fetch, free_port, gunicorn, prepare, production_env, shell

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")

WORKERS = 3
REQUESTS = 30
CHECK_SECONDS = 0.25  # PAGECACHE_VERSION_CHECK_SECONDS, the production default

STORY = """
from django.utils import timezone
from articles.models import Article, Section
section = Section.objects.create(name="News", slug="news")
article = Article.objects.create(title="A story that will be pulled", section=section, status="published",
                                 published_at=timezone.now())
print(article.get_absolute_url())
"""

UNPUBLISH = """
from articles.models import Article
article = Article.objects.get()
article.unpublish()
article.save()
"""


class PrivateRedis:
    def __init__(self, folder):
        self.folder, self.port, self.process = folder, free_port(), None

    def start(self, dbfilename="dump.rdb"):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--dbfilename", dbfilename, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if self.cli("PING").strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def cli(self, *command) -> str:
        return subprocess.run(["redis-cli", "-p", str(self.port), *command], capture_output=True, text=True).stdout

    def snapshot(self, name):
        assert self.cli("SAVE").strip() == "OK"
        shutil.copy(self.folder / "dump.rdb", self.folder / name)

    def stop(self):
        self.process.terminate()  # SIGTERM with --save "": no new dump is written
        self.process.wait(timeout=10)


@pytest.fixture
def redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def test_a_story_pulled_while_redis_was_down_is_404_on_the_first_request_after_an_old_snapshot_returns(
    tmp_path, redis
):
    env = production_env(tmp_path, REDIS_URL=f"redis://127.0.0.1:{redis.port}/0")
    prepare(env)
    path = shell(env, STORY).strip().splitlines()[-1]
    with gunicorn(env, workers=WORKERS) as base:
        url = base + path
        # Every worker serves the page and stores it (with the content version) in Redis.
        assert {fetch(url)[0] for _ in range(REQUESTS)} == {200}
        assert fetch(url)[1]["X-Page-Cache"] == "hit"
        redis.snapshot("snapshot.rdb")

        redis.stop()
        shell(env, UNPUBLISH)  # the cache write of the new version fails: Redis is down
        pulled_at = time.monotonic()
        redis.start(dbfilename="snapshot.rdb")  # back, with the old version and the old pages
        assert "pagecache" in redis.cli("KEYS", "*")
        # The documented bound: a worker trusts the version it last read for this long.
        time.sleep(max(0.0, CHECK_SECONDS - (time.monotonic() - pulled_at)))

        statuses = [fetch(url)[0] for _ in range(REQUESTS)]

    assert statuses == [404] * REQUESTS
