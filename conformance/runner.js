// Conformance runner shared by page.html (main thread), worker.js (a dedicated worker) and, through
// node-runner.mjs, node. Each request is made the way httpx's Emscripten transport makes it:
// fetch with an AbortController timer (the connect timeout as one clock, until the body is read),
// or a synchronous XMLHttpRequest (in a worker with xhr.timeout = the connect timeout; on the main
// thread without a timeout, which cannot be set there). Each result says what JavaScript saw.
"use strict";

const WB = (() => {
  function b64decode(text) {
    const raw = atob(text);
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  async function sha256hex(bytes) {
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function errorText(e) {
    let text = String((e && e.message) || e);
    let cause = e && e.cause;
    while (cause) {
      text += " | cause: " + String(cause.message || cause.code || cause);
      cause = cause.cause;
    }
    return text;
  }

  function failure(req, t0, outcome, e) {
    return {
      tag: req.tag, outcome, errorName: (e && e.name) || typeof e, errorMessage: errorText(e),
      status: null, headers: null, bodyLength: null, bodySHA256: null, url: null,
      ms: Math.round(performance.now() - t0),
    };
  }

  // fetch as the transport uses it: the connect timeout as one AbortController clock.
  async function runFetch(req) {
    const t0 = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), req.timeoutMs);
    try {
      const headers = new Headers();
      for (const [name, value] of req.headers) headers.append(name, value);
      const init = { method: req.method, headers, signal: controller.signal, credentials: req.credentials };
      if (req.body !== null) init.body = b64decode(req.body);
      const response = await fetch(req.url, init);
      const body = new Uint8Array(await response.arrayBuffer());
      clearTimeout(timer);
      return {
        tag: req.tag, outcome: "ok", errorName: null, errorMessage: null,
        status: response.status, headers: Array.from(response.headers), bodyLength: body.length,
        bodySHA256: await sha256hex(body), url: response.url, ms: Math.round(performance.now() - t0),
      };
    } catch (e) {
      clearTimeout(timer);
      return failure(req, t0, controller.signal.aborted ? "timeout" : "error", e);
    }
  }

  function parseRawHeaders(raw) {
    const out = [];
    for (const line of raw.split("\r\n")) {
      if (!line) continue;
      const colon = line.indexOf(":");
      out.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
    return out;
  }

  // A synchronous XMLHttpRequest as the transport uses it.
  async function runSyncXHR(req, inWorker) {
    const t0 = performance.now();
    const xhr = new XMLHttpRequest();
    try {
      xhr.open(req.method, req.url, false);
      if (inWorker) {
        xhr.responseType = "arraybuffer";
        if (req.timeoutMs > 0) xhr.timeout = req.timeoutMs;
      } else {
        xhr.overrideMimeType("text/plain; charset=x-user-defined");
      }
      xhr.withCredentials = req.credentials === "include";
      for (const [name, value] of req.headers) xhr.setRequestHeader(name, value);
      xhr.send(req.body === null ? null : b64decode(req.body));
    } catch (e) {
      return failure(req, t0, e && e.name === "TimeoutError" ? "timeout" : "error", e);
    }
    let body;
    if (inWorker) {
      body = new Uint8Array(xhr.response || new ArrayBuffer(0));
    } else {
      const text = xhr.responseText;
      body = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) body[i] = text.charCodeAt(i) & 0xff;
    }
    return {
      tag: req.tag, outcome: "ok", errorName: null, errorMessage: null,
      status: xhr.status, headers: parseRawHeaders(xhr.getAllResponseHeaders()), bodyLength: body.length,
      bodySHA256: await sha256hex(body), url: xhr.responseURL, ms: Math.round(performance.now() - t0),
    };
  }

  async function post(run, document) {
    await fetch("/__conformance/results?run=" + encodeURIComponent(run), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(document),
    });
  }

  // Runs one context's requests in order and posts them as one batch.
  async function runContext(run, context, requests, runOne) {
    const results = [];
    for (const req of requests) {
      try {
        results.push(await runOne(req));
      } catch (e) {
        results.push(failure(req, performance.now(), "harness-error", e));
      }
    }
    await post(run, { kind: "results", context, results });
  }

  function facts(where) {
    const out = { where, userAgent: (typeof navigator !== "undefined" && navigator.userAgent) || null };
    out.jspiSuspending = typeof WebAssembly !== "undefined" && typeof WebAssembly.Suspending === "function";
    out.jspiPromising = typeof WebAssembly !== "undefined" && typeof WebAssembly.promising === "function";
    out.xmlHttpRequest = typeof XMLHttpRequest === "function";
    out.isSecureContext = typeof isSecureContext !== "undefined" ? isSecureContext : null;
    if (typeof XMLHttpRequest === "function") {
      try {
        const xhr = new XMLHttpRequest();
        xhr.open("GET", "/__conformance/plan.json", false);
        xhr.timeout = 1000;
        out.syncXHRTimeout = "accepted";
      } catch (e) {
        out.syncXHRTimeout = "throws " + e.name;
      }
    }
    return out;
  }

  return { runFetch, runSyncXHR, runContext, post, facts };
})();

if (typeof module !== "undefined") module.exports = WB;
