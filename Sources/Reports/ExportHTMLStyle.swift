/// The HTML report's inline style sheet: system fonts only, light and dark schemes, no external resource.
enum HTMLStyle {
    static let css = """

    :root { color-scheme: light dark; --fg: #1d232b; --muted: #5d6773; --bg: #ffffff; --card: #f6f8fa; --line: #d9dee4;
      --pass: #1a7f37; --fail: #cf222e; --err: #9a3412; --skip: #6e7781; --code: #eef1f4; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9aa5b1; --bg: #0d1117; --card: #161b22;
      --line: #30363d; --pass: #3fb950; --fail: #f85149; --err: #f0883e; --skip: #8b949e; --code: #1f2630; } }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
      color: var(--fg); background: var(--bg); }
    h1 { margin: 0 0 .3rem; font-size: 1.6rem; } h1 .profile { color: var(--muted); font-weight: 500; }
    h2 { margin: 2rem 0 .6rem; font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
    h3 { margin: 0 0 .3rem; font-size: 1.05rem; } h4 { margin: 1rem 0 .3rem; font-size: .95rem; }
    a { color: inherit; }
    .meta { color: var(--muted); margin: .1rem 0; font-size: .9rem; }
    .mono, code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .85rem; }
    code { background: var(--code); padding: 0 .25rem; border-radius: 3px; }
    .counts { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .7rem; }
    .count { padding: .2rem .6rem; border-radius: 999px; background: var(--card); border: 1px solid var(--line); font-weight: 600; }
    .count.zero { opacity: .55; } .count.passed { color: var(--pass); } .count.failed { color: var(--fail); }
    .count.errored { color: var(--err); } .count.skipped { color: var(--skip); }
    .badge { display: inline-block; min-width: 4.5rem; text-align: center; padding: 0 .4rem; border-radius: 4px; color: #fff;
      font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .02em; }
    .badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); }
    .badge.errored { background: var(--err); } .badge.skipped { background: var(--skip); }
    table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    td.num { text-align: right; white-space: nowrap; }
    .card { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--skip); border-radius: 6px;
      padding: .8rem 1rem; margin: 1rem 0; overflow-wrap: anywhere; }
    .card.passed { border-left-color: var(--pass); } .card.failed { border-left-color: var(--fail); } .card.errored { border-left-color: var(--err); }
    .card .method { font-family: ui-monospace, monospace; }
    .url { margin: 0 0 .4rem; color: var(--muted); }
    .facts { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: .3rem 0; } .facts dt { color: var(--muted); } .facts dd { margin: 0 0 0 .3rem; }
    .facts dt::after { content: ":"; }
    .note { font-style: italic; color: var(--muted); }
    .exception { border-left: 3px solid var(--fail); padding: .3rem .6rem; background: var(--bg); margin: .5rem 0; }
    .exception .cause { color: var(--muted); font-size: .9rem; }
    tr.fail td:first-child { color: var(--fail); font-weight: 700; } tr.pass td:first-child { color: var(--pass); }
    .why { color: var(--muted); font-size: .85rem; }
    details.exchange { border: 1px solid var(--line); border-radius: 4px; margin: .5rem 0; padding: .3rem .6rem; background: var(--bg); }
    details.exchange > summary { cursor: pointer; font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
    pre { margin: .4rem 0; padding: .5rem; background: var(--code); border-radius: 4px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
    pre.sent { border-left: 3px solid #3b82f6; } pre.received { border-left: 3px solid #a855f7; }
    .body-note { color: var(--muted); font-size: .85rem; margin: .1rem 0; }
    .waterfall { display: grid; gap: 3px; margin: .4rem 0; }
    .wf-row { display: grid; grid-template-columns: minmax(8rem, 16rem) 1fr 5.5rem; align-items: center; gap: .5rem; }
    .waterfall.small .wf-row { grid-template-columns: 8rem 1fr 5.5rem; }
    .wf-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: .85rem; }
    .wf-track { position: relative; height: 14px; overflow: hidden; background: var(--code); border-radius: 2px; }
    .wf-time { text-align: right; font-size: .8rem; color: var(--muted); }
    .wf-none { position: absolute; left: .3rem; top: -2px; font-size: .75rem; color: var(--muted); }
    .seg { position: absolute; top: 2px; bottom: 2px; min-width: 1px; }
    .seg.dns, .key.dns { background: #14b8a6; } .seg.connect, .key.connect { background: #f59e0b; }
    .seg.tls, .key.tls { background: #a855f7; } .seg.send, .key.send { background: #64748b; }
    .seg.wait, .key.wait { background: #22c55e; } .seg.receive, .key.receive { background: #3b82f6; }
    .seg.failed { background: var(--fail); }
    .legend { font-size: .8rem; color: var(--muted); } .key { display: inline-block; width: .8rem; height: .8rem; margin: 0 .2rem 0 .6rem; vertical-align: middle; }
    footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }

    """
}
