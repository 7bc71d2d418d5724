# Unit tests of greenunicorn.gunicorn.converged and converged_info, with systemctl replaced by a
# stub and the records in a temporary directory.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import socket
import threading

from ansible.module_utils import basic
from ansible_collections.greenunicorn.gunicorn.plugins.modules import converged, converged_info

SHOW = "LoadState=loaded\nActiveState=active\nUnitFileState=enabled\nNeedDaemonReload=no\n"


def stub_systemctl(monkeypatch, states):
    """systemctl show answers from states: {unit: text}; one block per unit, as systemctl does."""
    calls = []

    def run_command(self, argv, **kwargs):
        calls.append(argv)
        units = argv[argv.index("--") + 1:]
        return 0, "\n".join(states.get(unit, "LoadState=not-found\n") for unit in units), ""

    monkeypatch.setattr(basic.AnsibleModule, "get_bin_path", lambda self, name, required=False: "/usr/bin/" + name)
    monkeypatch.setattr(basic.AnsibleModule, "run_command", run_command)
    return calls


def answer_health(path, count=1):
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(count)

    def answer():
        for _number in range(count):
            conn, _addr = listener.accept()
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            conn.close()
        listener.close()

    thread = threading.Thread(target=answer)
    thread.start()
    return thread


def mark(run_module, tmp_path, **args):
    params = {"name": "shop", "digest": "d1", "record_dir": str(tmp_path / "records"),
              "watch": {"paths": [str(tmp_path / "conf.py")], "units": ["gunicorn-shop.socket"]},
              "health": {"socket": str(tmp_path / "shop.sock"), "path": "/", "host": "shop.test", "status": [200]}}
    params.update(args)
    return run_module(converged, params)


def test_mark_writes_root_only_once_and_check_mode_writes_nothing(tmp_path, monkeypatch, run_module):
    (tmp_path / "conf.py").write_text("workers = 2\n")
    calls = stub_systemctl(monkeypatch, {"gunicorn-shop.socket": SHOW})
    result, failed = mark(run_module, tmp_path, _ansible_check_mode=True)
    assert not failed and result["written"] and not os.path.exists(result["path"])
    result, failed = mark(run_module, tmp_path)
    assert not failed and result["changed"] and result["path"] == str(tmp_path / "records/converged/shop.json")
    assert os.stat(result["path"]).st_mode & 0o777 == 0o600
    written = json.loads(open(result["path"]).read())
    assert written["digest"] == "d1" and written["snapshot"]["units"]["gunicorn-shop.socket"]["ActiveState"] == "active"
    assert calls[0][:2] == ["/usr/bin/systemctl", "show"]
    result, failed = mark(run_module, tmp_path)
    assert not failed and not result["changed"]


def test_mark_absent_deletes_it(tmp_path, monkeypatch, run_module):
    (tmp_path / "conf.py").write_text("workers = 2\n")
    stub_systemctl(monkeypatch, {"gunicorn-shop.socket": SHOW})
    path = mark(run_module, tmp_path)[0]["path"]
    result, failed = run_module(converged, {"name": "shop", "state": "absent", "record_dir": str(tmp_path / "records")})
    assert not failed and result["changed"] and not os.path.exists(path)
    result, failed = run_module(converged, {"name": "shop", "state": "absent", "record_dir": str(tmp_path / "records")})
    assert not failed and not result["changed"]


def test_mark_refuses_a_bad_watch_or_a_missing_digest(tmp_path, monkeypatch, run_module):
    stub_systemctl(monkeypatch, {})
    result, failed = mark(run_module, tmp_path, watch={"pathz": []})
    assert failed and "Cannot mark shop as converged: watch has unknown keys: pathz" in result["msg"]
    result, failed = run_module(converged, {"name": "shop", "record_dir": str(tmp_path)})
    assert failed and "digest" in result["msg"]


def test_info_in_sync_after_a_mark_and_why_not_after_a_change(tmp_path, monkeypatch, run_module):
    (tmp_path / "conf.py").write_text("workers = 2\n")
    states = {"gunicorn-shop.socket": SHOW}
    stub_systemctl(monkeypatch, states)
    mark(run_module, tmp_path)
    records = str(tmp_path / "records")
    apps = [{"name": "shop", "digest": "d1"}, {"name": "blog", "digest": "", "reason": "it is to be removed"},
            {"name": "new", "digest": "d3"}]
    thread = answer_health(str(tmp_path / "shop.sock"))
    result, failed = run_module(converged_info, {"apps": apps, "record_dir": records, "_ansible_check_mode": True})
    thread.join()
    assert not failed and not result["changed"]
    assert result["apps"]["shop"] == {"in_sync": True, "marked": True, "reason": "answered 200"}
    assert result["apps"]["blog"] == {"in_sync": False, "marked": False, "reason": "it is to be removed"}
    assert result["apps"]["new"]["in_sync"] is False and "no mark" in result["apps"]["new"]["reason"]

    result = run_module(converged_info, {"apps": [{"name": "shop", "digest": "d2"}], "record_dir": records})[0]
    assert result["apps"]["shop"]["reason"] == "its variables, sources, facts or the collection changed"
    (tmp_path / "conf.py").write_text("workers = 3\n")
    result = run_module(converged_info, {"apps": [{"name": "shop", "digest": "d1"}], "record_dir": records})[0]
    assert result["apps"]["shop"] == {"in_sync": False, "marked": True, "reason": "path %s changed" % (tmp_path / "conf.py")}
    (tmp_path / "conf.py").write_text("workers = 2\n")
    # same files, but nothing answers on the socket
    result = run_module(converged_info, {"apps": [{"name": "shop", "digest": "d1"}], "record_dir": records})[0]
    assert result["apps"]["shop"]["in_sync"] is False and "could not connect" in result["apps"]["shop"]["reason"]


def test_info_needs_names(tmp_path, run_module):
    result, failed = run_module(converged_info, {"apps": [{"digest": "d"}], "record_dir": str(tmp_path)})
    assert failed and "each of apps needs a name" in result["msg"]
