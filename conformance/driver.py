#!/usr/bin/env python3
"""Conformance driver: Workbench's profiles against real headless Chromium and real node.

Starts `workbench serve --conformance DIR`, runs every case of cases.json
  - in Chromium: main-thread fetch (mf), main-thread sync XHR (mx), worker fetch (wf), worker sync XHR (wx);
  - in node: fetch (nf);
  - through `workbench run` under the profile and mode each context stands for
    (mf: browser-main async, mx: browser-main sync, wf: browser-worker async, wx: browser-worker sync,
     mj: browser-main-jspi sync and wj: browser-worker-jspi sync (fetch awaited with run_sync), nf: node-jspi async),
then compares per case and context what JavaScript saw with what Workbench predicts (outcome, status,
visible headers, body length and SHA-256, final URL) and what reached the server on each side
(the fixture server's request log: preflights, methods, paths, request headers as received).

Every disagreement must be fixed or listed as a known limit in docs/conformance.md ("## Known limits");
the exit status is 0 when all are, 1 when some are not, 2 when the suite could not run.
Python 3 standard library only.
"""
import argparse
import base64
import datetime
import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CONTEXTS = {
    "mf": {"label": "Chromium main-thread fetch", "profile": "browser-main", "mode": "async", "runtime": "chromium"},
    "mx": {"label": "Chromium main-thread sync XHR", "profile": "browser-main", "mode": "sync", "runtime": "chromium"},
    "wf": {"label": "Chromium worker fetch", "profile": "browser-worker", "mode": "async", "runtime": "chromium"},
    "wx": {"label": "Chromium worker sync XHR", "profile": "browser-worker", "mode": "sync", "runtime": "chromium"},
    "mj": {"label": "Chromium main-thread fetch (run_sync)", "profile": "browser-main-jspi", "mode": "sync", "runtime": "chromium"},
    "wj": {"label": "Chromium worker fetch (run_sync)", "profile": "browser-worker-jspi", "mode": "sync", "runtime": "chromium"},
    "nf": {"label": "node fetch", "profile": "node-jspi", "mode": "async", "runtime": "node"},
}

# Routes whose body describes the request (headers, URL with its tag): their bodies differ between the
# two sides by construction, so only the body of the other routes is compared.
ECHO_PREFIXES = ("/get", "/echo", "/anything", "/headers", "/delay", "/redirect", "/gzip", "/cookies")

# Request headers whose presence is compared but not their value: headless Chromium's User-Agent says
# HeadlessChrome where the profile has the User-Agent of a headed Chromium 156.
PRESENCE_ONLY = {"user-agent"}

HTTPX_DEFAULTS = [("Accept", "*/*"), ("Accept-Encoding", "gzip, deflate"), ("Connection", "keep-alive")]


