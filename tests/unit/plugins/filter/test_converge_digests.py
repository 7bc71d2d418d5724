# Unit tests of the filter greenunicorn.gunicorn.converge_digests: the collection's code and the
# controller's source trees are part of each app's digest.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter import converge_digests as plugin

converge_digests = plugin.FilterModule().filters()["converge_digests"]


def test_one_entry_per_named_app_with_the_source_tree_in_the_digest(tmp_path):
    (tmp_path / "app.py").write_text("print(1)\n")
    apps = [{"gunicorn_app_name": "a", "gunicorn_app_src": str(tmp_path)}, {"gunicorn_app_name": "b"},
            {"no_name": True}]
    first = converge_digests(apps, "web1", facts={"processor_vcpus": 2})
    assert [entry["name"] for entry in first] == ["a", "b"]
    assert all(len(entry["digest"]) == 64 and entry["reason"] == "" for entry in first)
    (tmp_path / "app.py").write_text("print(2)\n")
    second = converge_digests(apps, "web1", facts={"processor_vcpus": 2})
    assert second[0]["digest"] != first[0]["digest"] and second[1]["digest"] == first[1]["digest"]


def test_an_app_that_cannot_be_skipped_has_an_empty_digest_and_a_reason():
    entry = converge_digests([{"gunicorn_app_name": "a", "gunicorn_app_state": "absent"}], "web1")[0]
    assert entry == {"name": "a", "digest": "", "reason": "it is to be removed"}


def test_the_collections_code_is_read_once_and_names_roles_plugins_playbooks(tmp_path):
    for top in ("roles/r/tasks", "plugins/filter/__pycache__", "playbooks", "docs"):
        (tmp_path / top).mkdir(parents=True)
    (tmp_path / "roles/r/tasks/main.yml").write_text("---\n")
    (tmp_path / "plugins/filter/__pycache__/x.pyc").write_text("compiled")
    first = plugin.code_checksum(str(tmp_path))
    (tmp_path / "plugins/filter/__pycache__/x.pyc").write_text("compiled again")
    (tmp_path / "docs/x.md").write_text("docs")
    plugin._CODE.clear()
    assert plugin.code_checksum(str(tmp_path)) == first
    (tmp_path / "roles/r/tasks/main.yml").write_text("--- # changed\n")
    assert plugin.code_checksum(str(tmp_path)) == first  # cached for the run
    plugin._CODE.clear()
    assert plugin.code_checksum(str(tmp_path)) != first


def test_bad_input_is_a_filter_error(tmp_path):
    with pytest.raises(AnsibleFilterError, match="greenunicorn_apps, a list"):
        converge_digests({"gunicorn_app_name": "a"}, "web1")
    with pytest.raises(AnsibleFilterError, match="gunicorn_app_src"):
        converge_digests([{"gunicorn_app_name": "a", "gunicorn_app_src": str(tmp_path / "none")}], "web1")
