import pytest

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils import worker_classes as wc

CLASSES = ["sync", "gthread", "gevent", "eventlet", "tornado", "asgi", "uvicorn"]


def test_the_table_holds_every_class_with_every_field():
    assert sorted(wc.WORKER_CLASSES) == sorted(CLASSES)
    fields = set(wc.WORKER_CLASSES["sync"])
    for name, row in wc.WORKER_CLASSES.items():
        assert set(row) == fields, name
        assert row["interface"] in ("wsgi", "asgi", "tornado")


@pytest.mark.parametrize("name,cpus,workers,threads,keepalive", [
    ("sync", 2, 5, 1, 2), ("gthread", 2, 4, 4, 5), ("gevent", 4, 4, 1, 5), ("asgi", 1, 1, 1, 5),
])
def test_null_settings_are_tuned_per_class(name, cpus, workers, threads, keepalive):
    got = wc.settings(name, cpus=cpus)
    assert (got["workers"], got["threads"], got["keepalive"], got["worker_connections"]) == (workers, threads, keepalive, 1000)
    assert got["errors"] == []


def test_given_settings_win_and_are_integers():
    got = wc.settings("gthread", cpus=8, workers="3", threads=2, worker_connections=10, keepalive=0)
    assert (got["workers"], got["threads"], got["worker_connections"], got["keepalive"]) == (3, 2, 10, 0)


def test_zero_cpus_reported_counts_as_one():
    assert wc.settings("sync", cpus=0)["workers"] == 3


def test_default_versions_and_packages():
    assert wc.settings("sync")["packages"] == ["gunicorn==%s" % wc.DEFAULT_GUNICORN_VERSION]
    got = wc.settings("eventlet")
    assert got["version"] == wc.EVENTLET_GUNICORN_VERSION and not got["version_given"]
    assert got["packages"] == ["gunicorn==25.3.0", "eventlet>=0.40.3"]
    assert wc.settings("gevent", version="26.0")["packages"] == ["gunicorn[gevent]==26.0", "gevent>=24.10.1"]
    assert wc.settings("tornado")["packages"][0].startswith("gunicorn[tornado]==")


def test_option_packages():
    assert "uvloop>=0.19.0" in wc.settings("asgi", asgi_loop="uvloop")["packages"]
    assert "uvloop>=0.19.0" not in wc.settings("asgi")["packages"]
    assert wc.settings("uvicorn", uvicorn_standard=True)["packages"][1:] == ["uvicorn-worker>=0.4.0", "uvicorn[standard]"]
    assert wc.settings("uvicorn")["worker_class"] == "uvicorn_worker.UvicornWorker"


@pytest.mark.parametrize("name,version,word", [
    ("eventlet", "27.0.1", "< 26"), ("eventlet", "26", "< 26"), ("asgi", "23.0.0", ">= 24"),
    ("sync", "latest", "plain release number"), ("sync", "27.0", None), ("eventlet", "25.9.9", None),
    ("asgi", "24", None), ("sync", "27.0.1rc1", None),
])
def test_version_bounds(name, version, word):
    errors = wc.settings(name, version=version)["errors"]
    if word is None:
        assert errors == []
    else:
        assert len(errors) == 1 and word in errors[0] and "gunicorn_version" in errors[0]


def test_bad_settings_name_the_variable():
    errors = wc.settings("sync", workers=-1, threads=4, worker_connections="x")["errors"]
    assert any(e.startswith("gunicorn_workers=-1") for e in errors)
    assert any(e.startswith("gunicorn_threads=4") and "gthread" in e for e in errors)
    assert any(e.startswith("gunicorn_worker_connections=x") for e in errors)
    assert wc.settings("gthread", threads=8)["errors"] == []


@pytest.mark.parametrize("name,module,ok", [
    ("uvicorn", "proj.wsgi:application", False), ("asgi", "proj.wsgi:application", False),
    ("sync", "proj.asgi:application", False), ("gevent", "proj.asgi:app", False),
    ("tornado", "proj.asgi:app", True), ("tornado", "proj.wsgi:app", True),
    ("asgi", "proj.asgi:application", True), ("sync", "proj.app:create_app()", True),
])
def test_the_app_interface_must_fit_the_class(name, module, ok):
    errors = wc.settings(name, app_module=module)["errors"]
    assert (errors == []) is ok
    if not ok:
        assert "gunicorn_app_module" in errors[0]


