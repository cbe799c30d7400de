// Runs the node context of the conformance plan with node's own fetch (undici), the way httpx's
// Emscripten transport uses it (the same code as the browser contexts: runner.js), and reports
// node's version and what its JSPI flags accept and expose.
// Usage: node conformance/node-runner.mjs PLAN.json > RESULTS.json
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const WB = require("./runner.js");

const probe =
  "console.log(JSON.stringify({Suspender: typeof WebAssembly.Suspender, Function: typeof WebAssembly.Function," +
  " Suspending: typeof WebAssembly.Suspending, promising: typeof WebAssembly.promising}))";

function flagReport(flag) {
  const args = flag ? [flag, "-e", probe] : ["-e", probe];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 20000 });
  const accepted = child.status === 0;
  let exposes = null;
  if (accepted) {
    try { exposes = JSON.parse(child.stdout.trim()); } catch { exposes = child.stdout.trim(); }
  }
  return { flag: flag || "(none)", accepted, exposes, stderr: accepted ? "" : child.stderr.trim().split("\n")[0] };
}

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const req of plan.contexts.nf || []) {
  try {
    results.push(await WB.runFetch(req));
  } catch (e) {
    results.push({ tag: req.tag, outcome: "harness-error", errorName: e.name, errorMessage: String(e.message) });
  }
}
const facts = {
  where: "node",
  version: process.version,
  xmlHttpRequest: typeof XMLHttpRequest === "function",
  flags: [flagReport(null), flagReport("--experimental-wasm-stack-switching"), flagReport("--experimental-wasm-jspi")],
};
process.stdout.write(JSON.stringify({ facts, results }) + "\n");
