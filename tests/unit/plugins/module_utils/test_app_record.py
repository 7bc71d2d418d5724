import json

import pytest

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils import app_record as ar

USER = {"name": "www-data", "uid": 33, "gid": 33, "home": "/var/www", "shell": "/usr/sbin/nologin",
        "comment": "www-data"}
GROUP = {"name": "www-data", "gid": 33}
RESERVED_USERS = ["root", "www-data", "nobody"]
RESERVED_GROUPS = ["root", "www-data", "nogroup"]


def plan(app="shop", user="shop", group="shop", use_existing=False, record=None, passwd=None, grp=None):
    return ar.account_plan(app, user, group, use_existing, record or ar.empty_record("gunicorn", app),
                           passwd, grp, RESERVED_USERS, RESERVED_GROUPS)


def test_new_accounts_are_created_and_owned():
    got = plan()
    assert got["error"] is None
    assert got["create_user"] and got["create_group"]
    assert got["owned_user"] and got["owned_group"]


@pytest.mark.parametrize("name", ["www-data", "root", "nobody"])
def test_reserved_users_are_refused_even_on_purpose(name):
    for use_existing in (False, True):
        got = plan(app=name, user=name, group="grp-%s" % name, use_existing=use_existing,
                   passwd=dict(USER, name=name, uid=0 if name == "root" else 33), grp={"name": "g", "gid": 1000})
        assert "gunicorn_user=%s is a privileged or shared account" % name in got["error"]
        assert not got["create_user"] and not got["owned_user"]


def test_uid_zero_under_another_name_is_refused():
    got = plan(user="toor", use_existing=True, passwd=dict(USER, name="toor", uid=0), grp={"name": "shop", "gid": 1001})
    assert "gunicorn_user=toor is a privileged" in got["error"]


def test_an_existing_account_not_made_by_the_role_is_refused_naming_the_variables():
    pg = {"name": "postgres", "uid": 105, "gid": 111, "home": "/var/lib/postgresql", "shell": "/bin/bash",
          "comment": "PostgreSQL administrator"}
    got = plan(app="postgres", user="postgres", group="postgres", passwd=pg, grp={"name": "postgres", "gid": 111})
    assert got["error"].count("already exists on the host") == 2
    assert "gunicorn_user=postgres" in got["error"] and "gunicorn_group=postgres" in got["error"]
    assert "gunicorn_use_existing_account: true" in got["error"]
    assert "uid 105" in got["error"] and "/var/lib/postgresql" in got["error"]
    assert not (got["create_user"] or got["create_group"] or got["owned_user"] or got["owned_group"])


def test_an_existing_group_alone_is_refused():
    got = plan(app="adm2", user="adm2", group="adm", grp={"name": "adm", "gid": 4})
    assert "gunicorn_group=adm is a group that already exists" in got["error"]
    assert "gunicorn_user" not in got["error"]
    assert not got["create_user"], "nothing is created when the app is refused"


def test_an_existing_account_used_on_purpose_is_neither_created_nor_owned():
    svc = dict(USER, name="svc", uid=998, gid=998, comment="team service")
    got = plan(user="svc", group="svc", use_existing=True, passwd=svc, grp={"name": "svc", "gid": 998})
    assert got["error"] is None
    assert not (got["create_user"] or got["create_group"] or got["owned_user"] or got["owned_group"])


def test_using_on_purpose_an_account_that_is_missing_is_refused():
    got = plan(user="svc", group="svc", use_existing=True)
    assert "gunicorn_use_existing_account is true but the user gunicorn_user=svc does not exist" in got["error"]
    assert "group gunicorn_group=svc does not exist" in got["error"]


def test_the_role_keeps_owning_what_it_recorded():
    record = ar.merge(ar.empty_record("gunicorn", "shop"),
                      account={"user": "shop", "group": "shop", "owned_user": True, "owned_group": True})
    got = plan(record=record, passwd=dict(USER, name="shop", uid=999, gid=999, comment="x"),
               grp={"name": "shop", "gid": 999})
    assert got["error"] is None
    assert not got["create_user"] and got["owned_user"] and got["owned_group"]


def test_an_account_of_an_older_release_is_adopted_by_its_comment():
    old = dict(USER, name="shop", uid=999, gid=999, comment="gunicorn app shop")
    got = plan(passwd=old, grp={"name": "shop", "gid": 999})
    assert got["error"] is None and got["legacy"]
    assert got["owned_user"] and got["owned_group"] and not got["create_user"]
    # the comment of another app is not enough
    other = plan(passwd=dict(old, comment="gunicorn app other"), grp={"name": "shop", "gid": 999})
    assert other["error"] and not other["legacy"]