def test_control_socket_and_upstream_keepalive():
    assert wc.settings("eventlet", control_socket="/run/x.ctl")["control_socket"] == ""
    assert wc.settings("gevent", control_socket="/run/x.ctl")["control_socket"] == "/run/x.ctl"
    assert wc.settings("sync")["upstream_keepalive"] == 0
    assert {wc.settings(n)["upstream_keepalive"] for n in CLASSES if n != "sync"} == {16}


def test_unknown_class_names_the_variable():
    with pytest.raises(ValueError, match="gunicorn_worker_class"):
        wc.settings("bogus")


@pytest.mark.parametrize("name,kwargs,at_once,files", [
    # the defaults: one request per sync worker, threads per gthread worker, 1000 per async worker
    ("sync", dict(cpus=2), 5, 1024),
    ("gthread", dict(cpus=2), 16, 1024),
    ("gevent", dict(), 1000, 3072),
    ("eventlet", dict(), 1000, 3072),
    ("tornado", dict(), 1000, 3072),
    ("asgi", dict(), 1000, 3072),
    ("uvicorn", dict(), 1000, 3072),
    # 2 x 10,000 + 2 + 256 = 20,258, rounded up to 20,480
    ("gevent", dict(worker_connections=10000), 10000, 20480),
    # 4 workers x 2,500: 20,000 + 8 + 256 = 20,264
    ("asgi", dict(workers=4, worker_connections=2500), 10000, 20480),
    # 64 threads: 128 + 2 + 256 = 386, never below Linux's 1024
    ("gthread", dict(workers=1, threads=64), 64, 1024),
    # the class bounds what counts: worker_connections means nothing to sync and gthread
    ("sync", dict(workers=3, worker_connections=50000), 3, 1024),
    ("gthread", dict(workers=2, threads=8, worker_connections=50000), 16, 1024),
])
def test_file_descriptor_limit_is_derived_from_the_class(name, kwargs, at_once, files):
    got = wc.settings(name, **kwargs)
    assert got["errors"] == []
    assert got["requests_at_once"] == at_once
    assert got["limit_nofile"] == files
    assert got["limit_nofile"] % 1024 == 0


def test_file_descriptor_limit_given_wins_when_it_holds_the_requests():
    # exactly the least accepted: 1000 requests at once + 64
    got = wc.settings("gevent", limit_nofile=1064)
    assert got["errors"] == []
    assert got["limit_nofile"] == 1064
    assert wc.settings("sync", limit_nofile="65536")["limit_nofile"] == 65536
    # null (and its string forms through old templates) derives it
    for null in (None, "", "None"):
        assert wc.settings("tornado", limit_nofile=null)["limit_nofile"] == 3072


@pytest.mark.parametrize("name,kwargs,word", [
    ("gevent", dict(limit_nofile=1063), "at least 1064"),
    ("gevent", dict(limit_nofile=1024), "1000 requests at once"),
    ("gthread", dict(workers=2, threads=8, limit_nofile=64), "at least 80"),
    ("sync", dict(limit_nofile="many"), "must be an integer"),
])
def test_file_descriptor_limit_too_low_names_the_variable(name, kwargs, word):
    errors = wc.settings(name, **kwargs)["errors"]
    assert len(errors) == 1
    assert errors[0].startswith("gunicorn_limit_nofile=")
    assert word in errors[0]


def test_only_asgi_uses_a_worker_class_of_the_collection():
    own = {name: row["collection_worker"] for name, row in wc.WORKER_CLASSES.items() if row["collection_worker"]}
    assert own == {"asgi": {"file": "asgi_keep_backlog.py", "name": "ASGIWorker"}}


