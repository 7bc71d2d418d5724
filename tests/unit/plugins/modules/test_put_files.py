# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests of the module greenunicorn.gunicorn.put_files."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import stat

from ansible_collections.greenunicorn.gunicorn.plugins.modules import put_files


def entries(tmp_path):
    return [
        {"path": str(tmp_path / "app"), "state": "directory", "mode": "0750"},
        {"path": str(tmp_path / "app" / "conf.py"), "content": "workers = 2\n", "mode": "0640", "backup": True},
        {"path": str(tmp_path / "app" / "current"), "state": "link", "src": "releases/abc"},
    ]


def test_creates_then_changes_nothing(run_module, tmp_path):
    result, failed = run_module(put_files, {"paths": entries(tmp_path), "_ansible_diff": True})
    assert not failed
    assert result["changed"]
    assert [p["created"] for p in result["paths"]] == [True, True, True]
    assert stat.S_IMODE(os.stat(tmp_path / "app").st_mode) == 0o750
    assert stat.S_IMODE(os.stat(tmp_path / "app" / "conf.py").st_mode) == 0o640
    assert (tmp_path / "app" / "conf.py").read_text() == "workers = 2\n"
    assert os.readlink(tmp_path / "app" / "current") == "releases/abc"
    assert result["diff"] == [{"before": "", "after": "workers = 2\n",
                               "before_header": str(tmp_path / "app" / "conf.py"),
                               "after_header": str(tmp_path / "app" / "conf.py")}]
    again, failed = run_module(put_files, {"paths": entries(tmp_path)})
    assert not failed
    assert not again["changed"]
    assert again["changed_paths"] == []


def test_replaces_with_backup_and_moves_link(run_module, tmp_path):
    run_module(put_files, {"paths": entries(tmp_path)})
    new = entries(tmp_path)
    new[1]["content"] = "workers = 4\n"
    new[2]["src"] = "releases/def"
    result, failed = run_module(put_files, {"paths": new})
    assert not failed
    assert result["changed_paths"] == [new[1]["path"], new[2]["path"]]
    backup = result["paths"][1]["backup_file"]
    with open(backup) as handle:
        assert handle.read() == "workers = 2\n"
    assert (tmp_path / "app" / "conf.py").read_text() == "workers = 4\n"
    assert os.readlink(tmp_path / "app" / "current") == "releases/def"
    assert "backup_file" not in result["paths"][0]


def test_mode_change_alone_is_a_change(run_module, tmp_path):
    run_module(put_files, {"paths": entries(tmp_path)})
    os.chmod(tmp_path / "app" / "conf.py", 0o666)
    result, failed = run_module(put_files, {"paths": entries(tmp_path)})
    assert not failed
    assert result["changed_paths"] == [str(tmp_path / "app" / "conf.py")]
    assert "backup_file" not in result["paths"][1]
    assert stat.S_IMODE(os.stat(tmp_path / "app" / "conf.py").st_mode) == 0o640


def test_check_mode_writes_nothing(run_module, tmp_path):
    result, failed = run_module(put_files, {"paths": entries(tmp_path), "_ansible_check_mode": True})
    assert not failed
    assert result["changed"]
    assert not (tmp_path / "app").exists()


def test_failed_validation_keeps_the_file_and_stops(run_module, tmp_path):
    run_module(put_files, {"paths": entries(tmp_path)})
    new = entries(tmp_path)
    new[1]["content"] = "workers = (\n"
    new[1]["validate"] = "python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' %s"
    new[2]["src"] = "releases/def"
    result, failed = run_module(put_files, {"paths": new})
    assert failed
    assert "conf.py failed validation" in result["msg"]
    assert (tmp_path / "app" / "conf.py").read_text() == "workers = 2\n"
    # the link after it was not touched, and no temporary file is left
    assert os.readlink(tmp_path / "app" / "current") == "releases/abc"
    assert sorted(os.listdir(tmp_path / "app")) == ["conf.py", "current"]
    assert result["changed_paths"] == []


def test_secret_content_has_no_diff(run_module, tmp_path):
    path = str(tmp_path / "environment")
    result, failed = run_module(put_files, {"paths": [{"path": path, "secret_content": "TOKEN=s3cret\n"}],
                                            "_ansible_diff": True})
    assert not failed
    assert result["changed"]
    assert "diff" not in result
    assert "s3cret" not in repr(result)
    assert (tmp_path / "environment").read_text() == "TOKEN=s3cret\n"


def test_bad_entries_are_refused_before_anything_is_written(run_module, tmp_path):
    result, failed = run_module(put_files, {"paths": [
        {"path": str(tmp_path / "d"), "state": "directory"},
        {"path": "relative/file", "content": "x"},
        {"path": str(tmp_path / "f")},
        {"path": str(tmp_path / "l"), "state": "link"},
        {"path": str(tmp_path / "v"), "content": "x", "validate": "true"},
    ]})
    assert failed
    assert "paths[1] (relative/file): path must be absolute" in result["msg"]
    assert "paths[2]" in result["msg"] and "needs content" in result["msg"]
    assert "paths[3]" in result["msg"] and "needs src" in result["msg"]
    assert "paths[4]" in result["msg"] and "%s" in result["msg"]
    assert not (tmp_path / "d").exists()


def test_a_directory_in_the_way_of_a_file_fails(run_module, tmp_path):
    (tmp_path / "conf.py").mkdir()
    result, failed = run_module(put_files, {"paths": [{"path": str(tmp_path / "conf.py"), "content": "x"}]})
    assert failed
    assert result["msg"] == "%s is a directory, not a file" % (tmp_path / "conf.py")


def test_absent_removes_a_file_or_link_and_refuses_a_directory(run_module, tmp_path):
    (tmp_path / ".lock").write_text("")
    os.symlink("nowhere", str(tmp_path / "old"))
    wanted = [{"path": str(tmp_path / ".lock"), "state": "absent"}, {"path": str(tmp_path / "old"), "state": "absent"},
              {"path": str(tmp_path / "never"), "state": "absent"}]
    result, failed = run_module(put_files, {"paths": wanted})
    assert not failed
    assert result["changed_paths"] == [str(tmp_path / ".lock"), str(tmp_path / "old")]
    assert os.listdir(str(tmp_path)) == []
    again, failed = run_module(put_files, {"paths": wanted})
    assert not again["changed"]
    (tmp_path / "dir").mkdir()
    result, failed = run_module(put_files, {"paths": [{"path": str(tmp_path / "dir"), "state": "absent"}]})
    assert failed
    assert "is a directory" in result["msg"]
    assert (tmp_path / "dir").is_dir()
