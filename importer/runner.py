"""Run an import over many files: in this process, or in worker processes on PostgreSQL.

Both ways each file is still its own transaction through ``ArticleImporter``;
workers only let a 2-core machine use both cores (the work per file is
mostly Django and the database, not parsing). Outcomes come back in file
order and nothing but the current file is held in memory.

Workers need PostgreSQL: SQLite allows one writer at a time, and a worker
whose transaction read before another committed cannot upgrade to a write
(SQLITE_BUSY_SNAPSHOT), so parallel SQLite imports would fail, not speed up.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

from django.db import connection, connections

from articles.models import Section
from importer.services import ArticleImporter, Outcome, fast_commits, set_asynchronous_commit
from importer.sources import seed_files


class ParallelNotSupported(Exception):
    pass


def import_paths(paths: list[Path], *, section: Section | None, status: str, force: bool = False,
                 dry_run: bool = False, jobs: int = 1) -> Iterator[Outcome]:
    if jobs <= 1:
        importer = ArticleImporter(section=section, status=status, force=force, dry_run=dry_run)
        with fast_commits():
            for path in seed_files(paths):
                yield importer.import_file(path)
        return
    if connection.vendor != "postgresql":
        raise ParallelNotSupported(f"--jobs needs PostgreSQL; {connection.vendor} takes one writer at a time.")
    # Children must open their own connections, not share this process's socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    settings = (section.pk if section else None, status, force, dry_run)
    with context.Pool(jobs, initializer=_start_worker, initargs=settings) as pool:
        yield from pool.imap(_import_in_worker, seed_files(paths), chunksize=8)


_worker_importer: ArticleImporter | None = None


def _start_worker(section_pk, status, force, dry_run):
    global _worker_importer
    section = Section.objects.get(pk=section_pk) if section_pk else None
    _worker_importer = ArticleImporter(section=section, status=status, force=force, dry_run=dry_run)
    # For this worker's whole connection, as fast_commits() does for one run.
    set_asynchronous_commit()


def _import_in_worker(path: Path) -> Outcome:
    return _worker_importer.import_file(path)
