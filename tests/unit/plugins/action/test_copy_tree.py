"""The action greenunicorn.gunicorn.copy_tree: packing on the controller, the hand-over to unarchive."""
import os
import stat
import tarfile
from unittest import mock

import pytest

from ansible.playbook.task import Task

from ansible_collections.greenunicorn.gunicorn.plugins.action import copy_tree


@pytest.fixture
def tree(tmp_path):
    src = tmp_path / "app"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "__init__.py").write_text("")
    (src / "pkg" / "wsgi.py").write_text("application = None\n")
    (src / "README").write_text("hello\n")
    outside = tmp_path / "shared.txt"
    outside.write_text("shared\n")
    (src / "linked.txt").symlink_to(outside)
    return src


def test_pack_tree_holds_every_file_relative_and_follows_links(tree, tmp_path):
    archive = tmp_path / "a.tar.gz"
    entries = copy_tree.pack_tree(str(tree), str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        linked = tar.getmember("./linked.txt")
        assert tar.extractfile(linked).read() == b"shared\n"
    assert names == [".", "./README", "./linked.txt", "./pkg", "./pkg/__init__.py", "./pkg/wsgi.py"]
    assert entries == len(names)
    assert linked.isfile()


def test_pack_tree_is_the_same_for_the_same_tree(tree, tmp_path):
    first, second = tmp_path / "1.tar.gz", tmp_path / "2.tar.gz"
    copy_tree.pack_tree(str(tree), str(first))
    copy_tree.pack_tree(str(tree), str(second))
    with tarfile.open(first) as one, tarfile.open(second) as two:
        assert one.getnames() == two.getnames()


def _action(args):
    task = Task()
    task.args = args
    task.action = "greenunicorn.gunicorn.copy_tree"
    loader = mock.MagicMock()
    shared = mock.MagicMock()
    action = copy_tree.ActionModule(task, mock.MagicMock(), mock.MagicMock(), loader=loader,
                                    templar=mock.MagicMock(), shared_loader_obj=shared)
    # ansible-core 2.19 keeps its own plugin loaders whatever is passed
    action._shared_loader_obj = shared
    return action, shared


def _run(action):
    # ActionBase.run checks the connection and the task's async settings: not what is tested here
    with mock.patch("ansible.plugins.action.ActionBase.run", return_value={}):
        return action.run(task_vars={})


def test_run_hands_a_private_archive_to_unarchive_and_removes_it(tree):
    action, shared = _action(dict(src=str(tree), dest="/srv/app/src", owner="root", group="shop", mode="u=rwX,g=rX,o="))
    seen = {}

    def unarchive_run(task_vars):
        new_task = shared.action_loader.get.call_args.kwargs["task"]
        seen["args"] = dict(new_task.args)
        seen["mode"] = stat.S_IMODE(os.stat(new_task.args["src"]).st_mode)
        with tarfile.open(new_task.args["src"]) as tar:
            seen["names"] = tar.getnames()
        return {"changed": True, "dest": "/srv/app/src"}

    shared.action_loader.get.return_value.run.side_effect = unarchive_run
    result = _run(action)
    assert shared.action_loader.get.call_args.args == ("ansible.legacy.unarchive",)
    archive = seen["args"].pop("src")
    assert seen["args"] == {"dest": "/srv/app/src", "owner": "root", "group": "shop", "mode": "u=rwX,g=rX,o="}
    assert seen["mode"] == 0o600
    assert "./pkg/wsgi.py" in seen["names"]
    assert not os.path.exists(archive)
    assert result["changed"] is True
    assert result["src"] == str(tree)
    assert result["entries"] == 6


def test_run_leaves_out_options_not_given(tree):
    action, shared = _action(dict(src=str(tree), dest="/srv/app/src"))
    shared.action_loader.get.return_value.run.return_value = {"changed": False}
    _run(action)
    args = dict(shared.action_loader.get.call_args.kwargs["task"].args)
    assert sorted(args) == ["dest", "src"]


def test_run_removes_the_archive_when_unarchive_fails(tree):
    action, shared = _action(dict(src=str(tree), dest="/srv/app/src"))
    archives = []

    def boom(task_vars):
        archives.append(shared.action_loader.get.call_args.kwargs["task"].args["src"])
        raise RuntimeError("connection lost")

    shared.action_loader.get.return_value.run.side_effect = boom
    with pytest.raises(RuntimeError):
        _run(action)
    assert archives and not os.path.exists(archives[0])


def test_run_refuses_a_src_that_is_not_a_directory(tmp_path):
    action, shared = _action(dict(src=str(tmp_path / "missing"), dest="/srv/app/src"))
    result = _run(action)
    assert result["failed"] is True
    assert "is not a directory on the controller" in result["msg"]
    assert str(tmp_path / "missing") in result["msg"]
    shared.action_loader.get.assert_not_called()


def test_run_refuses_unknown_and_missing_options(tree):
    from ansible.errors import AnsibleActionFail, AnsibleError
    for args in (dict(src=str(tree)), dict(src=str(tree), dest="/x", recurse=True)):
        action, dummy = _action(args)
        with pytest.raises((AnsibleActionFail, AnsibleError)):
            _run(action)
