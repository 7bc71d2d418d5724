"""Send GET requests continuously for a bounded time and count what came back.

    loadcheck.py URL --host HOST --seconds 10 --concurrency 4 [--max-requests 100000]
                 [--stop-file PATH] [--pause SECONDS]

With --stop-file it runs until that file exists (--seconds is then the upper bound), so a test
can keep the load on for as long as a playbook run takes. --pause makes each client wait
between requests, leaving CPU to what runs beside the load on a small machine.

Prints one JSON line: requests, ok (2xx), failed (non-2xx or connection error), the first
few errors, and the bodies seen (so a test can watch a response change during the run).
Exits 0 whatever it counted; the caller asserts on the figures.
"""
import argparse
import http.client
import json
import os
import threading
import time
from urllib.parse import urlsplit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--host", default=None)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=100000)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--stop-file", default=None)
    parser.add_argument("--pause", type=float, default=0.0)
    args = parser.parse_args()

    url = urlsplit(args.url)
    path = url.path or "/"
    if url.query:
        path += "?" + url.query
    headers = {"Host": args.host or url.netloc, "Connection": "close"}
    lock = threading.Lock()
    stats = {"requests": 0, "ok": 0, "failed": 0, "errors": [], "bodies": {}}
    deadline = time.monotonic() + args.seconds

    def running():
        if time.monotonic() >= deadline:
            return False
        return not (args.stop_file and os.path.exists(args.stop_file))

    def record(ok, error=None, body=None):
        with lock:
            stats["requests"] += 1
            stats["ok" if ok else "failed"] += 1
            if error and len(stats["errors"]) < 10:
                stats["errors"].append(error)
            if body is not None:
                stats["bodies"][body] = stats["bodies"].get(body, 0) + 1

    def worker():
        while running():
            with lock:
                if stats["requests"] >= args.max_requests:
                    return
            try:
                conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=args.timeout)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read().decode(errors="replace").strip()[:80]
                conn.close()
                if 200 <= response.status < 300:
                    record(True, body=body)
                else:
                    record(False, error=f"HTTP {response.status}: {body}")
            except Exception as exc:  # every failure counts, whatever its kind
                record(False, error=f"{type(exc).__name__}: {exc}")
            if args.pause:
                time.sleep(args.pause)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _index in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats["seconds"] = round(time.monotonic() - started, 2)
    print(json.dumps(stats, sort_keys=True))


if __name__ == "__main__":
    main()
