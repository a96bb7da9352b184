"""Polite HTTP fetching for article URLs and feeds.

- a User-Agent that names Pantau (and where to read about it), so site owners can see who calls;
- robots.txt respected per host (fetched once, cached; a missing robots.txt allows, a 401/403 forbids,
  as urllib.robotparser does);
- a per-host rate limit: at least ``min_interval`` seconds between two requests to one host;
- timeouts on every request, and retries with exponential backoff (honouring ``Retry-After``) on
  connection errors, timeouts, 429 and 5xx; a 4xx other than 429 is final.

Every failure is a ``FetchError`` with a reason a person can act on; readers turn it into a
``ReadFailure``.  Tests run against a local ``http.server`` only.
"""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import __version__
from ..errors import InputError

USER_AGENT = f"Pantau/{__version__} (Indonesian news analysis; +https://github.com/pantau/pantau)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(InputError):
    """A URL that could not be fetched (after retries), or that robots.txt forbids."""


@dataclass(slots=True)
class Fetched:
    url: str  # final URL after redirects
    status: int
    content_type: str
    content: bytes


@dataclass
class Fetcher:
    timeout: float = 15.0
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 30.0
    min_interval: float = 1.0
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    max_bytes: int = 20_000_000
    _client: object = field(default=None, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: seconds slept so far (rate limit and backoff), for tests and the run summary
    slept: float = 0.0

    def client(self):  # type: ignore[no-untyped-def]
        if self._client is None:
            try:
                import httpx
            except ImportError as exc:  # pragma: no cover - httpx is in the corpus extra
                raise FetchError("fetching URLs needs httpx: pip install 'pantau[corpus]'") from exc
            self._client = httpx.Client(timeout=self.timeout, follow_redirects=True,
                                        headers={"User-Agent": self.user_agent})
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()  # type: ignore[attr-defined]
            self._client = None

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ------------------------------------------------------------------------------
    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.slept += seconds
            time.sleep(seconds)

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
            now = time.monotonic()
            wait = 0.0 if last is None else self.min_interval - (now - last)
            self._last[host] = now + max(0.0, wait)
        self._sleep(wait)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets Pantau's User-Agent fetch it."""
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            rp = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            try:
                resp = self._request(origin + "/robots.txt", check_robots=False)
            except FetchError:
                rp.allow_all = True  # unreachable robots.txt: treat as none (as browsers and crawlers do)
            else:
                if resp.status in (401, 403):
                    rp.disallow_all = True
                elif resp.status >= 400:
                    rp.allow_all = True
                else:
                    rp.parse(resp.content.decode("utf-8", "replace").splitlines())
            self._robots[origin] = rp
        rp = self._robots[origin]
        return rp is None or rp.can_fetch(self.user_agent, url)

    # -- fetching --------------------------------------------------------------------------------
    def get(self, url: str) -> Fetched:
        """GET ``url`` politely; raises ``FetchError`` on a final failure or a non-2xx answer."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"not an http(s) URL: {url}")
        if not self.allowed(url):
            raise FetchError("forbidden by robots.txt", source=url)
        resp = self._request(url, check_robots=True)
        if resp.status >= 400:
            raise FetchError(f"HTTP {resp.status}", source=url)
        return resp

    def _request(self, url: str, *, check_robots: bool) -> Fetched:
        import httpx

        host = urlsplit(url).netloc
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                r = self.client().get(url)
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout:g} s"
                retry_after = None
            except httpx.TransportError as exc:
                reason = f"connection failed: {type(exc).__name__}: {exc}"
                retry_after = None
            else:
                if r.status_code not in RETRY_STATUS:
                    content = r.content
                    if len(content) > self.max_bytes:
                        raise FetchError(f"too large: {len(content):,} bytes", source=url)
                    return Fetched(str(r.url), r.status_code, r.headers.get("content-type", ""), content)
                reason = f"HTTP {r.status_code}"
                retry_after = _retry_after(r.headers.get("retry-after"))
            if attempt >= self.retries:
                raise FetchError(f"{reason} (gave up after {attempt + 1} attempts)", source=url)
            delay = retry_after if retry_after is not None else self.backoff * (2 ** attempt)
            self._sleep(min(delay, self.max_backoff))
            attempt += 1


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff
