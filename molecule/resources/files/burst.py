"""Send COUNT requests at the same moment and time how long until the last answer.

    burst.py URL --host HOST --count 20 [--timeout 90]

Prints one JSON line: seconds (wall time for all), ok (2xx), failed, statuses, first errors.
"""
import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--host", default=None)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=90.0)
    args = parser.parse_args()

    url = urlsplit(args.url)
    path = (url.path or "/") + (("?" + url.query) if url.query else "")
    headers = {"Host": args.host or url.netloc, "Connection": "close"}
    start = threading.Barrier(args.count + 1)
    lock = threading.Lock()
    result = {"ok": 0, "failed": 0, "statuses": {}, "errors": []}

    def one():
        start.wait()
        try:
            conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=args.timeout)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            conn.close()
            status = str(response.status)
            good = 200 <= response.status < 300
            error = None if good else f"HTTP {status}"
        except Exception as exc:  # a failed request is a result, not a crash
            status, good, error = "error", False, f"{type(exc).__name__}: {exc}"
        with lock:
            result["ok" if good else "failed"] += 1
            result["statuses"][status] = result["statuses"].get(status, 0) + 1
            if error and len(result["errors"]) < 5:
                result["errors"].append(error)

    threads = [threading.Thread(target=one) for _index in range(args.count)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    result["seconds"] = round(time.monotonic() - began, 2)
    result["count"] = args.count
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
