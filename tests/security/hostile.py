"""Hostile reader input (issue 18, item 3): what an attacker puts in paths and query strings.

Values are written as they travel on the wire (percent-encoded); the test client and a real
server decode them the same way.
"""

# In a path segment: NUL bytes (a PostgreSQL error in a text parameter), broken UTF-8, numbers
# past 64 bits (a database error as an id or a page), overlong slugs.
PATH_VALUES = [
    "%00",
    "tag%00x",
    "%FF",
    "%C3%28",
    "%E2%82",
    "%ED%A0%80",  # a lone surrogate, in UTF-8's clothes
    "9223372036854775808",  # 2**63
    "1" + "0" * 40,
    "x" * 3000,
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
]

# In ?page= and ?q=, and in the other parameters pages read.
QUERY_VALUES = [
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "1" + "0" * 40,
    "-1",
    "0",
    "1e10",
    "%00",
    "1%00",
    "%FF",
    "%C3%28",
    "x" * 5000,
]
QUERY_PARAMETERS = ["page", "q", "section", "language"]
