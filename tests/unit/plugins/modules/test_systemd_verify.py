# -*- coding: utf-8 -*-
# Unit tests of greenunicorn.gunicorn.systemd_verify, with systemd-analyze replaced by a stub that
# records the command and the copies it was given.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible.module_utils import basic
from ansible_collections.greenunicorn.gunicorn.plugins.modules import systemd_verify


@pytest.fixture
def units(tmp_path):
    d = tmp_path / "system"
    d.mkdir()
    (d / "gunicorn-a.socket").write_text("[Socket]\nListenStream=/run/a.sock\n")
    (d / "gunicorn-a.service").write_text(
        "[Service]\nWorkingDirectory=/srv/a/current/src\nExecStart=/srv/a/current/venv/bin/gunicorn\n")
    return [str(d / "gunicorn-a.socket"), str(d / "gunicorn-a.service")]


@pytest.fixture
def run(monkeypatch, tmp_path, run_module):
    """run(answer=(rc, out, err), **args) -> (result, failed, seen); seen holds the command and
    the content of each copy when systemd-analyze ran."""
    monkeypatch.setattr(basic.AnsibleModule, "get_bin_path", lambda self, name, required=False: "/usr/bin/" + name)
    tmpdir = tmp_path / "moduletmp"
    tmpdir.mkdir()
    monkeypatch.setattr(basic.AnsibleModule, "tmpdir", property(lambda self: str(tmpdir)))

    def _run(answer=(0, "", ""), **args):
        seen = {}

        def run_command(self, cmd, **kwargs):
            seen["cmd"] = list(cmd)
            seen["copies"] = dict((os.path.basename(c), open(c).read()) for c in cmd if c.startswith(str(tmpdir)))
            rc, out, err = answer
            copy = [c for c in cmd if c.endswith(".service")]
            return rc, out, err.replace("@SERVICE@", copy[0] if copy else "")

        monkeypatch.setattr(basic.AnsibleModule, "run_command", run_command)
        result, failed = run_module(systemd_verify, args)
        return result, failed, seen

    run.tmpdir = tmpdir
    return _run


def test_accepted_units_pass_and_change_nothing(run, units):
    result, failed, seen = run(units=units)
    assert not failed and not result["changed"]
    assert result["rc"] == 0
    assert seen["cmd"][:4] == ["/usr/bin/systemd-analyze", "verify", "--man=no", "--recursive-errors=no"]
    assert sorted(seen["copies"]) == ["gunicorn-a.service", "gunicorn-a.socket"]


def test_the_copies_get_the_replacements_and_the_files_stay(run, units):
    before = open(units[1]).read()
    result, failed, seen = run(units=units, replace={"/srv/a/current/": "/srv/a/releases/r1/"})
    assert not failed
    assert "ExecStart=/srv/a/releases/r1/venv/bin/gunicorn" in seen["copies"]["gunicorn-a.service"]
    assert "WorkingDirectory=/srv/a/releases/r1/src" in seen["copies"]["gunicorn-a.service"]
    assert open(units[1]).read() == before


def test_a_refusal_fails_with_systemds_message_naming_the_real_file(run, units, tmp_path):
    err = "@SERVICE@:3: ReadWritePaths= path is not normalized, ignoring: /srv/../etc\n"
    result, failed, seen = run(answer=(1, "", err), units=units)
    assert failed
    assert result["rc"] == 1
    assert result["msg"] == (
        "systemd-analyze verify refused gunicorn-a.socket, gunicorn-a.service: "
        "%s:3: ReadWritePaths= path is not normalized, ignoring: /srv/../etc" % units[1])
    assert result["stderr_lines"] == ["%s:3: ReadWritePaths= path is not normalized, ignoring: /srv/../etc" % units[1]]


def test_the_temporary_copies_are_removed(run, units, tmp_path):
    run(answer=(1, "", "bad"), units=units)
    assert os.listdir(str(tmp_path / "moduletmp")) == []


def test_a_warning_alone_passes(run, units):
    result, failed, seen = run(answer=(0, "", "@SERVICE@:7: Special user nobody configured, this is not safe!\n"), units=units)
    assert not failed
    assert result["stderr_lines"] == ["%s:7: Special user nobody configured, this is not safe!" % units[1]]


def test_options_man_and_recursive_errors(run, units):
    result, failed, seen = run(units=units, man=True, recursive_errors="")
    assert seen["cmd"][2] == "--man=yes"
    assert not any(a.startswith("--recursive-errors") for a in seen["cmd"])


def test_a_missing_unit_file_fails_before_running(run, units, tmp_path):
    result, failed, seen = run(units=[units[0], str(tmp_path / "nope.service")])
    assert failed and "no such unit file" in result["msg"]
    assert "cmd" not in seen


def test_two_units_with_the_same_file_name_are_refused(run, units, tmp_path):
    other = tmp_path / "gunicorn-a.socket"
    other.write_text("[Socket]\n")
    result, failed, seen = run(units=[units[0], str(other)])
    assert failed and "different file names" in result["msg"]


def test_check_mode_runs_the_check(run, units):
    result, failed, seen = run(answer=(1, "", "bad"), units=units, _ansible_check_mode=True)
    assert failed and "cmd" in seen
