"""Development-only tools: the benchmark and its floor, the load test, demo and sample generators.

Not a product app: production settings, middleware and URLs know nothing of it. Its
commands run with the development settings, which add it to INSTALLED_APPS:

    python manage.py bench --settings=devtools.settings
"""
