"""Benchmark gunicorn's worker classes as the collection deploys them, through nginx.

    python benchmarks/bench.py [--smoke] [--classes sync,gevent] [--workloads hello,io]
                               [--runs 3] [--seconds 8] [--out benchmarks/results] [--keep]
                               [--container NAME]

Starts a Debian 12 container with systemd (greenunicorn-bench), deploys the benchmark app
(benchmarks/app) once per configuration with the collection's site playbook, then drives load
from this host with wrk (keep-alive clients) and writes <out>/bench.json, <out>/bench.md and
<out>/bench.png. Configurations, per worker class:

  default   the roles' defaults for the class
  sweep-*   other worker / thread counts (benchmarks/matrix.json), to find the best on this machine
  direct    the defaults, gunicorn on TCP, wrk without nginx (a ceiling for the app)
  hold      one worker holding 1,000, 5,000 and 10,000 connections whose requests each wait
            10 s (gevent, eventlet, tornado, asgi, uvicorn; matrix.json "hold"), once each for
            31 s, with the memory of nginx and of the worker read halfway
and once: guide (the seed guide's setup: 3 sync workers, no upstream keep-alive), nginx's own
`return 200` (ceiling) and the 1 MiB file served by nginx (static).

Every figure is the median of --runs runs; the report compares configurations measured in the
same run only (ratios), never against figures of another machine. --smoke measures one class
and one workload for a few seconds, so that the test suite can prove the harness works; it
exits non-zero when a cell got no answer or any error. --container deploys into a running
systemd container (the test suite uses the quick-start one) and leaves it running.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
NAME = "greenunicorn-bench"
IMAGE = "greenunicorn/debian-systemd:12"
MODULES = {
    "sync": "benchapp.wsgi:application", "gthread": "benchapp.wsgi:application",
    "gevent": "benchapp.wsgi:application", "eventlet": "benchapp.wsgi:application",
    "tornado": "benchapp.tornado_app:application", "asgi": "benchapp.asgi:application",
    "uvicorn": "benchapp.asgi:application",
}
PATHS = {"hello": "/hello", "io": "/io", "cpu": "/cpu", "big": "/big", "hold": "/hold"}


def log(message):
    print(f"==> {message}", flush=True)


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, text=True, **kwargs)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("installing wrk from Debian's archive")
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, stdout=subprocess.DEVNULL, check=False).returncode != 0:
        run(["apt-get", "update", "-qq"], stdout=subprocess.DEVNULL)
        run(install, stdout=subprocess.DEVNULL)


def address_of(name):
    return run(["docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name],
               capture_output=True).stdout.strip()


def start_container(cache, name=NAME):
    log(f"starting container {name} ({IMAGE}, systemd as PID 1)")
    subprocess.run(["docker", "rm", "-f", name], capture_output=True, check=False)
    run(["docker", "run", "-d", "--name", name, "--hostname", name,
         "--cap-add", "SYS_ADMIN", "--cgroupns=host", "--security-opt", "seccomp=unconfined",
         "-v", "/sys/fs/cgroup:/sys/fs/cgroup:rw", "--tmpfs", "/run", "--tmpfs", "/run/lock", "--tmpfs", "/tmp",
         "-v", "/etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro",
         "-v", f"{cache}/apt-debian12:/var/cache/apt/archives:rw", "-v", f"{cache}/pip:/root/.cache/pip:rw",
         "-v", f"{cache}/uv:/root/.cache/uv:rw",
         IMAGE, "/lib/systemd/systemd"], stdout=subprocess.DEVNULL)
    subprocess.run(["docker", "exec", name, "systemctl", "is-system-running", "--wait"],
                   capture_output=True, check=False)
    return address_of(name)


def app_entry(name, klass, settings, direct_port=None, static=False):
    entry = {
        "gunicorn_app_name": name,
        "gunicorn_app_module": MODULES[klass],
        "gunicorn_app_src": str(HERE / "app"),
        "gunicorn_worker_class": klass,
        "gunicorn_health_check_path": "/hello",
        "nginx_proxy_server_name": f"{name}.bench",
    }
    entry.update(settings.get("gunicorn", {}))
    entry.update(settings.get("nginx", {}))
    if direct_port:
        # wrk reaches gunicorn itself; only the loopback may set X-Forwarded-*
        entry.update({"gunicorn_listen": f"0.0.0.0:{direct_port}", "gunicorn_forwarded_allow_ips": "127.0.0.1",
                      "nginx_proxy_state": "absent"})
    if static:
        entry["nginx_proxy_static_locations"] = [{"path": "/static/", "alias": "/srv/bench-static/"}]
    return entry


def plan(args, matrix):
    """The apps to deploy and the cells to measure."""
    apps, cells = [], []
    port = 9000
    hold = "hold" in args.workloads
    regular = [w for w in args.workloads if w != "hold"]

    def cell(klass, config, workload, host, **extra):
        connections = extra.pop("connections") if "connections" in extra else matrix["connections"][workload]
        cells.append(dict({"class": klass, "config": config, "workload": workload, "host": host,
                           "path": PATHS[workload], "connections": connections}, **extra))

    def measured(workloads):
        return [w for w in regular if w in workloads]

    # only hold asked for: no app for the other workloads
    for klass in (args.classes if regular else []):
        configs = {"default": {}}
        if not args.smoke:
            configs.update({f"sweep-{key}": value for key, value in matrix["sweep"].get(klass, {}).items()})
        for config, settings in configs.items():
            name = f"{klass}-{config}".replace("sweep-", "")
            apps.append(app_entry(name, klass, settings, static=(klass == args.classes[0] and config == "default")))
            # /big measures nginx and the socket more than the class: the defaults of a few classes
            workloads = regular if args.smoke else [
                w for w in regular
                if w != "big" or (config == "default" and klass in matrix["big_classes"])]
            for workload in workloads:
                cell(klass, config, workload, f"{name}.bench")
        if args.smoke:
            continue
        for variant, spec in matrix["variants"].items():
            if spec["class"] == klass and measured(spec["workloads"]):
                name = f"{klass}-{variant}"
                apps.append(app_entry(name, klass, spec["settings"]))
                extra = {"connections": spec["connections"]} if "connections" in spec else {}
                for workload in measured(spec["workloads"]):
                    cell(klass, f"variant-{variant}", workload, f"{name}.bench",
                         baseline=spec.get("baseline", "default"), **extra)
        if measured(matrix["direct_workloads"]):
            port += 1
            apps.append(app_entry(f"{klass}-direct", klass, {}, direct_port=port))
            for workload in measured(matrix["direct_workloads"]):
                cell(klass, "direct", workload, None, port=port)
        if klass in matrix["one_worker_io_classes"] and "io" in regular:
            name = f"{klass}-one"
            apps.append(app_entry(name, klass, {"gunicorn": {"gunicorn_workers": 1}}))
            cell(klass, "one-worker-500", "io", f"{name}.bench", connections=500)
    if hold:
        spec = matrix["hold"]
        for klass in [k for k in args.classes if k in spec["classes"]]:
            name = f"{klass}-hold"
            apps.append(app_entry(name, klass, {"gunicorn": spec["gunicorn"],
                                                "nginx": {"nginx_proxy_worker_connections": spec["nginx_worker_connections"]}}))
            for connections in spec["connections"]:
                cell(klass, "hold", "hold", f"{name}.bench", connections=connections, seconds=spec["seconds"],
                     app=name)
    if not args.smoke and regular:
        apps.append(app_entry("guide", "sync", matrix["guide"]))
        for workload in measured(["hello", "io"]):
            cell("sync", "guide", workload, "guide.bench")
        if "hello" in regular:
            cell("nginx", "return-200", "hello", "ceiling.bench", path="/")
        if "big" in regular:
            cell("nginx", "static", "big", f"{args.classes[0]}-default.bench", path="/static/big.bin")
    return apps, cells


def deploy(apps, workdir, container):
    host = {"ansible_connection": "community.docker.docker", "ansible_python_interpreter": "/usr/bin/python3"}
    inventory = {"gunicorn_apps": {"hosts": {container: host}, "vars": {"greenunicorn_apps": apps}}}
    path = workdir / "inventory.json"
    path.write_text(json.dumps(inventory, indent=1))
    log(f"deploying {len(apps)} apps with greenunicorn.gunicorn.site (and benchmarks/extras.yml)")
    env = dict(os.environ)
    for playbook in ["greenunicorn.gunicorn.site", str(HERE / "extras.yml")]:
        with open(workdir / "deploy.log", "a", encoding="utf-8") as out:
            result = subprocess.run(["ansible-playbook", "-i", str(path), playbook], stdout=out,
                                    stderr=subprocess.STDOUT, env=env, check=False)
        if result.returncode != 0:
            sys.exit(f"deploy failed ({playbook}); see {workdir / 'deploy.log'}")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(text):
    def latency(pct):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else None
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    total = re.search(r"^\s+(\d+) requests in", text, re.M)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = (sum(int(x) for x in socket.groups()) if socket else 0) + (int(non2xx.group(1)) if non2xx else 0)
    return {"rps": float(rps.group(1)) if rps else 0.0, "requests": int(total.group(1)) if total else 0,
            "p50_ms": latency(50), "p99_ms": latency(99), "errors": errors}


def target(cell, address, path=None):
    """The URL of a cell (gunicorn's port for direct cells, else nginx) and its Host header
    options: wrk and curl take both the same way."""
    port = f":{cell['port']}" if cell.get("port") else ""
    header = ["-H", f"Host: {cell['host']}"] if cell.get("host") else []
    return f"http://{address}{port}{path or cell['path']}", header


def measure(cell, address, seconds, threads):
    url, header = target(cell, address)
    argv = ["wrk", "-t", str(threads), "-c", str(cell["connections"]), "-d", f"{seconds}s", "--latency",
            "--timeout", "5s"]
    out = subprocess.run(argv + header + [url], capture_output=True, text=True, check=False)
    return parse_wrk(out.stdout)


def _more_files(count):
    """For wrk: a file per connection, beyond the shell's usual 1024 (root may raise the hard limit)."""
    def raise_limit():
        import resource  # pylint: disable=import-outside-toplevel
        resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))
    return raise_limit


