import json
import os

from ansible_collections.greenunicorn.gunicorn.plugins.modules import app_record, app_record_info


def test_present_writes_the_record_then_changes_nothing(run_module, tmp_path):
    existing = tmp_path / "data"
    existing.mkdir()
    args = {"name": "shop", "record_dir": str(tmp_path / "rec"), "paths": [str(tmp_path / "app"), str(existing)],
            "owned": [str(tmp_path / "unit")], "units": ["gunicorn-shop.service"], "user": "shop", "group": "shop",
            "owned_user": True, "owned_group": True}
    result, failed = run_module(app_record, args)
    assert not failed and result["changed"]
    data = json.loads((tmp_path / "rec" / "gunicorn" / "shop.json").read_text())
    assert data["created"] == [str(tmp_path / "unit"), str(tmp_path / "app")]
    assert data["existing"] == [str(existing)]
    assert data["account"]["created_user"] == "shop"
    # the app directory exists now (the role made it): still recorded as created
    (tmp_path / "app").mkdir()
    result, failed = run_module(app_record, args)
    assert not failed and not result["changed"]
    assert json.loads((tmp_path / "rec" / "gunicorn" / "shop.json").read_text()) == data


def test_check_mode_writes_nothing_and_diff_shows_the_record(run_module, tmp_path):
    args = {"name": "shop", "record_dir": str(tmp_path), "paths": ["/nonexistent/shop"],
            "_ansible_check_mode": True, "_ansible_diff": True}
    result, failed = run_module(app_record, args)
    assert not failed and result["changed"]
    assert '"/nonexistent/shop"' in result["diff"]["after"] and result["diff"]["before"] == ""
    assert not os.path.exists(tmp_path / "gunicorn" / "shop.json")


def test_absent_deletes_the_record(run_module, tmp_path):
    run_module(app_record, {"name": "shop", "record_dir": str(tmp_path), "paths": ["/nonexistent/a"]})
    result, failed = run_module(app_record, {"name": "shop", "record_dir": str(tmp_path), "state": "absent"})
    assert not failed and result["changed"]
    assert not os.path.exists(tmp_path / "gunicorn" / "shop.json")
    result, failed = run_module(app_record, {"name": "shop", "record_dir": str(tmp_path), "state": "absent"})
    assert not failed and not result["changed"]


def test_a_corrupt_record_fails_with_its_path(run_module, tmp_path):
    (tmp_path / "gunicorn").mkdir()
    (tmp_path / "gunicorn" / "shop.json").write_text("{not json")
    result, failed = run_module(app_record, {"name": "shop", "record_dir": str(tmp_path)})
    assert failed and "shop.json is not JSON" in result["msg"]
    result, failed = run_module(app_record_info, {"name": "shop", "record_dir": str(tmp_path)})
    assert failed and "Cannot read the record of shop" in result["msg"]


def test_info_without_a_record_plans_to_remove_nothing(run_module, tmp_path):
    result, failed = run_module(app_record_info, {"name": "shop", "record_dir": str(tmp_path)})
    assert not failed and not result["changed"] and not result["exists"]
    assert result["removal"] == {"paths": [], "units": [], "user": None, "group": None, "kept": []}
    assert "accounts" not in result


def test_info_decides_about_real_accounts(run_module, tmp_path):
    # root exists on every host the tests run on
    result, failed = run_module(app_record_info, {"name": "root", "record_dir": str(tmp_path), "user": "root",
                                                  "group": "root"})
    assert not failed
    assert "gunicorn_user=root is a privileged" in result["accounts"]["error"]
    assert result["accounts"]["user_entry"]["uid"] == 0
    result, failed = run_module(app_record_info, {"name": "shop", "record_dir": str(tmp_path),
                                                  "user": "gu-no-such-user-x", "group": "gu-no-such-group-x"})
    assert not failed and result["accounts"]["create_user"] and result["accounts"]["user_entry"] is None


def test_info_sees_the_other_apps_and_keeps_their_user(run_module, tmp_path):
    common = {"record_dir": str(tmp_path), "user": "web", "group": "web"}
    run_module(app_record, dict(common, name="a", owned_user=True, owned_group=True, paths=["/nonexistent/a"]))
    run_module(app_record, dict(common, name="b", paths=["/nonexistent/b"]))
    result, failed = run_module(app_record_info, {"name": "a", "record_dir": str(tmp_path)})
    assert not failed and result["others"] == ["b"]
    assert result["removal"]["paths"] == ["/nonexistent/a"]
    assert result["removal"]["user"] is None
