"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives: the newsletter tests and
`manage.py bench_newsletter` send to it. Development only."""

import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


def free_port(start: int = 2525) -> int:
    """A free port at or above ``start`` (the machine is shared: never assume one)."""
    for port in range(start, start + 2000):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for the SMTP server")


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list
    data: bytes

    def parsed(self):
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class Handler:
    """Answers every message with 250, except addresses listed in ``refuse`` (code, text);
    ``delay`` seconds per message stand for a slow provider."""

    messages: list = field(default_factory=list)
    refuse: dict = field(default_factory=dict)
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            code, text = self.refuse[address]
            return f"{code} {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)  # blocks the server's loop on purpose: a provider that is slow for all
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self, handler: Handler | None = None):
        self.handler = handler or Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.messages)
