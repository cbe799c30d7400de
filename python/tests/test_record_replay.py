"""End to end: record the sample application's pytest run, validate it, replay it under every profile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "sample_app"
SECRETS = ("sample-secret-token-123", "k-abcdef", "wonderland")


@pytest.fixture(scope="module")
def recorded(fixture_server, tmp_path_factory):
    api, page = fixture_server
    out = tmp_path_factory.mktemp("rec") / "out.json"
    env = dict(os.environ, SAMPLE_API=api, SAMPLE_PAGE=page)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(SAMPLE), "-q", "-p", "no:cacheprovider",
         "--workbench-record", str(out), "--workbench-name", "sample app", "--workbench-origin", page],
        env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "workbench: recorded 6 requests into" in result.stdout
    return out, api, page


def test_collection_holds_every_request_grouped_by_test(recorded):
    out, api, page = recorded
    text = out.read_text()
    collection = json.loads(text)
    assert collection["name"] == "sample app"
    assert collection["origin"] == page
    groups = {g["group"]: g["requests"] for g in collection["requests"]}
    assert list(groups) == [
        "test_app.py::test_profile", "test_app.py::test_create_item",
        "test_app.py::test_redirect_and_page", "test_app.py::test_async_form_and_status",
    ]
    (profile,) = groups["test_app.py::test_profile"]
    assert profile["url"] == api + "/get?user=alice"
    assert profile["headers"]["Authorization"] == "Bearer {{token}}"
    (create,) = groups["test_app.py::test_create_item"]
    assert create["body"] == {"json": {"name": "lamp", "qty": 2, "api_key": "{{api_key}}"}}
    redirect, settings = groups["test_app.py::test_redirect_and_page"][:2]
    assert redirect["options"] == {"followRedirects": True} and redirect["assert"] == [{"status": 200}]
    assert settings["url"] == page + "/json"
    form, created = groups["test_app.py::test_async_form_and_status"]
    assert form["body"] == {"form": {"user": "alice", "password": "{{password}}"}}
    assert created["assert"] == [{"status": 201}]
    assert "httpx.AsyncClient" in created["description"] and "description" not in profile
    for secret in SECRETS:
        assert secret not in text, "secret value %r written to the collection" % secret
    assert {k: v["secret"] for k, v in collection["variables"].items()} == {"token": True, "api_key": True, "password": True}


def test_validate_accepts_it(recorded, workbench):
    out, _, _ = recorded
    result = subprocess.run([workbench, "validate", str(out)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_replay_under_every_profile_shows_what_breaks(recorded, workbench, tmp_path):
    out, api, page = recorded
    env = dict(os.environ, WORKBENCH_DB=str(tmp_path / "runs.db"), NO_COLOR="1")
    result = subprocess.run(
        [workbench, "run", str(out), "--profile", "all", "--output", "json",
         "--var", "token=sample-secret-token-123", "--var", "api_key=k-abcdef", "--var", "password=wonderland"],
        env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    matrix = {run["profile"]: {r["id"]: r for r in run["results"]} for run in document["runs"]}
    assert {"native", "browser-main", "browser-worker", "node-jspi"} <= set(matrix)
    ids = list(matrix["native"])
    assert len(ids) == 6
    # Natively (what the suite itself did) every recorded status is met again.
    assert all(r["outcome"] == "passed" for r in matrix["native"].values()), matrix["native"]
    same_origin = [i for i in ids if matrix["native"][i]["url"].startswith(page)]
    cross_origin = [i for i in ids if i not in same_origin]
    assert len(same_origin) == 3 and len(cross_origin) == 3
    browsers = [p for p in matrix if p.startswith("browser-")]
    assert len(browsers) >= 2
    for profile in ["native", "node-jspi"] + browsers:
        # Same-origin requests (the page's own server) work in every runtime that can run them, redirect included.
        for i in same_origin:
            r = matrix[profile][i]
            assert r["outcome"] == "passed", (profile, i, r["effects"], r["pythonError"])
    for profile in browsers:
        # The cross-origin API sends no CORS headers: blocked in every browser context, and the run says why.
        for i in cross_origin:
            r = matrix[profile][i]
            assert r["outcome"] == "errored", (profile, i, r["outcome"])
            assert any(e["code"] == "cors-blocked" for e in r["effects"]), (profile, i, r["effects"])
            assert r["pythonError"]["type"] == "httpx.ConnectError", r["pythonError"]
    # Node has no CORS: everything passes with JSPI; without JSPI a sync httpx.Client cannot work at all.
    assert all(r["outcome"] == "passed" for r in matrix["node-jspi"].values())
    if "node" in matrix:
        for r in matrix["node"].values():
            assert r["outcome"] == "errored" and any(e["code"] == "sync-unsupported" for e in r["effects"]), r
    # Some requests did not meet their recorded status somewhere: exit 1.
    assert result.returncode == 1
    # Secrets were given with --var: neither the stored run nor its export holds them.
    exported = subprocess.run([workbench, "export", "last", "--format", "json"], env=env, capture_output=True, text=True, timeout=60)
    assert exported.returncode == 0
    for secret in SECRETS:
        assert secret not in exported.stdout


def test_async_replay_on_node_without_jspi(recorded, workbench, tmp_path):
    """The suite's requests replayed as httpx.AsyncClient would send them: node without JSPI can run those."""
    out, _, _ = recorded
    env = dict(os.environ, WORKBENCH_DB=str(tmp_path / "runs.db"), NO_COLOR="1")
    result = subprocess.run([workbench, "run", str(out), "--profile", "node", "--mode", "async", "--output", "json"],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (run,) = json.loads(result.stdout)["runs"]
    assert [r["outcome"] for r in run["results"]] == ["passed"] * 6
