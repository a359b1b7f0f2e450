"""One page cache for anonymous readers, in front of everything else.

Knows no content app: each app says in its ``AppConfig.ready()`` which of its models
readers see (``pagecache.watch``) and when its next scheduled change happens
(``pagecache.watch_schedule``).
"""
