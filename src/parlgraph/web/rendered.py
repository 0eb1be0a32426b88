"""Resource pages kept rendered: the store does not change while it is served, so a page (HTML,
Turtle, JSON-LD…) is rendered once and answered from memory until newer pages push it out."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str


Key = tuple[str, str, str]  # host URL (JSON-LD names its context by absolute URL), path, type


class Rendered:
    """The ``size`` pages asked for last, by key; safe to share between request threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[Key, Page] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Key, page: Page) -> Page:
        if self.size <= 0:
            return page
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return page

    def __len__(self) -> int:
        return len(self._pages)