def fail(message):
    print("conformance: " + message, file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------------------------
# Cases → concrete requests


def httpx_quote(text):
    """Percent-encodes a query name or value as httpx does (everything but unreserved bytes)."""
    return urllib.parse.quote(text, safe="-._~")


def body_bytes(body):
    if body is None:
        return None
    if "text" in body:
        return body["text"].encode("utf-8")
    if "base64" in body:
        return base64.b64decode(body["base64"])
    if "repeat" in body:
        return (body["repeat"] * int(body["times"])).encode("utf-8")
    fail("unknown body kind in %r" % (body,))


def tag_of(case_id, ctx, side):
    return "%s.%s.%s" % (case_id, ctx, side)


def build_request(case, ctx, side, origins):
    tag = tag_of(case["id"], ctx, side)
    env = {"base": origins["base"], "page": origins["page"], "tag": "wbc=" + tag, "slot": tag.replace(".", "-")}

    def expand(text):
        return re.sub(r"\{\{(\w+)\}\}", lambda m: env[m.group(1)], text)

    url = expand(case["url"])
    pairs = [(name, expand(value)) for name, value in case.get("query", [])] + [("wbc", tag)]
    url += ("&" if "?" in url else "?") + "&".join("%s=%s" % (httpx_quote(n), httpx_quote(v)) for n, v in pairs)
    return {
        "tag": tag,
        "case": case["id"],
        "method": case.get("method", "GET"),
        "url": url,
        "headers": list(case.get("headers", {}).items()),
        "body": body_bytes(case.get("body")),
        "timeout": case.get("timeout"),
        "credentials": case.get("credentials", "same-origin"),
        "proxy": case.get("proxy"),
    }


def js_request(req, ctx):
    """The request as httpx's transport hands it to JavaScript: httpx's default headers (Host, Accept,
    Accept-Encoding, Connection) merged with the request's, User-Agent removed by the transport,
    Content-Length for a body; the connect timeout (5 s by default) as the one limit."""
    host = urllib.parse.urlsplit(req["url"]).netloc
    headers = [("Host", host)] + HTTPX_DEFAULTS
    for name, value in req["headers"]:
        for i, (existing, _) in enumerate(headers):
            if existing.lower() == name.lower():
                headers[i] = (name, value)
                break
        else:
            headers.append((name, value))
    if not any(n.lower() == "content-length" for n, _ in headers):
        if req["body"] is not None:
            headers.append(("Content-Length", str(len(req["body"]))))
        elif req["method"] in ("POST", "PUT", "PATCH"):
            headers.append(("Content-Length", "0"))  # httpx sends it on a bodiless POST, PUT, PATCH
    headers = [[n, v] for n, v in headers if n.lower() != "user-agent"]
    timeout = req["timeout"] if req["timeout"] is not None else 5
    return {
        "tag": req["tag"],
        "method": req["method"],
        "url": req["url"],
        "headers": headers,
        "body": None if req["body"] is None else base64.b64encode(req["body"]).decode("ascii"),
        "timeoutMs": 0 if ctx == "mx" else int(timeout * 1000),
        "credentials": req["credentials"],
    }


def wb_request(req, name):
    entry = {"name": name, "method": req["method"], "url": req["url"]}
    if req["headers"]:
        entry["headers"] = dict(req["headers"])
    if req["body"] is not None:
        entry["body"] = {"base64": base64.b64encode(req["body"]).decode("ascii")}
    options = {}
    if req["timeout"] is not None:
        options["timeout"] = req["timeout"]
    if req["proxy"]:
        options["proxy"] = req["proxy"]
    if options:
        entry["options"] = options
    return entry


# ---------------------------------------------------------------------------------------------
# Processes


class Server:
    def __init__(self, binary, www, log_path):
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(
            [binary, "serve", "--port", "0", "--page-port", "0", "--conformance", www],
            stdout=subprocess.PIPE, stderr=self.log, text=True, start_new_session=True)
        self.base = self.page = None
        deadline = time.time() + 30
        while time.time() < deadline and not (self.base and self.page):
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"base \(API\):\s+(\S+)", line)
            if m:
                self.base = m.group(1)
            m = re.search(r"page origin:\s+(\S+)", line)
            if m:
                self.page = m.group(1)
        if not (self.base and self.page):
            self.stop()
            fail("`workbench serve` did not report its two origins (see %s)" % log_path)

    def get_json(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return json.loads(response.read())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def run_workbench(binary, work, ctx, credentials, requests, origins):
    spec = CONTEXTS[ctx]
    collection = {"name": "conformance %s %s" % (ctx, credentials), "requests": requests}
    path = os.path.join(work, "wb-%s-%s.json" % (ctx, credentials))
    with open(path, "w") as f:
        json.dump(collection, f, indent=1)
    cmd = [binary, "run", path, "--profile", spec["profile"], "--mode", spec["mode"], "--origin", origins["page"],
           "--credentials", credentials, "--output", "json", "--db", os.path.join(work, "wb.db"), "--quiet",
           "--keep-header", "Set-Cookie", "--keep-header", "Cookie", "--keep-header", "Authorization",
           "--keep-header", "Proxy-Authorization"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode not in (0, 1):
        fail("`%s` exited %d:\n%s" % (" ".join(cmd), proc.returncode, proc.stderr.strip()))
    try:
        document = json.loads(proc.stdout)
    except json.JSONDecodeError:
        fail("`workbench run --output json` printed no JSON for %s:\n%s" % (ctx, proc.stderr.strip()))
    return document["runs"][0]["results"]


def run_chromium(chromium, server, run_token, work, timeout):
    profile_dir = os.path.join(work, "chromium-profile")
    url = "%s/__conformance/page.html?run=%s" % (server.page, run_token)
    log = open(os.path.join(work, "chromium.log"), "w")
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
           "--disable-default-apps", "--mute-audio", "--user-data-dir=" + profile_dir, url]
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, start_new_session=True)
    batches = []
    deadline = time.time() + timeout
    try:
        while time.time() < deadline:
            time.sleep(0.5)
            batches = server.get_json("/__conformance/results?run=" + run_token)
            if any(b and b.get("kind") in ("done",) for b in batches):
                break
            errors = [b for b in batches if b and b.get("kind") == "error"]
            if errors:
                fail("the conformance page failed: %s" % errors[0].get("message"))
            if proc.poll() is not None:
                fail("chromium exited (%s) before the page finished; see %s" % (proc.returncode, log.name))
        else:
            fail("chromium did not finish within %d s; see %s" % (timeout, log.name))
    finally:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, 15)
            except ProcessLookupError:
                pass
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
        log.close()
    return batches


