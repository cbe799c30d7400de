"""pytest plugin: ``pytest --workbench-record out.json`` writes every request the suite made through httpx.

Each test's requests go in a group named after the test (its node id), so a replay's matrix reads like the
test report. Options: ``--workbench-name`` (the collection's name), ``--workbench-origin`` (the page origin
browser profiles use), ``--workbench-keep-secrets`` (write secret values instead of empty secret variables).
"""

from __future__ import annotations

import pytest

from .recorder import Recorder
from .transport import patch_httpx


def pytest_addoption(parser):
    group = parser.getgroup("workbench", "record httpx requests into a Workbench collection")
    group.addoption("--workbench-record", metavar="PATH", default=None,
                    help="write every request made through httpx to this Workbench collection")
    group.addoption("--workbench-name", metavar="NAME", default=None, help="the collection's name")
    group.addoption("--workbench-origin", metavar="URL", default=None,
                    help="page origin for browser profiles, e.g. http://localhost:8000")
    group.addoption("--workbench-keep-secrets", action="store_true", default=False,
                    help="write secret values into the collection's secret variables (default: empty)")


def _group_name(nodeid: str) -> str:
    """``tests/api/test_users.py::test_create[a/b]`` → ``test_users.py::test_create[a-b]`` (no ``/`` in names)."""
    path, sep, rest = nodeid.partition("::")
    return (path.rsplit("/", 1)[-1] + sep + rest).replace("/", "-")


class _RecordingSession:
    def __init__(self, config, path):
        self.path = path
        self.recorder = Recorder(
            name=config.getoption("--workbench-name") or "pytest session",
            origin=config.getoption("--workbench-origin"),
            keep_secret_values=config.getoption("--workbench-keep-secrets"),
        )
        self.undo = patch_httpx(self.recorder)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        self.recorder.group = _group_name(item.nodeid)
        try:
            yield
        finally:
            self.recorder.group = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item):
        self.recorder.group = _group_name(item.nodeid)
        try:
            yield
        finally:
            self.recorder.group = None

    def pytest_sessionfinish(self, session):
        self.undo()
        self.recorder.write(self.path)

    def pytest_terminal_summary(self, terminalreporter):
        count = len(self.recorder.exchanges)
        terminalreporter.write_line("workbench: recorded %d request%s into %s" % (count, "" if count == 1 else "s", self.path))


def pytest_configure(config):
    path = config.getoption("--workbench-record", default=None)
    if path:
        config.pluginmanager.register(_RecordingSession(config, path), "workbench-record-session")
