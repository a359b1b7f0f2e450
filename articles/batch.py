"""Many changes to an article as one change: what reacts to a change (search indexing) does
its work once, when the batch ends, instead of once per save and once per tag change.

The importer stores each document as a batch: a new article is saved, then tagged, and the
search document was written twice (signals), though only the second one counted.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

# Sent once at the end of a batch, with ``pks``: the articles changed in it.
batch_finished = Signal()

_changed: ContextVar[set | None] = ContextVar("articles_batch", default=None)


@contextmanager
def batch():
    """Inside, reactions note changed articles (``defer``); they run when the block ends
    without an error (a failed block's changes are rolled back with its transaction)."""
    changed: set = set()
    token = _changed.set(changed)
    try:
        yield
    finally:
        _changed.reset(token)
    if changed:
        batch_finished.send(sender=batch, pks=frozenset(changed))


def defer(pks: Iterable) -> bool:
    """Note ``pks`` as changed for the end of the batch; False when no batch is open (react now)."""
    changed = _changed.get()
    if changed is None:
        return False
    changed.update(pks)
    return True
