from tests.newsletters.conftest import run_worker  # noqa: F401  (the scheduled pending changes run in the worker)
