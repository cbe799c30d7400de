// The dedicated worker (served at /worker.js, the script URL browser profiles assume for a worker's
// same-origin Referer): worker fetch, worker sync XHR, then worker fetch again for the run_sync path.
"use strict";
importScripts("/__conformance/runner.js");

onmessage = async (event) => {
  const { run, wf, wx, wj } = event.data;
  try {
    await WB.post(run, { kind: "facts", facts: WB.facts("worker") });
    await WB.runContext(run, "wf", wf, (req) => WB.runFetch(req));
    await WB.runContext(run, "wx", wx, (req) => WB.runSyncXHR(req, true));
    await WB.runContext(run, "wj", wj, (req) => WB.runFetch(req));
  } catch (e) {
    await WB.post(run, { kind: "error", where: "worker", message: String((e && e.stack) || e) });
  }
  postMessage("done");
};
