"""The recorder: collects exchanges and writes them as a Workbench collection (docs/collection-format.md)."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx

from .redaction import Redactor

#: Headers httpx computes or adds by default; Workbench's `native` profile adds httpx's defaults itself.
_COMPUTED = {"host", "content-length", "transfer-encoding", "connection"}
_HTTPX_DEFAULTS = {"accept": "*/*", "connection": "keep-alive"}


def _literal(text: str) -> str:
    """Text as a Workbench template that means itself: a literal ``{{`` is escaped."""
    return text.replace("{{", "\\{{")


@dataclass
class RecordedExchange:
    """One request as httpx sent it, and the status it got (``None`` when it raised)."""

    method: str
    url: str
    headers: List[Tuple[str, str]]
    body: bytes
    status: Optional[int]
    error: Optional[str] = None
    group: Optional[str] = None
    follow_redirects: bool = False
    redirect_target: Optional[str] = None
    #: True when an ``httpx.AsyncClient`` sent it (a replay matches it with ``--mode async``).
    asynchronous: bool = False


class Recorder:
    """Collects exchanges (thread-safe) and writes the collection.

    ``name``: the collection's name. ``origin``: the page origin browser profiles run in (the page your
    Pyodide app would be served from), written as the collection's ``origin`` when given.
    ``keep_secret_values``: write secret values into the secret variables (off by default: they are
    written empty and the run needs ``--var token=…``).
    """

    def __init__(self, name: str = "recorded", origin: Optional[str] = None, keep_secret_values: bool = False):
        self.name = name
        self.origin = origin
        self.keep_secret_values = keep_secret_values
        self.exchanges: List[RecordedExchange] = []
        self.group: Optional[str] = None
        self._lock = threading.Lock()

    # -- recording -------------------------------------------------------------------------------

    def record(self, request: httpx.Request, response: Optional[httpx.Response], error: Optional[BaseException] = None,
               asynchronous: bool = False) -> None:
        """Adds one exchange. A request that follows the previous response's redirect folds into it."""
        try:
            body = request.content
        except httpx.RequestNotRead:
            body = b""
        exchange = RecordedExchange(
            method=request.method,
            url=str(request.url),
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            body=body,
            status=response.status_code if response is not None else None,
            error=None if error is None else "%s: %s" % (type(error).__module__ + "." + type(error).__name__, error),
            group=self.group,
            asynchronous=asynchronous,
        )
        if response is not None and response.is_redirect:
            location = response.headers.get("location")
            if location:
                exchange.redirect_target = str(request.url.join(location))
        with self._lock:
            for previous in reversed(self.exchanges):
                if previous.redirect_target is not None and previous.redirect_target == exchange.url:
                    # A hop of a followed redirect: the first request follows redirects and asserts the final status.
                    previous.follow_redirects = True
                    previous.status = exchange.status
                    previous.error = exchange.error
                    previous.redirect_target = exchange.redirect_target
                    return
            self.exchanges.append(exchange)

    # -- writing ---------------------------------------------------------------------------------

    def to_collection(self) -> dict:
        """The collection as a JSON-ready dict."""
        with self._lock:
            exchanges = list(self.exchanges)
        redactor = Redactor(keep_values=self.keep_secret_values)
        groups: Dict[Optional[str], List[dict]] = {}
        names: Dict[Optional[str], set] = {}
        for exchange in exchanges:
            request = self._request(exchange, redactor)
            used = names.setdefault(exchange.group, set())
            base = request["name"]
            candidate, n = base, 2
            while candidate in used:
                candidate = "%s (%d)" % (base, n)
                n += 1
            used.add(candidate)
            request["name"] = candidate
            groups.setdefault(exchange.group, []).append(request)
        items: List[dict] = []
        for group, requests in groups.items():
            if group is None:
                items.extend(requests)
            else:
                items.append({"group": group.replace("/", "-"), "requests": requests})
        collection: dict = {"name": self.name}
        if self.origin:
            collection["origin"] = self.origin
        variables = redactor.collection_variables()
        if variables:
            collection["variables"] = variables
        collection["requests"] = items
        return collection

    def write(self, path: str) -> None:
        """Writes the collection (mode 0600 when it holds secret values)."""
        data = json.dumps(self.to_collection(), indent=2, ensure_ascii=False) + "\n"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        fd = os.open(path, flags, 0o600 if self.keep_secret_values else 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)

    # -- one request -----------------------------------------------------------------------------

    def _request(self, exchange: RecordedExchange, redactor: Redactor) -> dict:
        url = self._url(exchange.url, redactor)
        split = urlsplit(exchange.url)
        path = " ".join(p for p in split.path.split("/") if p) or split.netloc
        request: dict = {"name": "%s %s" % (exchange.method, path), "method": exchange.method, "url": url}
        headers: Dict[str, str] = {}
        content_type = ""
        for name, value in exchange.headers:
            lower = name.lower()
            if lower in _COMPUTED or _HTTPX_DEFAULTS.get(lower) == value:
                continue
            if lower == "user-agent" and value.startswith("python-httpx/"):
                continue
            if lower == "accept-encoding" and value in ("gzip, deflate", "gzip, deflate, br", "gzip, deflate, br, zstd", "gzip, deflate, zstd"):
                continue
            if lower == "content-type":
                content_type = value
            rendered = redactor.header(name, value)
            text = rendered if rendered != value else _literal(value)
            if name in headers:
                headers[name] += ", " + text
            else:
                headers[name] = text
        if headers:
            request["headers"] = headers
        body = self._body(exchange.body, content_type, redactor)
        if body is not None:
            request["body"] = body
        if exchange.follow_redirects:
            request["options"] = {"followRedirects": True}
        notes = []
        if exchange.asynchronous:
            notes.append("Sent by httpx.AsyncClient (replay with --mode async to match).")
        if exchange.status is not None:
            request["assert"] = [{"status": exchange.status}]
        else:
            notes.append("Recorded without a response: %s" % (exchange.error or "no response"))
        if notes:
            request["description"] = " ".join(notes)
        return request

    @staticmethod
    def _url(url: str, redactor: Redactor) -> str:
        split = urlsplit(url)
        if not split.query:
            return _literal(url)
        pairs = parse_qsl(split.query, keep_blank_values=True)
        redacted = redactor.pairs(pairs)
        if redacted == pairs:
            return _literal(url)
        # Rebuild the query only when a secret was replaced; each part keeps its original encoding.
        parts = []
        for raw, (name, value), (_, new) in zip(split.query.split("&"), pairs, redacted):
            if new != value:
                parts.append(raw.split("=", 1)[0] + "=" + new)
            else:
                parts.append(_literal(raw))
        base = _literal(urlunsplit((split.scheme, split.netloc, split.path, "", "")))
        fragment = "#" + _literal(split.fragment) if split.fragment else ""
        return base + "?" + "&".join(parts) + fragment

    @staticmethod
    def _body(body: bytes, content_type: str, redactor: Redactor) -> Optional[dict]:
        if not body:
            return None
        lower = content_type.lower()
        if "json" in lower:
            try:
                value = json.loads(body)
            except ValueError:
                value = None
            else:
                return {"json": _escape_json(redactor.json(value))}
        if lower.startswith("application/x-www-form-urlencoded"):
            try:
                text = body.decode("utf-8")
                pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=True)
            except (UnicodeDecodeError, ValueError):
                pairs = None
            if pairs is not None:
                form: Dict[str, object] = {}
                for name, value in redactor.pairs(pairs):
                    value = value if value.startswith("{{") and value in ("{{%s}}" % n for n in redactor.variables) else _literal(value)
                    if name in form:
                        existing = form[name]
                        form[name] = (existing if isinstance(existing, list) else [existing]) + [value]
                    else:
                        form[name] = value
                return {"form": form}
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            import base64

            return {"base64": base64.b64encode(body).decode("ascii")}
        return {"text": _literal(text)}


def _escape_json(value):
    """Escapes ``{{`` in JSON string leaves, except whole ``{{variable}}`` references the redactor wrote."""
    if isinstance(value, dict):
        return {k: _escape_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escape_json(v) for v in value]
    if isinstance(value, str):
        if value.startswith("{{") and value.endswith("}}") and value.count("{{") == 1 and " " not in value:
            return value
        return _literal(value)
    return value
