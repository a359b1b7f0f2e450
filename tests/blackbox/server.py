"""The production server as an attacker meets it: gunicorn with ``gunicorn.conf.py`` and
``newsroom.settings`` (debug off), on loopback over plain HTTP, against its own SQLite file.

Requests go over real sockets with ``urllib`` (no test client, no cookies unless a test keeps
them), so what a test sees is what the internet would see.
"""

import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(cookies: http.cookiejar.CookieJar | None = None):
    handlers = [NoRedirect()]
    if cookies is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(cookies))
    return urllib.request.build_opener(*handlers)


def fetch(url: str, *, data: dict | None = None, headers: dict | None = None, client=None):
    """(status, headers, body) of one request; HTTP errors are answers, not exceptions."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with (client or opener()).open(request, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def shell(env, code: str) -> str:
    return manage(env, "shell", "-c", code)


def production_env(tmp_path, database_url: str | None = None, **extra) -> dict:
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PAGECACHE_", "CACHE_", "PYTEST"))
    }
    env.update({
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "black-box-test-secret-key-" + "x" * 30,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'newsroom.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    })
    env.update(extra)
    return env


def prepare(env) -> None:
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


@contextmanager
def gunicorn(env, *, workers: int = 2, ready_path: str = "/healthz", app: str | None = None):
    """gunicorn with the production configuration (serving ``app`` instead of the site's
    WSGI application when given); yields its base URL."""
    port = free_port()
    binary = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    log = open(Path(env["DJANGO_STATIC_ROOT"]).parent / f"gunicorn-{port}.log", "w")
    process = subprocess.Popen(
        [binary, "-c", "gunicorn.conf.py", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", *([app] if app else [])],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if fetch(base + ready_path)[0] in (200, 503):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("gunicorn did not start: " + Path(log.name).read_text()[-3000:])
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
