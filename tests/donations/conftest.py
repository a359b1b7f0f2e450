import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request to /ps/ leaves Pashto active in this thread; start every test in English."""
    translation.activate("en")
    yield
    translation.activate("en")
