"""httpx transport wrappers (sync and async) that record every exchange into a `Recorder`."""

from __future__ import annotations

from typing import Optional

import httpx

from .recorder import Recorder


class RecordingTransport(httpx.BaseTransport):
    """Wraps a transport (default ``httpx.HTTPTransport()``) and records each request and its status."""

    def __init__(self, recorder: Recorder, transport: Optional[httpx.BaseTransport] = None):
        self.recorder = recorder
        self.transport = transport if transport is not None else httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self.transport.handle_request(request)
        except Exception as error:
            self.recorder.record(request, None, error)
            raise
        self.recorder.record(request, response)
        return response

    def close(self) -> None:
        self.transport.close()


class AsyncRecordingTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport (default ``httpx.AsyncHTTPTransport()``) and records each exchange."""

    def __init__(self, recorder: Recorder, transport: Optional[httpx.AsyncBaseTransport] = None):
        self.recorder = recorder
        self.transport = transport if transport is not None else httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self.transport.handle_async_request(request)
        except Exception as error:
            self.recorder.record(request, None, error, asynchronous=True)
            raise
        self.recorder.record(request, response, asynchronous=True)
        return response

    async def aclose(self) -> None:
        await self.transport.aclose()


def patch_httpx(recorder: Recorder):
    """Records every request made through httpx's own transports (every ``Client``/``AsyncClient`` that does
    not bring a custom transport) until the returned function is called to undo the patch."""
    original_sync = httpx.HTTPTransport.handle_request
    original_async = httpx.AsyncHTTPTransport.handle_async_request

    def handle_request(self, request):
        try:
            response = original_sync(self, request)
        except Exception as error:
            recorder.record(request, None, error)
            raise
        recorder.record(request, response)
        return response

    async def handle_async_request(self, request):
        try:
            response = await original_async(self, request)
        except Exception as error:
            recorder.record(request, None, error, asynchronous=True)
            raise
        recorder.record(request, response, asynchronous=True)
        return response

    httpx.HTTPTransport.handle_request = handle_request
    httpx.AsyncHTTPTransport.handle_async_request = handle_async_request

    def undo():
        httpx.HTTPTransport.handle_request = original_sync
        httpx.AsyncHTTPTransport.handle_async_request = original_async

    return undo
