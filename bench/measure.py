"""Runs one command as a whole process and reports its wall time and peak RSS.

Peak RSS is what `/usr/bin/time` reports ("Maximum resident set size", `%M`): the command runs under it,
because a child forked from this Python process would report Python's own resident size as its peak
(`ru_maxrss` counts the pages it had before exec). Wall time is measured around the whole
fork/exec/wait with a monotonic clock (`time` adds about a millisecond to every tool alike).
"""
import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

TIME = "/usr/bin/time"


@dataclass
class Sample:
    seconds: float
    max_rss_kib: int


@dataclass
class Series:
    """Every sample of one tool on one workload."""
    samples: list = field(default_factory=list)

    def add(self, sample: Sample) -> None:
        self.samples.append(sample)

    @property
    def median_seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def max_rss_kib(self) -> int:
        return max(s.max_rss_kib for s in self.samples)


class CommandFailed(RuntimeError):
    pass


def run(command, env=None, cwd=None, stdin_path=None, ok_codes=(0,)) -> Sample:
    """Runs `command`, output discarded (stderr kept for the error message); fails on an unexpected exit code."""
    with tempfile.TemporaryFile() as errors:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        rss_file = tempfile.NamedTemporaryFile(prefix="wb-bench-rss-", delete=False)
        rss_file.close()
        try:
            started = time.perf_counter()
            process = subprocess.Popen([TIME, "-f", "%M", "-o", rss_file.name, *command], stdin=stdin,
                                       stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=cwd)
            process.wait()
            elapsed = time.perf_counter() - started
            with open(rss_file.name) as f:
                lines = [line for line in f.read().splitlines() if line.strip().isdigit()]
            max_rss_kib = int(lines[-1]) if lines else 0
        finally:
            os.unlink(rss_file.name)
            if stdin_path:
                stdin.close()
        if process.returncode not in ok_codes:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(command)} exited {process.returncode}: {text}")
        return Sample(seconds=elapsed, max_rss_kib=max_rss_kib)
