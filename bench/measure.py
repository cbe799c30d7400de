"""Runs one command as a whole process and reports its wall time and peak RSS.

Peak RSS is the child's `ru_maxrss` from wait4(2), the number `/usr/bin/time -v` prints as
"Maximum resident set size"; wall time is measured around fork/exec/wait with a monotonic clock.
"""
import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field


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
        try:
            started = time.perf_counter()
            process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=errors,
                                       env=env, cwd=cwd)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_path:
                stdin.close()
        if process.returncode not in ok_codes:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(command)} exited {process.returncode}: {text}")
        return Sample(seconds=elapsed, max_rss_kib=usage.ru_maxrss)
