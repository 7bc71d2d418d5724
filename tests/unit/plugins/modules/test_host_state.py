# Unit tests of greenunicorn.gunicorn.host_state, with systemctl replaced by a stub.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils import basic
from ansible_collections.greenunicorn.gunicorn.plugins.modules import host_state


def test_reads_paths_globs_json_dirs_and_units(tmp_path, monkeypatch, run_module):
    (tmp_path / "releases" / "r1").mkdir(parents=True)
    (tmp_path / "releases" / "r2").mkdir()
    os.symlink("../../venvs/v1", str(tmp_path / "releases" / "r1" / "venv"))
    (tmp_path / "releases.json").write_text('{"app": "a", "releases": []}')
    seen = []

    def run_command(self, argv, **kwargs):
        seen.append(argv)
        return 0, "LoadState=loaded\nActiveState=active\nUnitFileState=enabled\nNeedDaemonReload=no\n", ""

    monkeypatch.setattr(basic.AnsibleModule, "get_bin_path", lambda self, name, required=False: "/usr/bin/" + name)
    monkeypatch.setattr(basic.AnsibleModule, "run_command", run_command)
    result, failed = run_module(host_state, {
        "paths": [str(tmp_path / "missing")],
        "globs": [str(tmp_path / "releases" / "*" / "venv")],
        "json_files": [str(tmp_path / "releases.json")],
        "list_dirs": [str(tmp_path / "releases")],
        "units": ["gunicorn-a.socket"],
        "_ansible_check_mode": True,
    })
    assert not failed and not result["changed"]
    assert result["paths"][str(tmp_path / "missing")]["exists"] is False
    venv = result["paths"][str(tmp_path / "releases" / "r1" / "venv")]
    assert venv["type"] == "link" and venv["target"] == "../../venvs/v1"
    assert str(tmp_path / "releases" / "r2" / "venv") not in result["paths"]
    assert result["json"][str(tmp_path / "releases.json")] == {"app": "a", "releases": []}
    assert result["dirs"][str(tmp_path / "releases")] == ["r1", "r2"]
    assert result["units"]["gunicorn-a.socket"]["UnitFileState"] == "enabled"
    assert seen[0][:2] == ["/usr/bin/systemctl", "show"] and seen[0][-1] == "gunicorn-a.socket"


def test_a_failing_systemctl_fails_the_module(monkeypatch, run_module):
    monkeypatch.setattr(basic.AnsibleModule, "get_bin_path", lambda self, name, required=False: "/usr/bin/" + name)
    monkeypatch.setattr(basic.AnsibleModule, "run_command", lambda self, argv, **kw: (1, "", "no bus"))
    result, failed = run_module(host_state, {"units": ["x.service"]})
    assert failed and "no bus" in result["msg"]
