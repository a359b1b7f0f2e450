import re

# XML 1.0 cannot carry these at all; one stray byte from an import must not
# break a whole feed or sitemap (Django's feed writer refuses them).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text) -> str:
    return _XML_FORBIDDEN.sub("", str(text or ""))
