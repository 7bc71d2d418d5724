import pytest

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.releases import history_plan

NOW = "2026-12-02T07:00:00Z"


def rel(i, venv="v1"):
    return {"id": "r%d" % i, "venv": venv, "code": "src:%d" % i, "deployed": "t%d" % i}


def test_a_first_deploy_starts_the_history():
    got = history_plan([], "r1", "v1", "src:1", "deploy", 3, NOW)
    assert got["history"] == [{"id": "r1", "venv": "v1", "code": "src:1", "deployed": NOW}]
    assert got["keep"] == ["r1"] and got["keep_venvs"] == ["v1"]


def test_redeploying_the_last_release_changes_nothing():
    old = [rel(1), rel(2)]
    got = history_plan(old, "r2", "v1", "src:2", "deploy", 3, NOW)
    assert got["history"] == old


def test_a_deploy_moves_an_older_release_to_the_end_and_prunes():
    old = [rel(1, "v0"), rel(2), rel(3), rel(4, "v2")]
    got = history_plan(old, "r2", "v1", "src:2", "deploy", 3, NOW)
    assert [r["id"] for r in got["history"]] == ["r3", "r4", "r2"]
    assert got["history"][-1]["deployed"] == NOW
    assert got["keep"] == ["r3", "r4", "r2"] and got["keep_venvs"] == ["v1", "v2"]


def test_a_rollback_keeps_the_order_and_the_live_release():
    old = [rel(1, "v0"), rel(2), rel(3), rel(4)]
    got = history_plan(old, "r1", "v0", "", "rollback", 2, NOW)
    assert [r["id"] for r in got["history"]] == ["r1", "r3", "r4"]
    assert got["keep"] == ["r3", "r4", "r1"] and got["keep_venvs"] == ["v1", "v0"]


def test_bad_entries_are_dropped_and_bad_arguments_refused():
    assert history_plan([{"venv": "x"}, "junk", rel(1)], "r1", "v1", "", "deploy", 2, NOW)["history"] == [rel(1)]
    with pytest.raises(ValueError, match="action"):
        history_plan([], "r1", "v1", "", "undo", 2, NOW)
    with pytest.raises(ValueError, match="keep_releases"):
        history_plan([], "r1", "v1", "", "deploy", 0, NOW)


def test_prune_names_what_was_on_disk_and_is_not_kept():
    history = [dict(id="r%d" % i, venv="v%d" % (i // 2), code="c", deployed="t") for i in range(1, 5)]
    plan = history_plan(history, "r5", "v2", "c", "deploy", 2, "now",
                        on_disk={"releases": ["r4", "r1", "r2", "r3", "r5"], "venvs": ["v0", "v1", "v2"]},
                        app_dir="/srv/shop")
    assert plan["keep"] == ["r4", "r5"]
    assert plan["keep_venvs"] == ["v2"]
    assert plan["prune"] == ["/srv/shop/releases/r1", "/srv/shop/releases/r2", "/srv/shop/releases/r3",
                             "/srv/shop/venvs/v0", "/srv/shop/venvs/v1"]
    assert history_plan(history, "r4", "v2", "c", "deploy", 5, "now")["prune"] == []
    with pytest.raises(ValueError, match="app_dir"):
        history_plan(history, "r4", "v2", "c", "deploy", 5, "now", on_disk={"releases": ["r1"]})
