import pytest

from audience import counting


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Each test starts as a new worker would: no salt in memory, its roll-up due."""
    counting.forget()
    yield
    counting.forget()


def beacon(client, article, *, address="198.51.100.20", agent="Mozilla/5.0 (Android 14; Mobile) Firefox/133.0", method="post"):
    send = getattr(client, method)
    return send(f"/reads/{article.pk}", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
