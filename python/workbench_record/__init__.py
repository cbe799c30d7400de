"""Record httpx traffic into a Workbench collection.

    from workbench_record import Recorder, RecordingTransport, AsyncRecordingTransport

    recorder = Recorder(name="my app")
    with httpx.Client(transport=RecordingTransport(recorder)) as client:
        client.get("https://example.com/")
    recorder.write("out.json")

The pytest plugin (``pytest --workbench-record out.json``) records every request a test suite makes.
"""

from .recorder import Recorder, RecordedExchange
from .redaction import Redactor, DEFAULT_SENSITIVE_HEADERS, is_secret_name
from .transport import AsyncRecordingTransport, RecordingTransport, patch_httpx

__all__ = [
    "AsyncRecordingTransport",
    "DEFAULT_SENSITIVE_HEADERS",
    "RecordedExchange",
    "Recorder",
    "RecordingTransport",
    "Redactor",
    "is_secret_name",
    "patch_httpx",
]
