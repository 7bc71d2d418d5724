"""Turn benchmarks/bench.py's JSON into a Markdown table and a PNG chart, and check the targets.

    python benchmarks/report.py benchmarks/results/bench.json

Writes bench.md and bench.png beside the JSON. Every comparison is a ratio between
configurations measured in the same run:
  - each class's defaults reach >= 95 % of the best setting tried for it (default and sweeps);
  - the defaults of the class the README recommends for hello and io beat the seed guide's
    setup (3 sync workers, no upstream keep-alive) by >= 1.3x;
  - io with one worker at 500 connections on gevent / asgi / uvicorn reaches >= 90 % of the ideal
    (500 / 0.1 s = 5000 req/s) with p99 below 150 ms;
  - hold: one worker of gevent, eventlet, tornado, asgi and uvicorn holding 1,000, 5,000 and
    10,000 connections whose requests each wait 10 s answers with 0 errors, p99 below 11 s, and
    >= 90 % of the answers the connections can get in the run (one per connection every 10 s:
    3 each in 31 s, the ideal throughput of connections / 10 s); the memory of nginx and of the
    worker halfway is reported.
"""
import json
import sys
from pathlib import Path

MATRIX = json.loads((Path(__file__).resolve().parent / "matrix.json").read_text())
IO_IDEAL = 500 / 0.1


def find(cells, **want):
    return [c for c in cells if all(c.get(k) == v for k, v in want.items())]


