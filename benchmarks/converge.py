"""How long a converge takes: first and no-op converges of 1 app and of 8 apps on one host.

    python benchmarks/converge.py [--apps 1,8] [--installer uv|pip] [--out .cache/bench-converge] [--keep]

For each app count, starts a fresh Debian 12 container with systemd (greenunicorn-converge, apt
and pip caches mounted, so packages come from the host's cache after the first run), runs the
collection's site playbook twice with the docker connection and pipelining, as a user would,
and prints for each run: the wall-clock time, the tasks that ran (not skipped) and the remote
module calls (the module executions the connection made, read from -vvv output). The second
run of each must change nothing. Writes <out>/converge.json and <out>/converge.md.

Machines are shared and noisy: the figures are for comparing two revisions measured one after
the other on the same machine (farm-bench, or this script run at each revision), and the 8-app
no-op converge is reported as a ratio to the 1-app one, measured in the same run.
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import bench  # benchmarks/bench.py: the same container, log and run helpers
from bench import log, run

ROOT = bench.ROOT
NAME = "greenunicorn-converge"
# a module execution through community.docker.docker with pipelining: one EXEC of the remote
# python per module call (an action such as template makes several)
EXEC_RE = re.compile(r"<%s> EXEC .*python" % re.escape(NAME))
# the gunicorn role's tasks that build virtualenvs (uv's own installation included), either installer
VENV_TASK_RE = re.compile(r"gunicorn : install [|] (Install uv|Create with uv|Install gunicorn|Install the application's (requirements|packages))")


def seconds_of(task):
    """A task's duration from the json callback's start and end times."""
    duration = task["task"]["duration"]
    start = datetime.fromisoformat(duration["start"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(duration.get("end", duration["start"]).replace("Z", "+00:00"))
    return (end - start).total_seconds()


def start_container(cache):
    """bench.py's container, under this script's name, keeping the packages apt downloads."""
    bench.start_container(cache, NAME)
    # Debian keeps downloaded packages only when told so; the cache mount is then reused
    run(["docker", "exec", NAME, "sh", "-c",
         "echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/01keep;"
         " rm -f /etc/apt/apt.conf.d/docker-clean"])


def inventory(apps, path):
    entries = [{
        "gunicorn_app_name": f"app{i}",
        "gunicorn_app_module": "gudemo.wsgi:application",
        "gunicorn_app_src": str(ROOT / "molecule/resources/apps/gudemo"),
        "gunicorn_app_env": {"GUDEMO_NAME": f"app{i}"},
        "nginx_proxy_server_name": f"app{i}.test",
    } for i in range(1, apps + 1)]
    data = {"gunicorn_apps": {"hosts": {NAME: {
        "ansible_connection": "community.docker.docker",
        "ansible_python_interpreter": "/usr/bin/python3"}},
        "vars": {"greenunicorn_apps": entries}}}
    path.write_text(json.dumps(data, indent=2))


def playbook_result(text):
    """The json callback's document at the end of stdout, after -vvv's lines."""
    decoder = json.JSONDecoder()
    for start in reversed([m.start() + 1 for m in re.finditer(r"\n\{\n", "\n" + text)]):
        try:
            doc = decoder.raw_decode(text[start - 1:])[0]
        except ValueError:
            continue
        if isinstance(doc, dict) and "stats" in doc and "plays" in doc:
            return doc
    sys.exit("no result of the json callback in the playbook's output")


def converge(inv, out, label, extra=()):
    env = dict(os.environ, ANSIBLE_PIPELINING="1", ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
               ANSIBLE_NOCOLOR="1", ANSIBLE_LOAD_CALLBACK_PLUGINS="1")
    verbose = out / f"{label}.vvv"
    start = time.monotonic()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out / f"{label}.json", "w") as stdout, open(verbose, "w") as stderr:
        env["ANSIBLE_LOG_PATH"] = str(verbose)
        proc = subprocess.run(["ansible-playbook", "-vvv", "-i", str(inv), "greenunicorn.gunicorn.site", *extra],
                              stdout=stdout, stderr=stderr, env=env, check=False, cwd=ROOT)
    seconds = time.monotonic() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # the controller's own work (templating, task and variable handling): the CPU seconds of
    # ansible-playbook and its local children, less sensitive to a busy machine than wall time
    controller_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    result = playbook_result((out / f"{label}.json").read_text())
    stats = result["stats"][NAME]
    ran = 0
    venv_seconds = 0.0
    for play in result["plays"]:
        for task in play["tasks"]:
            host = task["hosts"].get(NAME, {})
            if host and not host.get("skipped"):
                ran += 1
                if VENV_TASK_RE.search(task["task"]["name"]):
                    venv_seconds += seconds_of(task)
    calls = len(EXEC_RE.findall(verbose.read_text()))
    if proc.returncode != 0 or stats["failures"] or stats["unreachable"]:
        sys.exit(f"{label}: the site playbook failed (rc {proc.returncode}, {stats}); see {out}/{label}.json")
    return {"seconds": round(seconds, 1), "changed": stats["changed"], "tasks_run": ran,
            "skipped": stats["skipped"], "module_calls": calls, "venv_seconds": round(venv_seconds, 1),
            "controller_cpu": round(controller_cpu, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--apps", default="1,8", help="app counts, comma-separated (default 1,8)")
    parser.add_argument("--out", default=str(ROOT / ".cache/bench-converge"))
    parser.add_argument("--keep", action="store_true", help="leave the last container running")
    parser.add_argument("--installer", choices=["uv", "pip"],
                        help="gunicorn_venv_installer for every app (default: the role's default)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cache = os.environ.get("GU_CACHE_DIR", "/var/cache/greenunicorn")
    revision = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=False).stdout.strip()
    figures = {"revision": revision, "installer": args.installer or "default", "runs": {}}
    extra = ["-e", "gunicorn_venv_installer=" + args.installer] if args.installer else []
    try:
        for apps in [int(n) for n in args.apps.split(",")]:
            start_container(cache)
            inv = out / f"inventory-{apps}.json"
            inventory(apps, inv)
            for kind in ("first", "noop"):
                label = f"{apps}-apps-{kind}"
                log(f"{label}: ansible-playbook greenunicorn.gunicorn.site")
                figures["runs"][label] = converge(inv, out, label, extra)
                log(f"{label}: {figures['runs'][label]}")
            if figures["runs"][f"{apps}-apps-noop"]["changed"]:
                sys.exit(f"the no-op converge of {apps} apps changed {figures['runs'][f'{apps}-apps-noop']['changed']} tasks")
    finally:
        if not args.keep:
            subprocess.run(["docker", "rm", "-f", NAME], capture_output=True, check=False)
    runs = figures["runs"]
    if "1-apps-noop" in runs and "8-apps-noop" in runs:
        figures["noop_8_over_1"] = round(runs["8-apps-noop"]["seconds"] / runs["1-apps-noop"]["seconds"], 2)
    lines = [f"# Converge times (revision {revision}, gunicorn_venv_installer {figures['installer']})", "",
             "| run | seconds | changed | tasks run | tasks skipped | remote module calls | seconds building virtualenvs"
             " | controller CPU seconds |",
             "|---|---|---|---|---|---|---|---|"]
    for label, fig in runs.items():
        lines.append(f"| {label} | {fig['seconds']} | {fig['changed']} | {fig['tasks_run']} | {fig['skipped']} "
                     f"| {fig['module_calls']} | {fig['venv_seconds']} | {fig['controller_cpu']} |")
    if "noop_8_over_1" in figures:
        lines += ["", f"no-op converge, 8 apps / 1 app (same run): {figures['noop_8_over_1']}"]
    (out / "converge.json").write_text(json.dumps(figures, indent=2) + "\n")
    (out / "converge.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
