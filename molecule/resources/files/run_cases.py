"""Run commands a few at a time, each one's output to files of its own.

    run_cases.py CASES.json --jobs 2

CASES.json is a list of {"argv": [...], "out": path, "err": path}. Every command runs with the
environment of this script; its stdout goes to "out" and its stderr to "err". Prints one JSON
list: for each case, in order, {"rc": exit status, "seconds": wall time}. Exits 0 whatever the
commands' statuses are (the caller judges them).

Why not all at once: an ansible-playbook whose workers wait for CPU polls them in a loop, so
50 runs started together on 2 cores spend most of the machine on polling each other (a rehearsal
of bad_input's 51 runs took 18 minutes at once; one run alone takes 5 s).
"""
import argparse
import json
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor


def run(case):
    start = time.monotonic()
    with open(case["out"], "wb") as out, open(case["err"], "wb") as err:
        rc = subprocess.call(case["argv"], stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    return {"rc": rc, "seconds": round(time.monotonic() - start, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    with open(args.cases, encoding="utf-8") as handle:
        cases = json.load(handle)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run, cases))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