def memory_mb(container, app):
    """Resident memory (MiB) of nginx's processes and of the app's gunicorn worker(s), read in the container."""
    script = ("ps -o rss= -C nginx | awk '{s += $1} END {print s + 0}'; "
              f"main=$(systemctl show --property=MainPID --value gunicorn-{app}.service); "
              "ps -o rss= --ppid \"$main\" | awk '{s += $1} END {print s + 0}'")
    out = subprocess.run(["docker", "exec", container, "sh", "-c", script], capture_output=True, text=True, check=False)
    values = [int(v) for v in out.stdout.split()] + [0, 0]
    return round(values[0] / 1024, 1), round(values[1] / 1024, 1)


def measure_hold(cell, address, container, threads):
    """A hold cell: wrk with one connection per held request, a timeout above the 10 s each waits,
    for cell["seconds"]; the memory of nginx and of the worker read halfway through."""
    url, header = target(cell, address)
    argv = ["wrk", "-t", str(threads), "-c", str(cell["connections"]), "-d", f"{cell['seconds']}s", "--latency",
            "--timeout", "15s"]
    memory = {}

    def sample():
        memory["nginx_mb"], memory["worker_mb"] = memory_mb(container, cell["app"])

    timer = threading.Timer(cell["seconds"] / 2, sample)
    timer.start()
    out = subprocess.run(argv + header + [url], capture_output=True, text=True, check=False,
                         preexec_fn=_more_files(cell["connections"] + 1024))
    timer.join()
    result = parse_wrk(out.stdout)
    if not out.stdout.strip():
        print(f"    wrk printed nothing: {out.stderr.strip()[:300]}", flush=True)
    result.update(memory)
    return result


