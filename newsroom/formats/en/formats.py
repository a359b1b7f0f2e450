# The admin's one date style for the pages of Django and its packages that print a time with
# the default format (recover lists, compare headings): "03 Dec 2026 16:01 Oslo", as
# articles.times.oslo_and_kabul begins. Reader pages format their dates themselves (editions).
DATETIME_FORMAT = r"d M Y H:i \O\s\l\o"