def run_node(node, plan_path):
    proc = subprocess.run([node, os.path.join(HERE, "node-runner.mjs"), plan_path], capture_output=True, text=True,
                          timeout=600)
    if proc.returncode != 0:
        fail("node-runner.mjs exited %d:\n%s" % (proc.returncode, proc.stderr.strip()))
    return json.loads(proc.stdout)


def version_of(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as error:
        return "unknown (%s)" % error


# ---------------------------------------------------------------------------------------------
# Observations and comparison


def normalize(text, tag):
    """Replaces this side's tag (and its dotless slot form) with a side-neutral one."""
    if text is None:
        return None
    neutral = tag.rsplit(".", 1)[0] + ".SIDE"
    return text.replace(tag, neutral).replace(tag.replace(".", "-"), neutral.replace(".", "-"))


def comparable_body(url):
    if not url:
        return False
    path = urllib.parse.urlsplit(url).path
    return not any(path == p or path.startswith(p + "/") or path.startswith(p + "?") for p in ECHO_PREFIXES)


def sorted_headers(pairs, tag):
    return sorted([[n.lower(), normalize(v, tag)] for n, v in pairs], key=lambda p: p[0])


def js_observation(result, tag):
    if result is None:
        return {"outcome": "missing"}
    obs = {"outcome": result["outcome"]}
    if result["outcome"] == "ok":
        obs.update({"status": result["status"], "headers": sorted_headers(result["headers"], tag),
                    "bodyLength": result["bodyLength"], "bodySHA256": result["bodySHA256"],
                    "url": normalize(result["url"], tag)})
    else:
        obs["error"] = "%s: %s" % (result.get("errorName"), result.get("errorMessage"))
    obs["ms"] = result.get("ms")
    return obs


TIMEOUT_TYPES = ("ConnectTimeout", "ReadTimeout", "WriteTimeout", "PoolTimeout", "TimeoutException")


def wb_observation(result, tag):
    if result is None:
        return {"outcome": "missing"}
    effects = [e["code"] for e in result.get("effects", [])]
    observed = result.get("observed")
    python = result.get("pythonError")
    if observed:
        obs = {"outcome": "ok", "status": int(observed["status"]), "headers": sorted_headers(observed["headers"], tag),
               "bodyLength": int(observed["bodySize"]), "bodySHA256": observed["bodySHA256"],
               "url": normalize(observed["url"], tag)}
    elif python and python["type"].endswith("DecodingError") and "double-decoding" in effects:
        # JavaScript got the (decoded) response; httpx's second decoding is what fails, in Python.
        last = next((x["response"] for x in reversed(result.get("exchanges", [])) if x.get("response")), None)
        obs = {"outcome": "ok", "status": int(last["status"]) if last else None, "pythonLayer": python["type"]}
    elif python and python["type"].split(".")[-1] in TIMEOUT_TYPES:
        obs = {"outcome": "timeout", "error": "%s: %s" % (python["type"], python["message"])}
    else:
        err = result.get("error") or {}
        obs = {"outcome": "error",
               "error": "%s: %s" % (python["type"] if python else err.get("kind"), python["message"] if python else err.get("message"))}
    obs["effects"] = effects
    # The fetch + run_sync path rewrites content-encoding to identity in Python, above what JavaScript saw.
    obs["contentEncodingRewritten"] = "content-encoding-rewritten" in effects
    obs["ms"] = round(result.get("durationMicros", 0) / 1000)
    return obs


def index_log(log):
    """The server's request log grouped by `wbc` tag, arrival order kept."""
    by_tag = {}
    for entry in log:
        for tag in urllib.parse.parse_qs(entry["query"], keep_blank_values=True).get("wbc", []):
            by_tag.setdefault(tag, []).append(entry)
    return by_tag


def server_entries(log_by_tag, tag):
    """The requests of one tag that reached the server, in order, side-neutral."""
    out = []
    for entry in log_by_tag.get(tag, []):
        headers = {}
        for h in entry["headers"]:
            name = h["name"].lower()
            value = normalize(h["value"], tag)
            headers[name] = headers[name] + ", " + value if name in headers else value
        out.append({"method": entry["method"], "path": normalize(entry["path"], tag), "headers": headers,
                    "bodySize": entry["bodySize"]})
    return out


def compare_fields(js, wb, check_body):
    """Field-by-field differences between what JavaScript saw and what Workbench predicts."""
    diffs = []
    if js["outcome"] != wb["outcome"]:
        return [("outcome", js["outcome"] + (" (%s)" % js.get("error") if js.get("error") else ""),
                 wb["outcome"] + (" (%s)" % wb.get("error") if wb.get("error") else ""))]
    if js["outcome"] != "ok":
        return diffs
    if js.get("status") != wb.get("status"):
        diffs.append(("status", js.get("status"), wb.get("status")))
    if "pythonLayer" in wb:
        return diffs
    js_headers, wb_headers = js.get("headers"), wb.get("headers")
    if not check_body:
        # An echoed body describes the request (its User-Agent, its tag): its length differs by construction.
        js_headers = [h for h in js_headers if h[0] != "content-length"]
        wb_headers = [h for h in wb_headers if h[0] != "content-length"]
    if wb.get("contentEncodingRewritten"):
        js_headers = [h for h in js_headers if h[0] != "content-encoding"]
        wb_headers = [h for h in wb_headers if h[0] != "content-encoding"]
    if js_headers != wb_headers:
        jd, wd = dict(map(tuple, js_headers)), dict(map(tuple, wb_headers))
        for name in sorted(set(jd) | set(wd)):
            if jd.get(name) != wd.get(name):
                diffs.append(("response-header " + name, jd.get(name), wd.get(name)))
        if not diffs or all(not d[0].startswith("response-header") for d in diffs):
            diffs.append(("response-headers (order or repeats)", js_headers, wb_headers))
    if js.get("url") != wb.get("url"):
        diffs.append(("url", js.get("url"), wb.get("url")))
    if check_body and (js.get("bodyLength"), js.get("bodySHA256")) != (wb.get("bodyLength"), wb.get("bodySHA256")):
        diffs.append(("body", "%s bytes sha256 %s" % (js.get("bodyLength"), js.get("bodySHA256")),
                      "%s bytes sha256 %s" % (wb.get("bodyLength"), wb.get("bodySHA256"))))
    return diffs


def compare_server(js_entries, wb_entries):
    diffs = []
    js_seq = ["%s %s" % (e["method"], e["path"]) for e in js_entries]
    wb_seq = ["%s %s" % (e["method"], e["path"]) for e in wb_entries]
    if js_seq != wb_seq:
        return [("server requests", js_seq, wb_seq)]
    for i, (a, b) in enumerate(zip(js_entries, wb_entries)):
        where = "server #%d %s" % (i + 1, a["method"])
        for name in sorted(set(a["headers"]) | set(b["headers"])):
            va, vb = a["headers"].get(name), b["headers"].get(name)
            if name in PRESENCE_ONLY:
                va, vb = va is not None, vb is not None
            if va != vb:
                diffs.append(("%s header %s" % (where, name), va, vb))
        if a["bodySize"] != b["bodySize"]:
            diffs.append(("%s body size" % where, a["bodySize"], b["bodySize"]))
    return diffs


# ---------------------------------------------------------------------------------------------
# Known limits (docs/conformance.md)


def load_known_limits(path):
    """List items of the "## Known limits" section: - `CASE` `CONTEXT` `FIELD`: why (globs allowed)."""
    limits = []
    if not os.path.exists(path):
        return limits
    section = False
    pattern = re.compile(r"^- `([^`]+)` `([^`]+)` `([^`]+)`\s*[:—-]\s*(.+)$")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                section = line.strip().lower().startswith("## known limits")
                continue
            m = pattern.match(line.strip()) if section else None
            if m:
                limits.append({"case": m.group(1), "context": m.group(2), "field": m.group(3), "why": m.group(4).strip(),
                               "used": 0})
    return limits


def explain(limits, case_id, ctx, field):
    for limit in limits:
        if (fnmatch.fnmatchcase(case_id, limit["case"]) and fnmatch.fnmatchcase(ctx, limit["context"])
                and fnmatch.fnmatchcase(field, limit["field"])):
            limit["used"] += 1
            return limit
    return None


# ---------------------------------------------------------------------------------------------
# Report


def short(value, limit=160):
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_markdown(path, report):
    lines = ["# Conformance report", "",
             "Generated %s by `scripts/conformance`." % report["generatedAt"], "",
             "| runtime | version |", "|---|---|"]
    for name, version in report["versions"].items():
        lines.append("| %s | %s |" % (name, version))
    s = report["summary"]
    lines += ["", "**%d cases × %d contexts = %d comparisons: %d agree, %d explained by known limits, %d unexplained.**"
              % (s["cases"], s["contexts"], s["comparisons"], s["agree"], s["explained"], s["unexplained"]), "",
              "| context | profile / mode | agree | explained | unexplained |", "|---|---|---|---|---|"]
    for ctx, c in report["perContext"].items():
        spec = CONTEXTS[ctx]
        lines.append("| %s (%s) | %s %s | %d | %d | %d |" % (ctx, spec["label"], spec["profile"], spec["mode"],
                                                             c["agree"], c["explained"], c["unexplained"]))
    lines += ["", "## Per case", "", "| case | title | " + " | ".join(CONTEXTS) + " |",
              "|---|---|" + "---|" * len(CONTEXTS)]
    mark = {"agree": "✓", "explained": "≈", "unexplained": "✗", "skipped": "-"}
    for case in report["cases"]:
        cells = [mark[case["contexts"][ctx]["verdict"]] if ctx in case["contexts"] else "-" for ctx in CONTEXTS]
        lines.append("| %s | %s | %s |" % (case["id"], case["title"].replace("|", "\\|"), " | ".join(cells)))
    lines += ["", "✓ agree, ≈ every difference is a known limit (docs/conformance.md), ✗ unexplained.", "",
              "## Disagreements", ""]
    for case in report["cases"]:
        for ctx, c in case["contexts"].items():
            for d in c["differences"]:
                status = "known limit: " + d["knownLimit"] if d.get("knownLimit") else "**UNEXPLAINED**"
                lines.append("- `%s` `%s` `%s` — %s<br>runtime: `%s`<br>workbench: `%s`"
                             % (case["id"], ctx, d["field"], status, short(d["runtime"]), short(d["workbench"])))
    lines += ["", "## Runtime facts", "", "```json", json.dumps(report["facts"], indent=1), "```", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.environ.get("WORKBENCH_BIN", os.path.join(ROOT, ".build/debug/workbench")))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    parser.add_argument("--node", default=os.environ.get("NODE", "node"))
    parser.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    parser.add_argument("--limits", default=os.path.join(ROOT, "docs", "conformance.md"))
    parser.add_argument("--out", default=os.path.join(HERE, "report"), help="directory for report.json and report.md")
    parser.add_argument("--only", help="comma-separated case ids (globs allowed)")
    parser.add_argument("--contexts", default=",".join(CONTEXTS), help="comma-separated contexts: mf,mx,wf,wx,mj,wj,nf")
    parser.add_argument("--browser-timeout", type=int, default=420, help="seconds the page may take")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()

    if not os.access(args.bin, os.X_OK):
        fail("no workbench binary at %s (build it, or set WORKBENCH_BIN)" % args.bin)
    contexts = [c for c in args.contexts.split(",") if c]
    for c in contexts:
        if c not in CONTEXTS:
            fail("unknown context %r (use %s)" % (c, ",".join(CONTEXTS)))
    if any(CONTEXTS[c]["runtime"] == "chromium" for c in contexts) and not shutil.which(args.chromium):
        fail("no chromium (install it: scripts/setup chromium)")
    if "nf" in contexts and not shutil.which(args.node):
        fail("no node on PATH")

    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    if args.only:
        patterns = args.only.split(",")
        cases = [c for c in cases if any(fnmatch.fnmatchcase(c["id"], p) for p in patterns)]
    if not cases:
        fail("no cases selected")
    limits = load_known_limits(args.limits)

    work = tempfile.mkdtemp(prefix="wb-conformance-")
    www = os.path.join(work, "www")
    os.makedirs(www)
    for name in ("page.html", "page.js", "worker.js", "runner.js"):
        shutil.copy(os.path.join(HERE, name), www)
    server = Server(args.bin, www, os.path.join(work, "server.log"))
    origins = {"base": server.base, "page": server.page}
    started = time.time()
    try:
        # The concrete requests, per context and side.
        plan = {"contexts": {}}
        wb_names = {}
        wb_results = {}
        for ctx in contexts:
            js_list, wb_groups = [], {}
            for case in cases:
                for rep in range(1, int(case.get("repeat", 1)) + 1):
                    js_list.append(js_request(build_request(case, ctx, "js", origins), ctx))
                    req = build_request(case, ctx, "wb", origins)
                    name = "%s.%d" % (case["id"], rep)
                    wb_groups.setdefault(req["credentials"], []).append(wb_request(req, name))
            plan["contexts"][ctx] = js_list
            for credentials, requests in wb_groups.items():
                print("conformance: workbench run, %s (%s %s), credentials %s: %d requests"
                      % (ctx, CONTEXTS[ctx]["profile"], CONTEXTS[ctx]["mode"], credentials, len(requests)), flush=True)
                for result in run_workbench(args.bin, work, ctx, credentials, requests, origins):
                    wb_results[(ctx, result["name"])] = result
        with open(os.path.join(www, "plan.json"), "w") as f:
            json.dump(plan, f)

        facts = {}
        js_results = {}
        browser_contexts = [c for c in contexts if CONTEXTS[c]["runtime"] == "chromium"]
        if browser_contexts:
            print("conformance: chromium headless, contexts %s" % ",".join(browser_contexts), flush=True)
            token = "r%d" % os.getpid()
            for batch in run_chromium(args.chromium, server, token, work, args.browser_timeout):
                if not batch:
                    continue
                if batch.get("kind") == "facts":
                    facts["chromium-" + batch["facts"]["where"]] = batch["facts"]
                elif batch.get("kind") == "results":
                    for r in batch["results"]:
                        js_results.setdefault((batch["context"], r["tag"]), []).append(r)
        if "nf" in contexts:
            print("conformance: node fetch", flush=True)
            plan_path = os.path.join(work, "plan-node.json")
            with open(plan_path, "w") as f:
                json.dump({"contexts": {"nf": plan["contexts"]["nf"]}}, f)
            node_doc = run_node(args.node, plan_path)
            facts["node"] = node_doc["facts"]
            for r in node_doc["results"]:
                js_results.setdefault(("nf", r["tag"]), []).append(r)

        log = index_log(server.get_json("/__log")["requests"])
    finally:
        server.stop()

    versions = {"chromium": version_of([args.chromium, "--version"]), "node": version_of([args.node, "--version"]),
                "workbench": version_of([args.bin, "--version"])}

    # Compare.
    report_cases = []
    summary = {"cases": len(cases), "contexts": len(contexts), "comparisons": 0, "agree": 0, "explained": 0,
               "unexplained": 0}
    per_context = {ctx: {"agree": 0, "explained": 0, "unexplained": 0} for ctx in contexts}
    unexplained_lines = []
    explained_lines = []
    for case in cases:
        entry = {"id": case["id"], "title": case.get("title", ""), "ref": case.get("ref"), "contexts": {}}
        for ctx in contexts:
            js_tag, wb_tag = tag_of(case["id"], ctx, "js"), tag_of(case["id"], ctx, "wb")
            js_list = js_results.get((ctx, js_tag), [])
            differences = []
            observations = []
            for rep in range(1, int(case.get("repeat", 1)) + 1):
                js = js_observation(js_list[rep - 1] if len(js_list) >= rep else None, js_tag)
                wb = wb_observation(wb_results.get((ctx, "%s.%d" % (case["id"], rep))), wb_tag)
                prefix = "" if rep == 1 else "#%d " % rep
                for field, a, b in compare_fields(js, wb, comparable_body(js.get("url"))):
                    differences.append({"field": prefix + field, "runtime": a, "workbench": b})
                observations.append({"runtime": js, "workbench": wb})
            js_server, wb_server = server_entries(log, js_tag), server_entries(log, wb_tag)
            for field, a, b in compare_server(js_server, wb_server):
                differences.append({"field": field, "runtime": a, "workbench": b})
            verdict = "agree"
            for d in differences:
                limit = explain(limits, case["id"], ctx, d["field"])
                if limit:
                    d["knownLimit"] = limit["why"]
                    verdict = "explained" if verdict == "agree" else verdict
                    explained_lines.append("  %s %s %s (known limit)\n      runtime:   %s\n      workbench: %s"
                                           % (case["id"], ctx, d["field"], short(d["runtime"], 200),
                                              short(d["workbench"], 200)))
                else:
                    verdict = "unexplained"
                    unexplained_lines.append("  %s %s %s\n      runtime:   %s\n      workbench: %s"
                                             % (case["id"], ctx, d["field"], short(d["runtime"], 300),
                                                short(d["workbench"], 300)))
            summary["comparisons"] += 1
            summary[verdict] += 1
            per_context[ctx][verdict] += 1
            entry["contexts"][ctx] = {"verdict": verdict, "differences": differences, "observations": observations,
                                      "server": {"runtime": js_server, "workbench": wb_server}}
        report_cases.append(entry)

    report = {"generatedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "versions": versions, "origins": origins, "summary": summary, "perContext": per_context,
              "facts": facts, "cases": report_cases,
              "unusedKnownLimits": [l for l in limits if l["used"] == 0],
              "seconds": round(time.time() - started, 1)}
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    write_markdown(os.path.join(args.out, "report.md"), report)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print("conformance: work directory kept: %s" % work)

    print("conformance: %s; %s" % (versions["chromium"], "node " + versions["node"]))
    for where in ("chromium-page", "chromium-worker"):
        f = facts.get(where)
        if f:
            print("  %s: JSPI (WebAssembly.Suspending/promising) %s; setting xhr.timeout on a sync XHR %s"
                  % (where, "exposed" if f.get("jspiSuspending") and f.get("jspiPromising") else "absent",
                     f.get("syncXHRTimeout")))
    for flag in (facts.get("node") or {}).get("flags", []):
        exposed = [k for k, v in (flag.get("exposes") or {}).items() if v == "function"]
        print("  node %s: %s" % (flag["flag"], ("accepted, exposes WebAssembly." + ", WebAssembly.".join(exposed)) if flag["accepted"] and exposed
                                  else "accepted, exposes no JSPI API" if flag["accepted"] else "rejected (%s)" % flag["stderr"]))
    for ctx, c in per_context.items():
        print("  %-3s %-38s %-19s %-5s agree %3d  explained %3d  unexplained %3d"
              % (ctx, CONTEXTS[ctx]["label"], CONTEXTS[ctx]["profile"], CONTEXTS[ctx]["mode"], c["agree"],
                 c["explained"], c["unexplained"]))
    print("conformance: %d comparisons, %d agree, %d explained by known limits, %d unexplained (%.0f s)"
          % (summary["comparisons"], summary["agree"], summary["explained"], summary["unexplained"], report["seconds"]))
    if explained_lines:
        print("disagreements explained by known limits (docs/conformance.md):")
        print("\n".join(explained_lines))
    if unexplained_lines:
        print("unexplained disagreements (runtime vs workbench):")
        print("\n".join(unexplained_lines))
    for limit in report["unusedKnownLimits"]:
        print("note: known limit not needed in this run: `%s` `%s` `%s`" % (limit["case"], limit["context"], limit["field"]))
    print("report: %s, %s" % (os.path.join(args.out, "report.md"), os.path.join(args.out, "report.json")))
    sys.exit(1 if summary["unexplained"] else 0)


if __name__ == "__main__":
    main()
