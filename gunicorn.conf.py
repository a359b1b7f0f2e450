"""Gunicorn for `make serve`, the benchmark and production; every value can come from the environment.

Sync workers: each request is CPU work in Python (templates, ORM), so one
request per process at a time is the fastest use of the cores, and a load
balancer or proxy in front buffers slow clients. Persistent database
connections come from DATABASE_CONN_MAX_AGE (settings), one per worker.
"""

import gc
import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
backlog = 2048
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then so a slow leak never becomes an outage, but rarely: a new
# worker starts cold (templates, URL patterns, connections), which shows in the p99.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "500000"))
max_requests_jitter = max_requests // 10
# Load Django once in the master: workers start fast and share memory.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The load balancer's address(es), so X-Forwarded-* from it are believed.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "newsroom"


def when_ready(server):
    # With preload_app the master imported Django: make sure no database
    # connection opened during start-up is inherited by the workers.
    from django.db import connections

    connections.close_all()
    # Everything loaded so far lives as long as the process: keep it out of the workers'
    # garbage collections (a full one visits every object it tracks) and let the workers
    # share those pages with the master instead of copying them when the collector
    # touches them.
    gc.freeze()
