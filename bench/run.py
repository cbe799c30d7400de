"""The Workbench benchmark: every workload of issue #6, Workbench side by side with its peers.

Called by scripts/bench, which installs the tools and builds the binaries first. Prints a table and
writes bench/results/<UTC time>.json (and latest.json / latest.md).
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile

import measure
import server
import workloads

HERE = os.path.dirname(os.path.abspath(__file__))

SIZES = {
    "full": dict(requests=10_000, runs=3, jobs=[8, 32], startup_runs=15, big=1 << 30, big_runs=3,
                 assert_requests=1_000, assert_runs=1, store_results=100_000, store_runs=2,
                 history_results=1_000_000, query_runs=3, wrk_seconds=3),
    "quick": dict(requests=500, runs=2, jobs=[8], startup_runs=5, big=64 << 20, big_runs=1,
                  assert_requests=30, assert_runs=1, store_results=5_000, store_runs=1,
                  history_results=5_000, query_runs=3, wrk_seconds=1),
}


def remove_db(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


class Bench:
    def __init__(self, args):
        self.args = args
        self.size = dict(SIZES["quick" if args.quick else "full"])
        if args.rounds:
            # More rounds for a noisy machine: medians of more samples for every timed workload with rounds.
            self.size.update(runs=args.rounds, big_runs=args.rounds, store_runs=args.rounds, query_runs=args.rounds)
        self.work = tempfile.mkdtemp(prefix="wb-bench-", dir=args.work_dir)
        self.python = sys.executable
        self.env = dict(os.environ, NO_COLOR="1", WORKBENCH_DB=os.path.join(self.work, "default.db"))
        self.results = {"workloads": {}, "targets": []}
        self.nginx = server.Nginx(os.path.join(self.work, "nginx"), self.size["big"])

    # ------------------------------------------------------------------ helpers

    def path(self, name: str) -> str:
        return os.path.join(self.work, name)

    def wb(self, *arguments) -> list:
        return [self.args.workbench, *arguments]

    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def compare(self, name: str, description: str, units: float, unit: str, tools: dict, runs: int,
                before=None) -> dict:
        """Runs every tool `runs` times, interleaved (tool order rotates per round), and records medians."""
        self.log(f"== {name}: {description} ({runs} runs each)")
        series = {tool: measure.Series() for tool in tools}
        names = list(tools)
        for round_index in range(runs):
            order = names[round_index % len(names):] + names[:round_index % len(names)]
            for tool in order:
                if before:
                    before(tool)
                spec = tools[tool]
                sample = measure.run(spec["cmd"], env=self.env, cwd=spec.get("cwd"), ok_codes=spec.get("ok", (0,)))
                series[tool].add(sample)
                self.log(f"   {tool:<22} {sample.seconds:8.3f} s  {sample.max_rss_kib / 1024:7.1f} MiB")
        entry = {"description": description, "units": units, "unit": unit, "tools": {}}
        for tool, s in series.items():
            entry["tools"][tool] = {
                "medianSeconds": s.median_seconds,
                "throughput": units / s.median_seconds if units else None,
                "maxRssMiB": s.max_rss_kib / 1024,
                "samples": [x.seconds for x in s.samples],
            }
        self.results["workloads"][name] = entry
        return entry

    def target(self, name: str, goal: str, measured: float, met: bool, detail: str = "") -> None:
        self.results["targets"].append({"name": name, "goal": goal, "measured": round(measured, 4), "met": met,
                                        "detail": detail})

    @staticmethod
    def speed_ratio(entry: dict, a: str, b: str) -> float:
        """How many times faster `a` did the work than `b` (> 1: a faster)."""
        return entry["tools"][b]["medianSeconds"] / entry["tools"][a]["medianSeconds"]

    # ------------------------------------------------------------------ workloads

    def check_server(self) -> None:
        """wrk against nginx: the server must be far faster than any client measured here."""
        if not shutil.which("wrk"):
            self.log("wrk not found: server check skipped")
            return
        check = {}
        for label, threads, connections in (("1 connection", 1, 1), ("32 connections", 2, 32)):
            output = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{self.size['wrk_seconds']}s",
                                     self.nginx.url("/small.txt")], capture_output=True, text=True, check=True).stdout
            rate = next(float(line.split()[1]) for line in output.splitlines() if line.startswith("Requests/sec"))
            check[label] = rate
            self.log(f"== wrk, {label}: {rate:,.0f} requests/s")
        self.results["serverCheck"] = {"server": "nginx " + self.nginx_version(), "wrkRequestsPerSecond": check}

    @staticmethod
    def nginx_version() -> str:
        text = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr
        return text.strip().split("/")[-1]

    def sequential(self) -> None:
        n = self.size["requests"]
        url = self.nginx.url("/small.txt")
        collection = workloads.plain_collection(self.path("seq.json"), "bench-seq", url, n)
        config = workloads.curl_config(self.path("seq.curl"), url, n)
        db = self.path("seq.db")
        tools = {
            "workbench": {"cmd": self.wb("run", collection, "--quiet", "--db", db)},
            "curl -K (keep-alive)": {"cmd": ["curl", "-s", "-K", config]},
            "httpx.Client": {"cmd": [self.python, os.path.join(HERE, "peers/httpx_seq.py"), url, str(n)]},
            "libcurl floor (C)": {"cmd": [self.args.limit_seq, url, str(n)]},
        }
        entry = self.compare("sequential", f"{n:,} small GETs, one at a time, keep-alive", n, "req/s", tools,
                             self.size["runs"], before=lambda tool: remove_db(db) if tool == "workbench" else None)
        vs_curl = self.speed_ratio(entry, "workbench", "curl -K (keep-alive)")
        vs_httpx = self.speed_ratio(entry, "workbench", "httpx.Client")
        entry["ratios"] = {"workbench/curl": vs_curl, "workbench/httpx": vs_httpx,
                           "workbench/libcurl floor": self.speed_ratio(entry, "workbench", "libcurl floor (C)")}
        self.target("sequential vs curl", "≥ 0.9 × curl's throughput", vs_curl, vs_curl >= 0.9)
        self.target("sequential vs httpx", "≥ 3 × httpx's throughput", vs_httpx, vs_httpx >= 3)
        self.seq_collection, self.seq_db = collection, db

    def parallel(self) -> None:
        n = self.size["requests"]
        url = self.nginx.url("/small.txt")
        collection = workloads.plain_collection(self.path("seq.json"), "bench-seq", url, n)
        config = workloads.curl_config(self.path("seq.curl"), url, n)
        db = self.path("par.db")
        for jobs in self.size["jobs"]:
            tools = {
                f"workbench --jobs {jobs}": {"cmd": self.wb("run", collection, "--quiet", "--db", db, "--jobs", str(jobs))},
                f"curl --parallel-max {jobs}": {"cmd": ["curl", "-s", "--parallel", "--parallel-max", str(jobs), "-K", config]},
                f"httpx.AsyncClient ×{jobs}": {"cmd": [self.python, os.path.join(HERE, "peers/httpx_async.py"), url, str(n), str(jobs)]},
                f"libcurl multi floor ×{jobs}": {"cmd": [self.args.limit_par, url, str(n), str(jobs)]},
            }
            entry = self.compare(f"parallel-{jobs}", f"{n:,} small GETs, {jobs} at a time", n, "req/s", tools,
                                 self.size["runs"], before=lambda tool: remove_db(db) if tool.startswith("workbench") else None)
            vs_curl = self.speed_ratio(entry, f"workbench --jobs {jobs}", f"curl --parallel-max {jobs}")
            entry["ratios"] = {
                "workbench/curl --parallel": vs_curl,
                "workbench/httpx async": self.speed_ratio(entry, f"workbench --jobs {jobs}", f"httpx.AsyncClient ×{jobs}"),
                "workbench/libcurl floor": self.speed_ratio(entry, f"workbench --jobs {jobs}", f"libcurl multi floor ×{jobs}"),
            }
            self.target(f"--jobs {jobs} vs curl --parallel", "≥ 0.9 × curl --parallel at the same concurrency",
                        vs_curl, vs_curl >= 0.9)

    def startup(self) -> None:
        url = self.nginx.url("/small.txt")
        collection = workloads.plain_collection(self.path("one.json"), "bench-one", url, 1)
        db = self.path("one.db")
        measure.run(self.wb("run", collection, "--quiet", "--db", db), env=self.env)  # the store exists, as for a user
        tools = {
            "workbench run (1 request)": {"cmd": self.wb("run", collection, "--quiet", "--db", db)},
            "curl (1 request)": {"cmd": ["curl", "-s", "-o", "/dev/null", url]},
            "python + httpx (1 request)": {"cmd": [self.python, os.path.join(HERE, "peers/httpx_one.py"), url]},
            "workbench --version": {"cmd": self.wb("--version")},
        }
        entry = self.compare("startup", "one GET in a whole process (Workbench opens its store and records the run)",
                             0, "", tools, self.size["startup_runs"])
        ratio = entry["tools"]["workbench run (1 request)"]["medianSeconds"] / entry["tools"]["curl (1 request)"]["medianSeconds"]
        entry["ratios"] = {"workbench time / curl time": ratio}
        self.target("one request, whole process", "≤ 1.5 × curl's wall time", ratio, ratio <= 1.5)

    def download(self) -> None:
        size = self.size["big"]
        url = self.nginx.url("/big.bin")
        collection = workloads.write_json(self.path("big.json"), {
            "name": "bench-download", "requests": [{"name": "big", "url": url, "options": {"timeout": 600},
                                                    "assert": [{"status": 200}]}]})
        db = self.path("big.db")
        # The file is sparse: whoever reads it first makes the kernel fill the page cache with its zero pages, which
        # cost the first download of the 2026-12-07 run 3 s more than the same tool's second one. One untimed
        # download first, so every timed one reads a warm cache.
        self.log("   warm-up: one untimed curl download (page cache)")
        measure.run(["curl", "-s", "-o", "/dev/null", url], env=self.env)
        tools = {
            "workbench": {"cmd": self.wb("run", collection, "--quiet", "--db", db)},
            "curl -o /dev/null": {"cmd": ["curl", "-s", "-o", "/dev/null", url]},
            "httpx stream": {"cmd": [self.python, os.path.join(HERE, "peers/httpx_download.py"), url, str(size)]},
        }
        mib = size / (1 << 20)
        entry = self.compare("download", f"one GET of {mib:,.0f} MiB", mib, "MiB/s", tools, self.size["big_runs"],
                             before=lambda tool: remove_db(db) if tool == "workbench" else None)
        speed = self.speed_ratio(entry, "workbench", "curl -o /dev/null")
        rss = entry["tools"]["workbench"]["maxRssMiB"]
        entry["ratios"] = {"workbench/curl": speed, "workbench/httpx": self.speed_ratio(entry, "workbench", "httpx stream")}
        self.target("large download memory", "peak RSS < 64 MiB", rss, rss < 64, f"{mib:,.0f} MiB body")
        self.target("large download speed", "≥ 0.9 × curl's throughput", speed, speed >= 0.9, f"{mib:,.0f} MiB body")

    def assertions(self) -> None:
        n = self.size["assert_requests"]
        base = self.nginx.url("")
        collection = workloads.assertions_collection(self.path("assert.json"), base, n)
        tavern_dir = self.path("tavern")
        workloads.tavern_file(tavern_dir, base, n)
        gabbi = workloads.gabbi_file(self.path("gabbi.yaml"), n)
        db = self.path("assert.db")
        venv_bin = os.path.dirname(self.python)
        tools = {
            "workbench": {"cmd": self.wb("run", collection, "--quiet", "--db", db)},
            "tavern (pytest)": {"cmd": [self.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", tavern_dir],
                                "cwd": tavern_dir},
            "gabbi-run": {"cmd": ["sh", "-c", f'exec "{venv_bin}/gabbi-run" 127.0.0.1:{self.nginx.port} < "{gabbi}"']},
        }
        entry = self.compare("assertions", f"{n:,} GETs, 5 assertions and a capture each (next request uses it)",
                             n, "req/s", tools, self.size["assert_runs"],
                             before=lambda tool: remove_db(db) if tool == "workbench" else None)
        entry["ratios"] = {"workbench/tavern": self.speed_ratio(entry, "workbench", "tavern (pytest)"),
                           "workbench/gabbi": self.speed_ratio(entry, "workbench", "gabbi-run")}

    def browser(self) -> None:
        n = self.size["requests"]
        url = self.nginx.url("/cors/small.txt")
        plain = workloads.plain_collection(self.path("cors.json"), "bench-cors", url, n)
        preflighted = workloads.plain_collection(self.path("cors-preflight.json"), "bench-cors-preflight", url, n,
                                                 headers={"X-Bench": "1"})
        dbs = {name: self.path(f"browser-{i}.db") for i, name in enumerate(
            ("native", "browser-main (simple GET)", "browser-main (preflighted GET)"))}
        origin = "http://localhost:8000"
        tools = {
            "native": {"cmd": self.wb("run", plain, "--quiet", "--db", dbs["native"])},
            "browser-main (simple GET)": {"cmd": self.wb("run", plain, "--quiet", "--profile", "browser-main",
                                                         "--origin", origin, "--db", dbs["browser-main (simple GET)"])},
            "browser-main (preflighted GET)": {"cmd": self.wb("run", preflighted, "--quiet", "--profile", "browser-main",
                                                              "--origin", origin, "--db", dbs["browser-main (preflighted GET)"])},
        }
        entry = self.compare("browser", f"{n:,} cross-origin GETs, native vs browser-main (preflight cached 600 s)",
                             n, "req/s", tools, self.size["runs"], before=lambda tool: remove_db(dbs[tool]))
        exchanges = {}
        for tool, db in dbs.items():
            with sqlite3.connect(db) as connection:
                rows = connection.execute("SELECT kind, COUNT(*) FROM exchanges GROUP BY kind").fetchall()
            exchanges[tool] = dict(rows)
        entry["exchangesByKind"] = exchanges
        native = entry["tools"]["native"]["medianSeconds"]
        per_request = {tool: (entry["tools"][tool]["medianSeconds"] - native) / n * 1e6 for tool in dbs}
        entry["extraMicrosPerRequest"] = per_request
        preflights = exchanges["browser-main (preflighted GET)"].get("preflight", 0)
        extra_simple = exchanges["browser-main (simple GET)"].get("preflight", 0)
        ratio = native / entry["tools"]["browser-main (simple GET)"]["medianSeconds"]
        entry["ratios"] = {"browser-main simple / native throughput": ratio,
                           "browser-main preflighted / native throughput":
                               native / entry["tools"]["browser-main (preflighted GET)"]["medianSeconds"]}
        self.target("browser preflights", "one preflight per cache entry (1 for the run), none for simple requests",
                    preflights, preflights == 1 and extra_simple == 0,
                    f"{preflights} preflight(s) for {n:,} preflighted GETs, {extra_simple} for simple GETs")
        self.target("browser profile cost", "nothing else: throughput ≥ 0.9 × native's (noise band)", ratio, ratio >= 0.9)

    def store(self) -> None:
        """Storing cost (replaying a real run's results through Store) and history/diff on a big database."""
        if not hasattr(self, "seq_db"):
            self.sequential_db_only()
        source = self.seq_db
        results = self.size["store_results"]
        samples = []
        for i in range(self.size["store_runs"]):
            target = self.path("store-write.db")
            remove_db(target)
            output = subprocess.run([self.args.store_bench, "replay", "--from", source, "--run", "1", "--to", target,
                                     "--runs", "1", "--per-run", str(results)], capture_output=True, text=True, check=True)
            samples.append(json.loads(output.stdout)["storeSeconds"])
            self.log(f"   store {results:,} results in one run: {samples[-1]:.3f} s")
        store_seconds = statistics.median(samples)
        seq = self.results["workloads"]["sequential"]["tools"]["workbench"]
        run_seconds = seq["medianSeconds"] * results / self.size["requests"]
        share = store_seconds / run_seconds
        self.results["workloads"]["store"] = {
            "description": f"{results:,} results written in one run (a real run's results replayed through Store)",
            "storeSeconds": store_seconds, "microsPerResult": store_seconds / results * 1e6,
            "estimatedRunSeconds": run_seconds, "share": share, "samples": samples}
        self.target("store cost", "writing 100,000 results < 10 % of the run's time", share, share < 0.10,
                    f"{store_seconds:.2f} s of an estimated {run_seconds:.1f} s run ({results:,} results)")

        # The big database: replayed runs plus two real runs on top, then history and diff on it.
        n = self.size["requests"]
        big = self.path("history.db")
        remove_db(big)
        replayed_runs = max(1, (self.size["history_results"] - 2 * n) // n)
        self.log(f"== history database: {replayed_runs} replayed runs of {n:,} results + 2 real runs")
        subprocess.run([self.args.store_bench, "replay", "--from", source, "--run", "1", "--to", big,
                        "--runs", str(replayed_runs), "--per-run", str(n)], check=True, stdout=subprocess.DEVNULL)
        for _ in range(2):
            measure.run(self.wb("run", self.seq_collection, "--quiet", "--db", big), env=self.env)
        with sqlite3.connect(big) as connection:
            total = connection.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            runs = connection.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        size_mib = sum(os.path.getsize(big + s) for s in ("", "-wal") if os.path.exists(big + s)) / (1 << 20)
        tools = {
            "workbench history": {"cmd": self.wb("history", "--db", big)},
            "workbench history --output json": {"cmd": self.wb("history", "--db", big, "--output", "json")},
            "workbench diff last~1 last": {"cmd": self.wb("diff", "last~1", "last", "--db", big), "ok": (0, 1)},
            "workbench diff (json)": {"cmd": self.wb("diff", "last~1", "last", "--db", big, "--output", "json"), "ok": (0, 1)},
        }
        entry = self.compare("history", f"queries on a database of {total:,} results in {runs} runs ({size_mib:,.0f} MiB)",
                             0, "", tools, self.size["query_runs"])
        entry["databaseResults"] = total
        for tool in ("workbench history", "workbench diff last~1 last"):
            seconds = entry["tools"][tool]["medianSeconds"]
            self.target(tool.replace("workbench ", ""), f"< 200 ms on {total:,} results", seconds * 1000,
                        seconds < 0.2, "milliseconds")

    def sequential_db_only(self) -> None:
        n = self.size["requests"]
        url = self.nginx.url("/small.txt")
        self.seq_collection = workloads.plain_collection(self.path("seq.json"), "bench-seq", url, n)
        self.seq_db = self.path("seq.db")
        remove_db(self.seq_db)
        sample = measure.run(self.wb("run", self.seq_collection, "--quiet", "--db", self.seq_db), env=self.env)
        self.results["workloads"].setdefault("sequential", {"tools": {"workbench": {"medianSeconds": sample.seconds}}})

    # ------------------------------------------------------------------ run and report

    def machine(self) -> dict:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
        versions = {}
        for name, command in (("workbench", [self.args.workbench, "--version"]), ("curl", ["curl", "--version"]),
                              ("python", [self.python, "--version"])):
            versions[name] = subprocess.run(command, capture_output=True, text=True).stdout.splitlines()[0].strip()
        import httpx  # noqa: PLC0415 (the venv's)
        versions["httpx"] = httpx.__version__
        return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
                "loadAverageAtStart": os.getloadavg(), "versions": versions}

    def main(self) -> int:
        chosen = self.args.only.split(",") if self.args.only else \
            ["server", "sequential", "parallel", "startup", "download", "assertions", "browser", "store"]
        started = datetime.datetime.now(datetime.timezone.utc)
        # A partial run (--only) is kept apart from full runs: latest-full.* stays the last full run.
        mode = ("quick" if self.args.quick else "full") + ("-only" if self.args.only else "")
        self.results.update({"mode": mode,
                             "startedAt": started.isoformat(timespec="seconds"), "machine": self.machine(),
                             "sizes": self.size})
        self.nginx.start()
        try:
            steps = {"server": self.check_server, "sequential": self.sequential, "parallel": self.parallel,
                     "startup": self.startup, "download": self.download, "assertions": self.assertions,
                     "browser": self.browser, "store": self.store}
            for name in chosen:
                steps[name]()
        finally:
            self.nginx.stop()
            if not self.args.keep:
                shutil.rmtree(self.work, ignore_errors=True)
        self.results["loadAverageAtEnd"] = os.getloadavg()
        self.results["endedAt"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        table = render(self.results)
        print(table)
        os.makedirs(self.args.out, exist_ok=True)
        stamp = started.strftime("%Y%m%dT%H%M%SZ")
        name = f"{stamp}-{self.results['mode']}.json"
        for target in (name, f"latest-{self.results['mode']}.json"):
            with open(os.path.join(self.args.out, target), "w") as f:
                json.dump(self.results, f, indent=2)
        with open(os.path.join(self.args.out, f"latest-{self.results['mode']}.md"), "w") as f:
            f.write(table + "\n")
        self.log(f"results: {os.path.join(self.args.out, name)}")
        return 0


def render(results: dict) -> str:
    lines = [f"Workbench benchmark ({results['mode']}), {results['startedAt']}, "
             f"{results['machine']['cores']} cores, {results['machine']['cpu']}", ""]
    check = results.get("serverCheck")
    if check:
        rates = ", ".join(f"{k}: {v:,.0f} req/s" for k, v in check["wrkRequestsPerSecond"].items())
        lines += [f"Server: {check['server']} on 127.0.0.1; wrk {rates}", ""]
    lines += ["| workload | tool | median | throughput | peak RSS |", "|---|---|---:|---:|---:|"]
    for name, entry in results["workloads"].items():
        if "tools" not in entry or "unit" not in entry:
            continue
        for tool, t in entry["tools"].items():
            throughput = f"{t['throughput']:,.0f} {entry['unit']}" if t.get("throughput") else ""
            lines.append(f"| {name} | {tool} | {t['medianSeconds'] * 1000:,.1f} ms | {throughput} | {t['maxRssMiB']:.1f} MiB |")
    lines += ["", "| workload | ratio | value |", "|---|---|---:|"]
    for name, entry in results["workloads"].items():
        for ratio, value in entry.get("ratios", {}).items():
            lines.append(f"| {name} | {ratio} | {value:.2f} |")
    store = results["workloads"].get("store")
    if store:
        lines += ["", f"Store: {store['description']}: {store['storeSeconds']:.2f} s "
                      f"({store['microsPerResult']:.1f} µs/result), {store['share'] * 100:.1f} % of an estimated "
                      f"{store['estimatedRunSeconds']:.1f} s run"]
    lines += ["", "| target | goal | measured | met |", "|---|---|---:|---|"]
    for t in results["targets"]:
        lines.append(f"| {t['name']} | {t['goal']} | {t['measured']:.3f} {t['detail']} | {'yes' if t['met'] else 'NO'} |")
    return "\n".join(lines)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, one or two runs: a smoke test")
    parser.add_argument("--only", help="comma-separated workloads: server,sequential,parallel,startup,download,"
                                       "assertions,browser,store")
    parser.add_argument("--rounds", type=int, default=0,
                        help="rounds of every throughput, download, store and query workload (default: 3 full, 1-2 quick)")
    parser.add_argument("--workbench", required=True)
    parser.add_argument("--store-bench", required=True)
    parser.add_argument("--limit-seq", required=True)
    parser.add_argument("--limit-par", required=True)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    parser.add_argument("--work-dir", default=None, help="where the temporary folder goes (default: $TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (databases, configs)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(Bench(parse_arguments()).main())
