// The dedicated worker (served at /worker.js, the script URL browser profiles assume for a worker's
// same-origin Referer): worker fetch, then worker sync XHR.
"use strict";
importScripts("/__conformance/runner.js");

onmessage = async (event) => {
  const { run, wf, wx } = event.data;
  try {
    await WB.post(run, { kind: "facts", facts: WB.facts("worker") });
    await WB.runContext(run, "wf", wf, (req) => WB.runFetch(req));
    await WB.runContext(run, "wx", wx, (req) => WB.runSyncXHR(req, true));
  } catch (e) {
    await WB.post(run, { kind: "error", where: "worker", message: String((e && e.stack) || e) });
  }
  postMessage("done");
};
