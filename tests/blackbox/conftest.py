import os
from urllib.parse import urlparse, urlunparse

import psycopg
import pytest


@pytest.fixture(scope="module")
def server_database_url(tmp_path_factory):
    """The production server's database: PostgreSQL when the run uses it (a database of the
    run's own, ``test_<name>_blackbox`` and the worker's name under ``pytest -n``, dropped
    afterwards), else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'newsroom.sqlite3'}"
        return
    parsed = urlparse(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = f"test_{parsed.path.lstrip('/')}_blackbox" + (f"_{worker}" if worker else "")
    admin = urlunparse(parsed._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlunparse(parsed._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
