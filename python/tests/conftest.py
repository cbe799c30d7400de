"""Starts the Workbench fixture server (`workbench serve`) for the recorder's end-to-end tests."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def workbench_bin() -> str:
    """$WORKBENCH_BIN, else the debug build (`.build/debug/workbench`)."""
    return os.environ.get("WORKBENCH_BIN") or str(ROOT / ".build" / "debug" / "workbench")


@pytest.fixture(scope="session")
def workbench() -> str:
    path = workbench_bin()
    if not os.access(path, os.X_OK):
        pytest.fail("no workbench binary at %s: build it (swift build) or set WORKBENCH_BIN" % path)
    return path


@pytest.fixture(scope="session")
def fixture_server(workbench):
    """(api, page): the fixture server's two origins, on free ports."""
    process = subprocess.Popen([workbench, "serve", "--port", "0", "--page-port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    api = page = None
    deadline = time.time() + 30
    lines = []
    while time.time() < deadline and (api is None or page is None):
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"base \(API\):\s+(\S+)", line)
        if m:
            api = m.group(1)
        m = re.search(r"page origin:\s+(\S+)", line)
        if m:
            page = m.group(1)
    if api is None or page is None:
        process.kill()
        pytest.fail("workbench serve did not print its URLs: %r %s" % (lines, process.stderr.read()))
    yield api, page
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
