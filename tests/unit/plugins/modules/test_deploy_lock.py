# -*- coding: utf-8 -*-
# Unit tests of greenunicorn.gunicorn.deploy_lock: the module runs in-process against a lock
# directory under pytest's tmp_path.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import threading
import time

import pytest

from ansible.module_utils import basic
from ansible_collections.greenunicorn.gunicorn.plugins.modules import deploy_lock


@pytest.fixture
def run(monkeypatch, tmp_path, run_module):
    """run(**args) -> (result, failed); args default to a lock under tmp_path."""
    warnings = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, w: warnings.append(w))

    def _run(**args):
        args.setdefault("name", "myapp")
        args.setdefault("lock_dir", str(tmp_path / "locks"))
        args.setdefault("poll_interval", 0.05)
        del warnings[:]
        result, failed = run_module(deploy_lock, args)
        result["warnings"] = list(warnings)
        return result, failed

    return _run


def lock_file(tmp_path):
    return tmp_path / "locks" / "myapp.lock"


def write_lock(tmp_path, token="other", owner="ci@runner (Deploy)", age=10.0):
    path = lock_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    t = time.time() - age
    path.write_text(json.dumps({"token": token, "owner": owner, "time": t, "since": deploy_lock._iso(t)}))
    return path


def test_acquire_creates_the_lock_with_token_owner_and_time(run, tmp_path):
    result, failed = run(token="t1", owner="me@laptop")
    assert not failed
    assert result["changed"] and result["acquired"]
    assert result["path"] == str(lock_file(tmp_path))
    data = json.loads(lock_file(tmp_path).read_text())
    assert data["token"] == "t1" and data["owner"] == "me@laptop"
    assert abs(data["time"] - time.time()) < 60
    assert data["since"] == result["since"]
    assert list((tmp_path / "locks").iterdir()) == [lock_file(tmp_path)]  # no temporary file left


def test_acquire_again_with_the_same_token_changes_nothing(run, tmp_path):
    run(token="t1")
    before = lock_file(tmp_path).read_text()
    result, failed = run(token="t1")
    assert not failed
    assert result["acquired"] and not result["changed"]
    assert lock_file(tmp_path).read_text() == before


def test_another_token_fails_at_once_with_timeout_0_and_says_why(run, tmp_path):
    path = write_lock(tmp_path, age=42)
    result, failed = run(token="t2", timeout=0, timeout_name="gunicorn_deploy_lock_timeout")
    assert failed
    msg = result["msg"]
    assert "Another run holds the deploy lock of myapp" in msg
    assert "ci@runner (Deploy)" in msg
    assert "since " + result["holder"]["since"] in msg
    assert "(4" in msg and "s ago)" in msg
    assert "gunicorn_deploy_lock_timeout=0" in msg
    assert "remove %s" % path in msg
    assert json.loads(path.read_text())["token"] == "other"


def test_another_token_is_waited_for_up_to_the_timeout(run, tmp_path):
    write_lock(tmp_path)
    start = time.time()
    result, failed = run(token="t2", timeout=1, poll_interval=0.2)
    assert failed
    assert 1.0 <= time.time() - start < 5
    assert result["waited"] >= 1.0
    assert "Waited 1 s (timeout=1)" in result["msg"]


def test_a_lock_released_while_waiting_is_taken(run, tmp_path):
    path = write_lock(tmp_path)
    threading.Timer(0.5, path.unlink).start()
    result, failed = run(token="t2", timeout=10)
    assert not failed
    assert result["acquired"] and result["changed"]
    assert 0.4 <= result["waited"] < 10
    assert result["holder"]["token"] == "other"
    assert json.loads(path.read_text())["token"] == "t2"


def test_release_with_another_token_leaves_the_lock(run, tmp_path):
    path = write_lock(tmp_path)
    result, failed = run(token="t2", state="unlocked")
    assert not failed
    assert not result["changed"] and not result["released"]
    assert result["holder"]["token"] == "other"
    assert path.exists()
    assert any("held by another run" in w for w in result["warnings"])


def test_release_with_the_token_removes_the_lock_and_again_changes_nothing(run, tmp_path):
    run(token="t1")
    result, failed = run(token="t1", state="unlocked")
    assert not failed and result["changed"] and result["released"]
    assert not lock_file(tmp_path).exists()
    result, failed = run(token="t1", state="unlocked")
    assert not failed and not result["changed"] and not result["released"]


def test_a_stale_lock_is_taken_over_with_a_warning(run, tmp_path):
    path = write_lock(tmp_path, age=7200)
    result, failed = run(token="t2", timeout=0, stale_after=3600)
    assert not failed
    assert result["took_over"] and result["acquired"] and result["changed"]
    assert json.loads(path.read_text())["token"] == "t2"
    assert any("Took over the stale lock" in w and "ci@runner" in w for w in result["warnings"])
    assert sorted(p.name for p in path.parent.iterdir()) == ["myapp.lock"]


def test_stale_after_0_never_takes_over(run, tmp_path):
    path = write_lock(tmp_path, age=10 ** 6)
    result, failed = run(token="t2", timeout=0, stale_after=0)
    assert failed
    assert json.loads(path.read_text())["token"] == "other"


def test_an_unreadable_lock_file_counts_as_held(run, tmp_path):
    path = lock_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("garbage")
    result, failed = run(token="t2", timeout=0)
    assert failed
    assert "unreadable lock file" in result["msg"]
    assert path.read_text() == "garbage"


def test_check_mode_never_leaves_a_lock(run, tmp_path):
    result, failed = run(token="t1", _ansible_check_mode=True)
    assert not failed
    assert not result["acquired"] and not result["changed"]
    assert not (tmp_path / "locks").exists()


def test_check_mode_waits_for_and_fails_on_another_runs_lock(run, tmp_path):
    path = write_lock(tmp_path)
    result, failed = run(token="t2", timeout=0, _ansible_check_mode=True)
    assert failed and "Another run holds" in result["msg"]
    result, failed = run(token="other", state="unlocked", _ansible_check_mode=True)
    assert not failed and result["changed"] and result["released"]
    assert path.exists()


def test_check_mode_does_not_take_a_stale_lock_over(run, tmp_path):
    path = write_lock(tmp_path, age=7200)
    result, failed = run(token="t2", timeout=0, _ansible_check_mode=True)
    assert not failed and result["took_over"] and not result["acquired"]
    assert json.loads(path.read_text())["token"] == "other"


@pytest.mark.parametrize("name", ["../x", "a/b", "", ".."])
def test_a_name_that_is_not_a_file_name_is_refused(run, name):
    result, failed = run(token="t1", name=name)
    assert failed and "name must be" in result["msg"]
