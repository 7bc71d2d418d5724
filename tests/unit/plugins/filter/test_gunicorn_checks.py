import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.greenunicorn.gunicorn.plugins.filter.gunicorn_checks import FilterModule

gunicorn_checks = FilterModule().filters()["gunicorn_checks"]


def test_an_unknown_worker_class_is_a_problem_not_a_crash():
    got = gunicorn_checks({"gunicorn_app_name": "shop", "gunicorn_user": "shop", "gunicorn_group": "shop",
                           "gunicorn_socket_path": "/run/s.sock", "gunicorn_app_dir": "/srv/s",
                           "gunicorn_config_dir": "/etc/s", "gunicorn_socket_mode": "0660",
                           "gunicorn_log_dir": "/var/log/s", "gunicorn_app_module": "s.wsgi:app",
                           "gunicorn_app_packages": ["s"], "gunicorn_keep_releases": 2,
                           "gunicorn_health_check_path": "/", "gunicorn_health_check_status": [200],
                           "gunicorn_health_check_timeout": 5, "gunicorn_timeout": 1, "gunicorn_graceful_timeout": 1,
                           "gunicorn_logrotate_keep": 1, "gunicorn_worker_class": "bogus"})
    assert got == ['gunicorn_worker_class must be one of asgi, eventlet, gevent, gthread, sync, tornado, uvicorn (got "bogus")']


def test_the_input_must_be_a_dict():
    with pytest.raises(AnsibleFilterError):
        gunicorn_checks(["gunicorn_app_name"])
