"""A browser-less HTTP client for black-box tests against the production server.

It speaks to gunicorn over plain HTTP on loopback as a TLS proxy would in front of it
(``X-Forwarded-Proto: https``, which the server trusts with ``DJANGO_SECURE_PROXY_SSL_HEADER``),
so the production settings stay as they are: HTTPS redirect, ``Secure`` cookies, CSRF's origin
check. It keeps cookies itself (a cookie jar would not send ``Secure`` cookies over http) and
reads forms the way a browser would submit them.
"""

import http.client
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode


class Response:
    def __init__(self, path: str, status: int, headers: dict[str, str], body: str):
        self.path, self.status, self.headers, self.body = path, status, headers, body

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Visitor:
    """One person's browser: its cookies, and the forms of the last page."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, data: dict | list | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https", "User-Agent": "blackbox-test"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin,
                            "Referer": self.origin + path})
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            for value in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or not morsel.value and morsel["expires"]:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            headers_out = {name.lower(): value for name, value in raw.getheaders()}
            return Response(path, raw.status, headers_out, raw.read().decode("utf-8", "replace"))
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data) -> Response:
        return self.request("POST", path, data)

    def follow(self, response: Response, limit: int = 5) -> Response:
        while response.status in (301, 302, 303) and limit:
            location = response.location.removeprefix(self.origin)
            response, limit = self.get(location), limit - 1
        return response


class _FormReader(HTMLParser):
    """The fields a browser would submit from the form with the given id (or the first form)."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.done = form_id, False, False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []
        self._first_option: tuple[str, str] | None = None
        self._selected = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (self.form_id is None or attrs.get("id") == self.form_id):
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._first_option, self._selected = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = (self._select, value)
            if "selected" in attrs:
                self.fields.append((self._select, value))
                self._selected = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._selected and self._first_option is not None:
                self.fields.append(self._first_option)
            self._select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html: str, form_id: str | None = None) -> dict[str, str]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return dict(reader.fields)