def test_merge_records_new_paths_by_whether_they_exist():
    there = {"/var/lib/shop"}
    rec = ar.merge(ar.empty_record("gunicorn", "shop"),
                   paths=["/srv/gunicorn/shop", "/var/lib/shop/", "/etc/gunicorn/shop"],
                   owned=["/etc/systemd/system/gunicorn-shop.service"], units=["gunicorn-shop.service"],
                   exists=lambda p: p in there)
    assert rec["created"] == ["/etc/systemd/system/gunicorn-shop.service", "/srv/gunicorn/shop", "/etc/gunicorn/shop"]
    assert rec["existing"] == ["/var/lib/shop"]
    # a second deploy: everything exists now, nothing changes status
    again = ar.merge(rec, paths=["/srv/gunicorn/shop", "/var/lib/shop", "/etc/gunicorn/shop"],
                     owned=["/etc/systemd/system/gunicorn-shop.service"], units=["gunicorn-shop.service"],
                     exists=lambda p: True)
    assert ar.dump(again) == ar.dump(rec)


def test_merge_refuses_relative_paths():
    with pytest.raises(ar.RecordError):
        ar.merge(ar.empty_record("gunicorn", "shop"), paths=["srv/shop"])


def test_parse_round_trip_and_refusals():
    rec = ar.merge(ar.empty_record("gunicorn", "shop"), paths=["/srv/x"], exists=lambda p: False)
    assert ar.parse_record(ar.dump(rec), "gunicorn", "shop") == rec
    with pytest.raises(ar.RecordError, match="belongs to gunicorn/shop"):
        ar.parse_record(ar.dump(rec), "gunicorn", "other")
    with pytest.raises(ar.RecordError, match="not JSON"):
        ar.parse_record("{", "gunicorn", "shop")
    with pytest.raises(ar.RecordError, match="version"):
        ar.parse_record(json.dumps({"version": 99}), "gunicorn", "shop")
    with pytest.raises(ar.RecordError, match="created must be a list"):
        ar.parse_record(json.dumps(dict(rec, created="/srv")), "gunicorn", "shop")


def test_removal_removes_only_what_was_created_deepest_first():
    rec = ar.merge(ar.empty_record("gunicorn", "shop"),
                   paths=["/srv/gunicorn/shop", "/srv/gunicorn/shop/data/cache", "/var/lib/shop"],
                   owned=["/etc/systemd/system/gunicorn-shop.socket"],
                   account={"user": "shop", "group": "shop", "owned_user": True, "owned_group": True},
                   exists=lambda p: p == "/var/lib/shop")
    got = ar.removal_plan(rec)
    assert got["paths"] == ["/srv/gunicorn/shop/data/cache", "/etc/systemd/system/gunicorn-shop.socket",
                            "/srv/gunicorn/shop"]
    assert "/var/lib/shop" not in got["paths"]
    assert got["user"] == "shop" and got["group"] == "shop"


def test_removal_keeps_a_created_path_holding_one_that_existed_before():
    rec = ar.empty_record("gunicorn", "shop")
    rec["created"] = ["/srv/shop"]
    rec["existing"] = ["/srv/shop/data"]
    got = ar.removal_plan(rec)
    assert got["paths"] == []
    assert got["kept"][0]["path"] == "/srv/shop" and "/srv/shop/data" in got["kept"][0]["reason"]


@pytest.mark.parametrize("path", ["/", "/srv", "/var/lib", "/etc/", "relative", "/var/log/nginx"])
def test_removal_never_touches_system_directories(path):
    rec = ar.empty_record("gunicorn", "shop")
    rec["created"] = [path]
    got = ar.removal_plan(rec)
    assert got["paths"] == [] and got["kept"][0]["path"] == path


def test_removal_keeps_accounts_another_app_uses():
    mine = ar.merge(ar.empty_record("gunicorn", "a"),
                    account={"user": "web", "group": "web", "owned_user": True, "owned_group": True})
    other = ar.merge(ar.empty_record("gunicorn", "b"), account={"user": "web", "group": "web"})
    got = ar.removal_plan(mine, [other])
    assert got["user"] is None and got["group"] is None
    assert {k.get("user") or k.get("group") for k in got["kept"]} == {"web"}


def test_record_file_names_role_and_app():
    assert ar.record_file("/var/lib/greenunicorn", "nginx_proxy", "shop") == "/var/lib/greenunicorn/nginx_proxy/shop.json"
    with pytest.raises(ar.RecordError):
        ar.record_file("/x", "other", "shop")
