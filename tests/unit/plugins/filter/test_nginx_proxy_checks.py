import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.nginx_proxy_checks import FilterModule

nginx_proxy_checks = FilterModule().filters()["nginx_proxy_checks"]


def test_the_filter_reports_problems():
    got = nginx_proxy_checks({"nginx_proxy_app_name": "shop", "nginx_proxy_upstream": "nowhere",
                              "nginx_proxy_listen_port": 80, "nginx_proxy_client_max_body_size": "1m",
                              "nginx_proxy_upstream_keepalive_timeout": 60})
    assert len(got) == 1 and "nginx_proxy_upstream" in got[0]


def test_the_input_must_be_a_dict():
    with pytest.raises(AnsibleFilterError):
        nginx_proxy_checks("shop")
