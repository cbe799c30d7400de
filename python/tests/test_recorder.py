"""The transport wrappers and the redaction rules, against the real fixture server."""

from __future__ import annotations

import asyncio
import json

import httpx

from workbench_record import AsyncRecordingTransport, Recorder, RecordingTransport
from workbench_record.redaction import Redactor, is_secret_name


def test_sync_wrapper_records_method_url_headers_body_and_status(fixture_server):
    api, page = fixture_server
    recorder = Recorder(name="sync")
    with httpx.Client(transport=RecordingTransport(recorder)) as client:
        client.post(api + "/echo?x=1", json={"n": 1, "tpl": "{{not a var}}"}, headers={"X-Trace": "abc", "Authorization": "Bearer tok-123456"})
        client.get(api + "/status/404")
    collection = recorder.to_collection()
    first, second = collection["requests"]
    assert first["method"] == "POST"
    assert first["url"] == api + "/echo?x=1"
    assert first["headers"]["X-Trace"] == "abc"
    assert first["headers"]["Authorization"] == "Bearer {{token}}"
    assert "Content-Length" not in first["headers"] and "content-length" not in first["headers"]
    assert first["body"] == {"json": {"n": 1, "tpl": "\\{{not a var}}"}}
    assert first["assert"] == [{"status": 200}]
    assert "description" not in first, "a sync request needs no note"
    assert second["assert"] == [{"status": 404}]
    assert collection["variables"] == {"token": {"value": "", "secret": True}}
    assert "tok-123456" not in json.dumps(collection)


def test_async_wrapper_records_forms_and_folds_redirects(fixture_server):
    api, page = fixture_server
    recorder = Recorder(name="async", keep_secret_values=True)

    async def main():
        async with httpx.AsyncClient(transport=AsyncRecordingTransport(recorder)) as client:
            await client.post(api + "/echo", data={"user": "bob", "password": "hunter22", "tag": ["a", "b"]})
            response = await client.get(page + "/redirect/2", follow_redirects=True)
            assert response.status_code == 200 and len(response.history) == 2

    asyncio.run(main())
    collection = recorder.to_collection()
    form, redirect = collection["requests"]
    assert form["body"] == {"form": {"user": "bob", "password": "{{password}}", "tag": ["a", "b"]}}
    assert collection["variables"]["password"] == {"value": "hunter22", "secret": True}
    assert redirect["url"] == page + "/redirect/2"
    assert redirect["options"] == {"followRedirects": True}
    assert redirect["assert"] == [{"status": 200}]
    assert redirect["description"] == "Sent by httpx.AsyncClient (replay with --mode async to match)."
    assert len(collection["requests"]) == 2, "redirect hops fold into the request that followed them"


def test_failed_request_is_recorded_without_status(fixture_server):
    recorder = Recorder()
    with httpx.Client(transport=RecordingTransport(recorder)) as client:
        try:
            client.get("http://127.0.0.1:9/unreachable")
        except httpx.ConnectError:
            pass
    (request,) = recorder.to_collection()["requests"]
    assert "assert" not in request
    assert "httpx.ConnectError" in request["description"]


def test_default_redaction_rules_match_workbench():
    assert is_secret_name("access_token") and is_secret_name("X-Api-Key") and is_secret_name("PASSWORD")
    assert not is_secret_name("user")
    redactor = Redactor()
    assert redactor.header("Authorization", "Basic YWxhZGRpbjpvcGVu") == "Basic {{basic_credentials}}"
    assert redactor.header("Cookie", "sid=1; theme=dark") == "{{cookie}}"
    assert redactor.header("Accept", "application/json") == "application/json"
    assert redactor.header("Authorization", "Bearer one-token") == "Bearer {{token}}"
    assert redactor.header("Authorization", "Bearer two-token") == "Bearer {{token_2}}"
    assert redactor.header("Authorization", "Bearer one-token") == "Bearer {{token}}"
    assert redactor.field("api_key", "k-1") == "{{api_key}}"
    assert redactor.field("q", "lamp") == "lamp"