def warm(cells, address):
    """Socket activation starts each service on its first request: start them before measuring."""
    for cell in cells:
        url, header = target(cell, address, "/hello" if cell.get("port") else None)
        subprocess.run(["curl", "-s", "-o", "/dev/null", "--max-time", "20", url] + header, check=False)


def settle(cell, address, limit=30.0):
    """Wait until the cell's app answers a trivial request quickly: requests left queued by the
    previous run (a sync worker still working through 200 io requests) would slow this one."""
    url, header = target(cell, address, None if cell["class"] == "nginx" else "/hello")
    argv = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "--max-time", "5", url] + header
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        code, _sep, seconds = subprocess.run(argv, capture_output=True, text=True, check=False).stdout.partition(" ")
        if code == "200" and float(seconds or 99) < 0.1:
            return
        time.sleep(0.5)
    print(f"    (the app of {cell['class']} {cell['config']} was still slow after {limit:.0f} s)", flush=True)


def summarise(cell, runs):
    def median(key):
        values = [r[key] for r in runs if r.get(key) is not None]
        return round(statistics.median(values), 2) if values else None
    extra = {key: median(key) for key in ("nginx_mb", "worker_mb") if any(key in r for r in runs)}
    return dict(cell, runs=runs, rps=median("rps"), p50_ms=median("p50_ms"), p99_ms=median("p99_ms"),
                errors=sum(r["errors"] for r in runs), requests=sum(r["requests"] for r in runs), **extra)


