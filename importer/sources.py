"""Which files an import reads: the paths given, folders walked in name order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def seed_files(paths: list[Path]) -> Iterator[Path]:
    """Files under ``paths`` in a stable order; hidden files and folders are left out.

    Yields as it walks, so nothing but the current folder's names is held in memory.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    with os.scandir(folder) as entries:
        visible = sorted((entry for entry in entries if not entry.name.startswith(".")), key=lambda e: e.name)
    for entry in visible:
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif entry.is_file() or entry.is_symlink():
            # A broken link is yielded too, so the import reports it instead of skipping it silently.
            yield Path(entry.path)


def count_files(paths: list[Path]) -> int:
    return sum(1 for _ in seed_files(paths))