def targets(cells):
    rows = []
    for cell in find(cells, config="default"):
        tried = [c for c in find(cells, **{"class": cell["class"], "workload": cell["workload"]})
                 if c["config"] == "default" or c["config"].startswith("sweep-")]
        if len(tried) < 2:
            continue  # nothing to compare with (a smoke run measures the defaults only)
        best = max(tried, key=lambda c: c["rps"] or 0)
        ratio = (cell["rps"] or 0) / best["rps"] if best["rps"] else 0
        rows.append({"target": f"{cell['class']} {cell['workload']}: defaults >= 95 % of the best setting",
                     "figure": f"{ratio:.0%} of {best['config']} ({cell['rps']} vs {best['rps']} req/s)",
                     "met": ratio >= 0.95})
    for workload in ("hello", "io"):
        klass = MATRIX["recommended"][workload]
        ours = find(cells, **{"class": klass, "config": "default", "workload": workload})
        guide = find(cells, config="guide", workload=workload)
        if ours and guide and not guide[0]["rps"]:
            rows.append({"target": f"{workload}: {klass} defaults >= 1.3x the guide's setup",
                         "figure": f"{ours[0]['rps']} req/s; the guide's setup answered nothing within the run",
                         "met": (ours[0]["rps"] or 0) > 0})
        elif ours and guide:
            ratio = (ours[0]["rps"] or 0) / guide[0]["rps"]
            rows.append({"target": f"{workload}: {klass} defaults >= 1.3x the guide's setup",
                         "figure": f"{ratio:.2f}x ({ours[0]['rps']} vs {guide[0]['rps']} req/s)",
                         "met": ratio >= 1.3})
    for cell in find(cells, config="one-worker-500"):
        share = (cell["rps"] or 0) / IO_IDEAL
        rows.append({"target": f"{cell['class']} io, one worker, 500 connections: >= 90 % of 5000 req/s, p99 < 150 ms",
                     "figure": f"{share:.0%} ({cell['rps']} req/s), p99 {cell['p99_ms']} ms, {cell['errors']} errors",
                     "met": share >= 0.9 and (cell["p99_ms"] or 1e9) < 150 and cell["errors"] == 0})
    for cell in find(cells, config="hold"):
        rounds = int(cell["seconds"] // MATRIX["hold"]["hold_seconds"])
        share = (cell["requests"] or 0) / (cell["connections"] * rounds)
        rows.append({"target": f"{cell['class']} hold, one worker, {cell['connections']:,} connections waiting "
                               f"10 s: 0 errors, >= 90 % of the answers, p99 < 11 s",
                     "figure": f"{share:.0%} ({cell['requests']} of {cell['connections'] * rounds}; {cell['rps']} req/s), "
                               f"p99 {cell['p99_ms']} ms, {cell['errors']} errors; nginx {cell.get('nginx_mb')} MiB, "
                               f"worker {cell.get('worker_mb')} MiB",
                     "met": cell["errors"] == 0 and share >= 0.9 and (cell["p99_ms"] or 1e9) < 11000})
    return rows


def comparisons(cells):
    """One setting changed from a class's defaults (matrix.json variants), and nginx's static file
    against the same bytes from the app: ratios within the run."""
    rows = []
    for cell in cells:
        if not cell["config"].startswith("variant-"):
            continue
        base = find(cells, **{"class": cell["class"], "workload": cell["workload"],
                              "config": cell.get("baseline", "default")})
        if base and base[0]["rps"]:
            rows.append({"what": f"{cell['class']} {cell['workload']} c={cell['connections']}: "
                                 f"{cell['config'][len('variant-'):]} vs {base[0]['config']}",
                         "figure": f"{(cell['rps'] or 0) / base[0]['rps']:.2f}x ({cell['rps']} vs {base[0]['rps']} "
                                   f"req/s; p99 {cell['p99_ms']} vs {base[0]['p99_ms']} ms; errors "
                                   f"{cell['errors']} vs {base[0]['errors']})"})
    static = find(cells, config="static", workload="big")
    for cell in find(cells, config="default", workload="big"):
        if static and cell["rps"]:
            rows.append({"what": f"big: nginx's static file vs {cell['class']} defaults",
                         "figure": f"{(static[0]['rps'] or 0) / cell['rps']:.2f}x "
                                   f"({static[0]['rps']} vs {cell['rps']} req/s)"})
    return rows


def markdown(report, rows, compared):
    cells = report["cells"]
    m = report["machine"]
    lines = [f"# Benchmark {'smoke ' if report['smoke'] else ''}run of {report['started']}", "",
             f"Machine: {m['cpus']} CPUs ({m['cpu']}), kernel {m['kernel']}, {' '.join(m['wrk'])}; "
             f"load from the host with wrk (keep-alive), app and nginx in one Debian 12 systemd container. "
             f"Each figure is the median of {report['runs']} runs of {report['seconds']} s.", ""]
    for workload in dict.fromkeys(c["workload"] for c in cells):
        lines += [f"## {workload}", "",
                  "| class | config | connections | req/s | p50 ms | p99 ms | errors |",
                  "|---|---|---|---|---|---|---|"]
        for c in find(cells, workload=workload):
            if not c["rps"]:
                # wrk counts only answers within the run
                lines.append(f"| {c['class']} | {c['config']} | {c['connections']} | no answer within "
                             f"{report['seconds']} s | - | - | {c['errors']} |")
                continue
            lines.append(f"| {c['class']} | {c['config']} | {c['connections']} | {c['rps']} | {c['p50_ms']} | "
                         f"{c['p99_ms']} | {c['errors']} |")
        lines.append("")
    if compared:
        lines += ["## One setting changed", "", "| comparison | measured |", "|---|---|"]
        lines += [f"| {r['what']} | {r['figure']} |" for r in compared]
        lines.append("")
    if rows:
        lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
        lines += [f"| {r['target']} | {r['figure']} | {'yes' if r['met'] else '**no**'} |" for r in rows]
        lines.append("")
    return "\n".join(lines)


def chart(report, path):
    import matplotlib  # pylint: disable=import-outside-toplevel
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # pylint: disable=import-outside-toplevel
    cells = report["cells"]
    workloads = list(dict.fromkeys(c["workload"] for c in cells))
    fig, axes = plt.subplots(len(workloads), 1, figsize=(10, 3.2 * len(workloads)), squeeze=False)
    for axis, workload in zip(axes[:, 0], workloads):
        chosen = find(cells, workload=workload)
        labels = [f"{c['class']}\n{c['config']}" for c in chosen]
        axis.bar(range(len(chosen)), [c["rps"] or 0 for c in chosen],
                 color=["tab:blue" if c["config"] == "default" else "tab:gray" for c in chosen])
        axis.set_xticks(range(len(chosen)))
        axis.set_xticklabels(labels, fontsize=6, rotation=90)
        axis.set_ylabel("req/s")
        axis.set_title(f"{workload} (blue: the roles' defaults)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    source = Path(sys.argv[1])
    report = json.loads(source.read_text())
    rows = targets(report["cells"])
    compared = comparisons(report["cells"])
    report["targets"] = rows
    source.write_text(json.dumps(report, indent=1) + "\n")
    source.with_suffix(".md").write_text(markdown(report, rows, compared))
    chart(report, source.with_suffix(".png"))
    print(f"wrote {source}, {source.with_suffix('.md')}, {source.with_suffix('.png')}")
    for row in rows:
        print(f"{'met' if row['met'] else 'MISSED'}: {row['target']}: {row['figure']}")
    for row in compared:
        print(f"{row['what']}: {row['figure']}")


if __name__ == "__main__":
    main()
