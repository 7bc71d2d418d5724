import pytest

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.nginx_proxy_checks import check

GOOD = {
    "nginx_proxy_app_name": "shop", "nginx_proxy_server_name": "shop.example.com www.shop.example.com",
    "nginx_proxy_upstream": "unix:/run/gunicorn/shop.sock", "nginx_proxy_listen_port": 80,
    "nginx_proxy_client_max_body_size": "10m", "nginx_proxy_access_log": "", "nginx_proxy_error_log": "",
    "nginx_proxy_static_locations": [{"path": "/static/", "alias": "/srv/static/", "expires": "7d", "immutable": True}],
    "nginx_proxy_upstream_keepalive": None, "nginx_proxy_upstream_keepalive_timeout": 60,
    "nginx_proxy_referrer_policy": "strict-origin-when-cross-origin", "nginx_proxy_content_security_policy": "default-src 'self'",
    "nginx_proxy_gzip_types": ["text/css", "application/json"], "nginx_proxy_limit_req_rate": "",
    "nginx_proxy_limit_req_burst": 20, "nginx_proxy_limit_conn": 0, "nginx_proxy_worker_rlimit_nofile": 0,
    "nginx_proxy_acme_webroot": "", "nginx_proxy_tls": True, "nginx_proxy_tls_port": 443,
    "nginx_proxy_tls_certificate": "", "nginx_proxy_tls_certificate_key": "", "nginx_proxy_tls_chain": "",
    "nginx_proxy_tls_ciphers": "ECDHE+AESGCM:!aNULL", "nginx_proxy_hsts_max_age": 0, "nginx_proxy_tls_resolvers": [],
}


def problems(**changes):
    return check(dict(GOOD, **changes))


def test_good_settings_have_no_problem():
    assert problems() == []
    assert problems(nginx_proxy_upstream="10.0.0.5:8000", nginx_proxy_access_log="/var/log/nginx/shop.log") == []


@pytest.mark.parametrize("changes,text", [
    ({"nginx_proxy_app_name": "Shop!"}, "nginx_proxy_app_name"),
    ({"nginx_proxy_server_name": "bad_name!"}, 'nginx_proxy_server_name host names separated by spaces (got "bad_name!")'),
    ({"nginx_proxy_listen_port": 70000}, "nginx_proxy_listen_port 1-65535 (got 70000)"),
    ({"nginx_proxy_upstream": "not an upstream"}, '(got "not an upstream")'),
    ({"nginx_proxy_access_log": "app.access.log"}, "nginx_proxy_access_log"),
    ({"nginx_proxy_client_max_body_size": "lots"}, "nginx_proxy_client_max_body_size"),
    ({"nginx_proxy_static_locations": [{"path": "/static/", "alias": "/srv/static/", "colour": "red"}]}, "colour"),
    ({"nginx_proxy_static_locations": [{"path": "static"}]}, "nginx_proxy_static_locations"),
    ({"nginx_proxy_static_locations": [{"path": "/s/", "alias": "/srv/s/", "expires": "soon"}]}, "nginx_proxy_static_locations"),
    ({"nginx_proxy_static_locations": [{"path": "/s/", "alias": "/srv/s/", "immutable": "yes"}]}, "nginx_proxy_static_locations"),
    ({"nginx_proxy_limit_req_rate": "fast"}, 'nginx_proxy_limit_req_rate empty or like 10r/s or 600r/m (got "fast")'),
    ({"nginx_proxy_content_security_policy": 'default-src "self"'}, "nginx_proxy_content_security_policy"),
    ({"nginx_proxy_gzip_types": ["text css"]}, "nginx_proxy_gzip_types"),
    ({"nginx_proxy_upstream_keepalive": -1}, "nginx_proxy_upstream_keepalive must be"),
    ({"nginx_proxy_acme_webroot": "acme"}, "nginx_proxy_acme_webroot"),
    ({"nginx_proxy_worker_connections": -1}, "nginx_proxy_worker_connections >= 0"),
    ({"__nginx_proxy_limits": {"worker_connections": 4096, "worker_rlimit_nofile": 4096}},
     "nginx_proxy_worker_rlimit_nofile=4096 is too low for nginx_proxy_worker_connections=4096"),
    ({"nginx_proxy_tls_port": 80}, "nginx_proxy_tls_port must be 1-65535 and differ"),
    ({"nginx_proxy_tls_certificate": "/etc/ssl/a.crt"}, "nginx_proxy_tls_certificate and"),
    ({"nginx_proxy_tls_chain": "/etc/ssl/chain.crt"}, "nginx_proxy_tls_chain needs a certificate"),
    ({"nginx_proxy_tls_ciphers": "A B"}, "nginx_proxy_tls_ciphers"),
    ({"nginx_proxy_tls_resolvers": ["a b"]}, "nginx_proxy_tls_resolvers"),
])
def test_each_problem_names_its_variable(changes, text):
    got = problems(**changes)
    assert len(got) == 1, got
    assert text in got[0]


def test_tls_settings_are_checked_only_with_tls():
    assert problems(nginx_proxy_tls=False, nginx_proxy_tls_port=80) == []


def test_limits_twice_the_connections_or_left_alone_pass():
    for limits in ({"worker_connections": 3072, "worker_rlimit_nofile": 6144},
                   {"worker_connections": 3072, "worker_rlimit_nofile": 3328},
                   {"worker_connections": 0, "worker_rlimit_nofile": 4096},
                   {"worker_connections": 8192, "worker_rlimit_nofile": 0}):
        assert problems(__nginx_proxy_limits=limits) == [], limits
