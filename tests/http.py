"""A small HTTP client for tests against a real server: sends exactly the headers it is given
(urllib adds a form Content-Type to every POST) and never raises on 4xx/5xx."""

from __future__ import annotations

import http.client
import urllib.parse
from dataclasses import dataclass


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> Reply:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()
