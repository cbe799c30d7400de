// The page: runs the main-thread contexts (fetch, sync XHR, fetch again for the run_sync path), then
// starts the worker for the worker contexts. The page's URL is rewritten to "/" first, so that a same-origin Referer is
// "<page origin>/" as the browser profiles model it.
"use strict";

(async () => {
  const run = new URLSearchParams(location.search).get("run") || "default";
  const status = document.getElementById("status");
  history.replaceState(null, "", "/");
  try {
    const plan = await (await fetch("/__conformance/plan.json", { cache: "no-store" })).json();
    await WB.post(run, { kind: "facts", facts: WB.facts("page") });
    await WB.runContext(run, "mf", plan.contexts.mf || [], (req) => WB.runFetch(req));
    await WB.runContext(run, "mx", plan.contexts.mx || [], (req) => WB.runSyncXHR(req, false));
    await WB.runContext(run, "mj", plan.contexts.mj || [], (req) => WB.runFetch(req));
    const worker = new Worker("/worker.js");
    await new Promise((resolve) => {
      worker.onmessage = resolve;
      worker.onerror = (e) => { WB.post(run, { kind: "error", where: "worker", message: String(e.message) }).then(resolve); };
      worker.postMessage({ run, wf: plan.contexts.wf || [], wx: plan.contexts.wx || [], wj: plan.contexts.wj || [] });
    });
    await WB.post(run, { kind: "done" });
    status.textContent = "done";
  } catch (e) {
    await WB.post(run, { kind: "error", where: "page", message: String((e && e.stack) || e) });
    status.textContent = "failed: " + e;
  }
})();
