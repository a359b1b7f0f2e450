"""The environment switches that docs/deploy.md promises, read by a fresh settings import."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "media": settings.STORAGES["default"]["BACKEND"],
    "media_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "databases": sorted(settings.DATABASES),
    "routers": settings.DATABASE_ROUTERS,
    "replica_middleware": "newsroom.routers.ReplicaForReadersMiddleware" in settings.MIDDLEWARE,
    "settle": getattr(settings, "PAGECACHE_SETTLE_SECONDS", 0),
    "cache": settings.CACHES["default"]["BACKEND"],
}))
"""


def production_settings(**env):
    base = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "DATABASE_", "REDIS_"))}
    base.update(DJANGO_SETTINGS_MODULE="newsroom.settings", DJANGO_SECRET_KEY="probe-only", **env)
    completed = subprocess.run([sys.executable, "-c", PROBE], env=base, cwd=settings.BASE_DIR,
                               capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_one_server_keeps_media_on_disk_and_reads_one_database():
    probed = production_settings()
    assert probed["media"] == "django.core.files.storage.FileSystemStorage"
    assert probed["databases"] == ["default"] and probed["routers"] == []
    assert not probed["replica_middleware"]


def test_a_bucket_name_puts_media_in_object_storage():
    probed = production_settings(AWS_STORAGE_BUCKET_NAME="newsroom-media", AWS_S3_ENDPOINT_URL="https://s3.example.org")
    assert probed["media"] == "storages.backends.s3.S3Storage"
    assert probed["media_options"]["bucket_name"] == "newsroom-media"
    assert probed["media_options"]["endpoint_url"] == "https://s3.example.org"
    assert probed["media_options"]["querystring_auth"] is False


def test_a_replica_url_adds_the_replica_its_router_and_a_settle_time_for_the_page_cache():
    probed = production_settings(DATABASE_REPLICA_URL="postgres://reader@replica.internal/newsroom")
    assert probed["databases"] == ["default", "replica"]
    assert probed["routers"] == ["newsroom.routers.PrimaryReplicaRouter"]
    assert probed["replica_middleware"]
    assert probed["settle"] == 5


def test_redis_url_makes_redis_the_shared_cache():
    assert production_settings(REDIS_URL="redis://cache.internal:6379/0")["cache"].endswith("RedisCache")