def machine():
    cpu = "unknown"
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
            "wrk": [subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False).stdout.split(" Copyright")[0].strip()]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--classes", default=None)
    parser.add_argument("--workloads", default=None)
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--seconds", type=int, default=None)
    parser.add_argument("--out", default=str(HERE / "results"))
    parser.add_argument("--keep", action="store_true", help="leave the container running")
    parser.add_argument("--container", default=None, help="a running systemd container to deploy into")
    args = parser.parse_args()
    matrix = json.loads((HERE / "matrix.json").read_text())
    args.classes = (args.classes or ("gthread" if args.smoke else ",".join(MODULES))).split(",")
    args.workloads = (args.workloads or ("hello" if args.smoke else ",".join(PATHS))).split(",")
    args.runs = args.runs or (1 if args.smoke else 3)
    args.seconds = args.seconds or (3 if args.smoke else 8)
    unknown = sorted(set(args.classes) - set(MODULES)) + sorted(set(args.workloads) - set(PATHS))
    if unknown:
        sys.exit(f"unknown classes or workloads: {', '.join(unknown)} (classes: {', '.join(MODULES)}; "
                 f"workloads: {', '.join(PATHS)})")

    ensure_wrk()
    cache = os.environ.get("GU_CACHE_DIR", "/var/cache/greenunicorn")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="gu-bench-"))
    apps, cells = plan(args, matrix)
    started = datetime.datetime.now(datetime.timezone.utc)
    container = args.container or NAME
    address = address_of(container) if args.container else start_container(cache)
    try:
        deploy(apps, workdir, container)
        warm(cells, address)
        results = []
        # a hold cell runs once (31 s, after the requests of the one before it have ended)
        total = sum(1 if cell.get("seconds") else args.runs for cell in cells)
        done = 0
        for cell in cells:
            runs = []
            count = 1 if cell.get("seconds") else args.runs
            for number in range(count):
                done += 1
                label = f"{cell['class']} {cell['config']} {cell['workload']} c={cell['connections']}"
                print(f"[{done}/{total}] {label} run {number + 1}/{count} ({total - done} left)", flush=True)
                settle(cell, address)
                if cell.get("seconds"):
                    time.sleep(matrix["hold"]["hold_seconds"] + 1)
                    runs.append(measure_hold(cell, address, container, matrix["wrk_threads"]))
                    continue
                runs.append(measure(cell, address, args.seconds, matrix["wrk_threads"]))
            results.append(summarise(cell, runs))
            last = results[-1]
            memory = (f", nginx {last['nginx_mb']} MiB, worker {last['worker_mb']} MiB"
                      if last.get("nginx_mb") is not None else "")
            print(f"    {last['rps']} req/s, p50 {last['p50_ms']} ms, p99 {last['p99_ms']} ms, "
                  f"{last['errors']} errors{memory}", flush=True)
    finally:
        if not args.keep and not args.container:
            subprocess.run(["docker", "rm", "-f", NAME], capture_output=True, check=False)
    report = {"started": started.isoformat(timespec="seconds"), "smoke": args.smoke, "runs": args.runs,
              "seconds": args.seconds, "machine": machine(), "cells": results}
    (out / "bench.json").write_text(json.dumps(report, indent=1) + "\n")
    subprocess.run([sys.executable, str(HERE / "report.py"), str(out / "bench.json")], check=True)
    # wrk counts only the requests answered within the run: a cell whose answers take longer
    # than --seconds (sync workers under io) shows 0 requests and no error
    silent = [c for c in results if not c["rps"]]
    for cell in silent:
        print(f"note: {cell['class']} {cell['config']} {cell['workload']}: no answer within {args.seconds} s")
    if args.smoke and (silent or any(c["errors"] for c in results)):
        sys.exit("the smoke run got no answer or an error")


if __name__ == "__main__":
    main()
