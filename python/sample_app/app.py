"""A small application that talks to an HTTP API through httpx, the way real code does.

Two servers: ``API`` (cross-origin to the page a Pyodide build would be served from) and ``PAGE`` (that page's
own origin). Both come from the environment, set by the test that starts the fixture server.
"""

from __future__ import annotations

import os

import httpx

API = os.environ.get("SAMPLE_API", "http://127.0.0.1:18602")
PAGE = os.environ.get("SAMPLE_PAGE", "http://localhost:18601")
TOKEN = os.environ.get("SAMPLE_TOKEN", "sample-secret-token-123")


def profile(client: httpx.Client) -> dict:
    """GET with a bearer token, cross-origin."""
    response = client.get(API + "/get", params={"user": "alice"}, headers={"Authorization": "Bearer " + TOKEN})
    response.raise_for_status()
    return response.json()


def create_item(client: httpx.Client) -> dict:
    """POST a JSON body, cross-origin (the API key in the body is a secret by its name)."""
    response = client.post(API + "/echo", json={"name": "lamp", "qty": 2, "api_key": "k-abcdef"})
    response.raise_for_status()
    return response.json()


def follow_redirect(client: httpx.Client) -> httpx.Response:
    """A redirect on the page's own origin, followed."""
    return client.get(PAGE + "/redirect/1", follow_redirects=True)


def page_settings(client: httpx.Client) -> dict:
    """A same-origin GET: works everywhere."""
    response = client.get(PAGE + "/json")
    response.raise_for_status()
    return response.json()


async def log_in(client: httpx.AsyncClient) -> dict:
    """POST a form asynchronously, cross-origin (the password is a secret by its name)."""
    response = await client.post(API + "/echo", data={"user": "alice", "password": "wonderland"})
    response.raise_for_status()
    return response.json()


async def status_created(client: httpx.AsyncClient) -> int:
    """An async same-origin request answered 201."""
    response = await client.get(PAGE + "/status/201")
    return response.status_code
