import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.nginx_proxy_limits import nginx_proxy_limits

DEFAULTS = {"gunicorn_worker_class": "sync", "gunicorn_workers": None, "nginx_proxy_app_worker_class": "sync",
            "nginx_proxy_worker_connections": None, "nginx_proxy_worker_rlimit_nofile": None}


def test_an_app_s_class_comes_from_its_entry_before_the_defaults():
    # greenunicorn_apps entries set gunicorn_worker_class; the nginx default (sync) must not win
    # gevent on 2 CPUs: 2 workers of 1000 connections, 2 x 2000 + 16 = 4016; + 512 -> 5120
    got = nginx_proxy_limits([{"gunicorn_app_name": "api", "gunicorn_worker_class": "gevent"}], DEFAULTS, cpus=2)
    assert got["needs"] == {"api": 4016}
    assert got["worker_connections"] == 5120
    # an entry's own nginx_proxy_app_worker_class comes first
    got = nginx_proxy_limits([{"gunicorn_app_name": "api", "gunicorn_worker_class": "gevent",
                               "nginx_proxy_app_worker_class": "sync", "gunicorn_workers": 3}], DEFAULTS)
    assert got["needs"] == {"api": 6}


def test_defaults_fill_what_an_app_leaves_unset():
    defaults = dict(DEFAULTS, gunicorn_worker_class="gthread", gunicorn_workers=2)
    got = nginx_proxy_limits([{"gunicorn_app_name": "a"}, {"gunicorn_app_name": "b", "gunicorn_workers": 1}], defaults)
    # gthread: 2 x 4 threads and 1 x 4, two connections each, 16 kept alive each
    assert got["needs"] == {"a": 32, "b": 24}
    assert got["worker_connections"] == 1024


@pytest.mark.parametrize("bad", ["apps", [1, 2], {"gunicorn_app_name": "a"}])
def test_not_a_list_of_apps_is_an_error(bad):
    with pytest.raises(AnsibleFilterError, match="a list of apps"):
        nginx_proxy_limits(bad)


class _Exploding(dict):
    """A dictionary whose other values fail when read, as a template of an undefined variable would."""

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        if value == "boom":
            raise AssertionError("read %s" % key)
        return value

    def items(self):
        raise AssertionError("every value read")

    def values(self):
        raise AssertionError("every value read")


def test_only_the_variables_it_needs_are_read():
    gunicorn = _Exploding(gunicorn_worker_class="sync", gunicorn_workers=2, gunicorn_app_dir="boom")
    nginx = _Exploding(nginx_proxy_app_worker_class="sync", nginx_proxy_server_name="boom")
    app = _Exploding(gunicorn_app_name="a", gunicorn_worker_class="gevent", gunicorn_app_secret_env="boom")
    got = nginx_proxy_limits([app], [gunicorn, nginx])
    # the gevent app on the defaults' 2 workers: 2 x 2 x 1000 + 16
    assert got["needs"] == {"a": 4016}


def test_defaults_as_a_list_are_merged_in_order():
    defaults = [{"gunicorn_worker_class": "sync", "gunicorn_workers": 1}, {"gunicorn_workers": 3}]
    got = nginx_proxy_limits([{"gunicorn_app_name": "a"}], defaults)
    assert got["needs"] == {"a": 6}
    with pytest.raises(AnsibleFilterError, match="defaults must be"):
        nginx_proxy_limits([{"gunicorn_app_name": "a"}], ["no"])
