"""Several gunicorn workers, and a change made by another process: every worker serves the
change at once. With no REDIS_URL the workers share Django's file-based cache; with it, Redis.

The server runs the production settings against its own SQLite file, as a newcomer's
first deployment on one machine would.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
REQUESTS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def manage(env, *args) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


STORY = """
from django.utils import timezone
from articles.models import Article, Section
section = Section.objects.create(name="News", slug="news")
article = Article.objects.create(title="A story", section=section, status="published", published_at=timezone.now())
print(article.get_absolute_url())
"""

UNPUBLISH = """
from articles.models import Article
article = Article.objects.get()
article.unpublish()
article.save()
"""


@pytest.fixture(params=["file cache", "redis"])
def server(request, tmp_path):
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PAGECACHE_", "CACHE_"))
    }
    env.update({
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "workers-agree-test-secret-key",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'newsroom.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
    })
    if request.param == "redis":
        if not os.environ.get("REDIS_URL"):
            pytest.skip("REDIS_URL is not set")
        env["REDIS_URL"] = os.environ["REDIS_URL"]
        env["CACHE_KEY_PREFIX"] = f"workers-agree-{os.getpid()}"
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    path = manage(env, "shell", "-c", STORY).strip().splitlines()[-1]
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(
        [gunicorn, "-c", "gunicorn.conf.py", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}{path}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if status(url) == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            os.killpg(process.pid, signal.SIGTERM)
            pytest.fail("gunicorn did not start")
        time.sleep(0.2)
    yield env, url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def test_a_story_unpublished_from_another_process_is_gone_from_every_worker_within_a_second(server):
    env, url = server
    # Enough requests that every worker has served, and stored, the page.
    assert {status(url) for _ in range(REQUESTS)} == {200}

    manage(env, "shell", "-c", UNPUBLISH)
    time.sleep(1)

    assert [status(url) for _ in range(REQUESTS)] == [404] * REQUESTS
