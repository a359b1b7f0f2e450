from pathlib import Path

import pytest
from django.conf import settings

SAMPLES = Path(__file__).parent / "samples"
SEED = Path(settings.BASE_DIR) / "seeds" / "000_eda39bf8056b1bf4.txt"


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()
