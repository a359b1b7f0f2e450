"""``make bench``: load-test the production server against the framework's floor (see runner.py)."""