def test_nginx_limits_of_one_app_at_the_class_defaults():
    # 5 sync workers on 2 CPUs: 10 + 512, at least 1024; open files at least 4096
    assert wc.nginx_limits([{"gunicorn_worker_class": "sync"}], cpus=2) == {
        "worker_connections": 1024, "worker_rlimit_nofile": 4096, "needs": {"sync": 10},
        "given": {"worker_connections": None, "worker_rlimit_nofile": None}}
    # one gevent worker of 1000 connections: 2000 + 16 kept alive + 512 = 2528 -> 3072, files 6144
    got = wc.nginx_limits([{"gunicorn_app_name": "api", "nginx_proxy_app_worker_class": "gevent"}])
    assert (got["worker_connections"], got["worker_rlimit_nofile"], got["needs"]) == (3072, 6144, {"api": 2016})


def test_nginx_limits_sum_the_apps_and_skip_those_to_remove():
    apps = [dict(gunicorn_app_name=name, gunicorn_worker_class=cls, gunicorn_workers=1)
            for name, cls in [("g", "gthread"), ("ge", "gevent"), ("ev", "eventlet"), ("t", "tornado"), ("a", "asgi"),
                              ("u", "uvicorn")]]
    apps[0]["gunicorn_threads"] = 4
    got = wc.nginx_limits(apps + [dict(gunicorn_app_name="old", gunicorn_worker_class="gevent", gunicorn_app_state="absent")])
    # 2 x 4 + 16, and 5 x (2 x 1000 + 16), + 512 = 10,616 -> 11,264
    assert got["needs"] == {"g": 24, "ge": 2016, "ev": 2016, "t": 2016, "a": 2016, "u": 2016}
    assert got["worker_connections"] == 11264
    assert got["worker_rlimit_nofile"] == 22528


def test_nginx_limits_follow_the_tuning_and_the_upstream_keepalive():
    got = wc.nginx_limits([{"gunicorn_worker_class": "asgi", "gunicorn_workers": 4, "gunicorn_worker_connections": 2500,
                            "nginx_proxy_upstream_keepalive": 0}])
    # 2 x 10,000 + 0 + 512 = 20,512 -> 21,504
    assert got["worker_connections"] == 21504
    assert got["worker_rlimit_nofile"] == 43008


def test_nginx_limits_given_win_the_largest_and_zero_leaves_nginx_alone():
    apps = [{"gunicorn_worker_class": "gevent", "nginx_proxy_worker_connections": 4096},
            {"gunicorn_worker_class": "sync", "nginx_proxy_worker_connections": 8192, "nginx_proxy_worker_rlimit_nofile": 20000}]
    got = wc.nginx_limits(apps)
    assert (got["worker_connections"], got["worker_rlimit_nofile"]) == (8192, 20000)
    got = wc.nginx_limits([{"gunicorn_worker_class": "gevent", "nginx_proxy_worker_connections": 0}])
    assert (got["worker_connections"], got["worker_rlimit_nofile"]) == (0, 4096)


def test_nginx_limits_leave_bad_values_to_preflight():
    # an unknown class and values that are not integers: counted as nothing, preflight names them
    got = wc.nginx_limits([{"gunicorn_worker_class": "bogus"},
                           {"gunicorn_worker_class": "sync", "gunicorn_workers": 1, "nginx_proxy_upstream_keepalive": "x",
                            "nginx_proxy_worker_connections": "many"}])
    assert (got["worker_connections"], got["worker_rlimit_nofile"], got["needs"]) == (1024, 4096, {"sync": 2})


def test_nginx_limits_derived_files_stay_within_the_ceiling_given_ones_do_not():
    apps = [{"gunicorn_worker_class": "gevent", "gunicorn_workers": 1, "gunicorn_worker_connections": 10000}]
    # 20,016 + 512 -> 21,504 connections, 43,008 files wanted; the host allows 20,000
    got = wc.nginx_limits(apps, ceiling=20000)
    assert (got["worker_connections"], got["worker_rlimit_nofile"]) == (21504, 20000)
    assert wc.nginx_limits(apps, ceiling="unlimited")["worker_rlimit_nofile"] == 43008
    assert wc.nginx_limits(apps, ceiling=None)["worker_rlimit_nofile"] == 43008
    given = [dict(apps[0], nginx_proxy_worker_rlimit_nofile=50000)]
    got = wc.nginx_limits(given, ceiling=20000)
    assert got["worker_rlimit_nofile"] == 50000
    assert got["given"] == {"worker_connections": None, "worker_rlimit_nofile": 50000}
