import pytest

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils.gunicorn_checks import check

GOOD = {
    "gunicorn_app_name": "shop", "gunicorn_app_state": "present", "gunicorn_app_module": "shop.wsgi:application",
    "gunicorn_app_packages": ["shop==1.0"], "gunicorn_app_requirements_file": "", "gunicorn_app_src": "",
    "gunicorn_app_git_repo": "", "gunicorn_app_git_ref": "", "gunicorn_app_env": {"A": "1"},
    "gunicorn_app_secret_env": {"TOKEN": "x"}, "gunicorn_app_dir": "/srv/gunicorn/shop",
    "gunicorn_config_dir": "/etc/gunicorn/shop", "gunicorn_user": "shop", "gunicorn_group": "shop",
    "gunicorn_version": "", "gunicorn_keep_releases": 5, "gunicorn_deploy_hooks": [{"name": "migrate", "command": "manage.py migrate"}],
    "gunicorn_state_dir": "", "gunicorn_static_dir": "", "gunicorn_worker_class": "sync", "gunicorn_workers": None,
    "gunicorn_threads": None, "gunicorn_worker_connections": None, "gunicorn_keepalive": None, "gunicorn_timeout": 30,
    "gunicorn_graceful_timeout": 30, "gunicorn_forwarded_allow_ips": "127.0.0.1", "gunicorn_proxy_allow_ips": "127.0.0.1",
    "gunicorn_log_dir": "/var/log/gunicorn/shop", "gunicorn_logrotate_keep": 14, "gunicorn_extra_settings": {},
    "gunicorn_socket_path": "/run/gunicorn/shop.sock", "gunicorn_listen": "", "gunicorn_socket_mode": "0660",
    "gunicorn_control_socket": "", "gunicorn_read_write_paths": [], "gunicorn_health_check_path": "/",
    "gunicorn_health_check_status": [200], "gunicorn_health_check_timeout": 10,
}


def problems(**changes):
    return check(dict(GOOD, **changes), cpus=2)


def test_good_settings_have_no_problem():
    assert problems() == []


@pytest.mark.parametrize("changes,text", [
    ({"gunicorn_app_name": "Bad Name"}, "gunicorn_app_name must be"),
    ({"gunicorn_user": "an-app-name-of-thirty-three-chars"}, "gunicorn_user"),
    ({"gunicorn_socket_path": ""}, "gunicorn_socket_path"),
    ({"gunicorn_socket_path": "app.sock"}, "socket_path=app.sock"),
    ({"gunicorn_socket_mode": "999"}, "gunicorn_socket_mode"),
    ({"gunicorn_app_dir": "srv/app"}, "app_dir=srv/app"),
    ({"gunicorn_state_dir": "var/lib/app"}, "state_dir=var/lib/app"),
    ({"gunicorn_read_write_paths": ["/ok", "rel"]}, "read_write_paths"),
    ({"gunicorn_app_module": "not a module"}, "gunicorn_app_module"),
    ({"gunicorn_app_packages": []}, "gunicorn_app_src"),
    ({"gunicorn_app_git_repo": "https://example.invalid/a.git"}, "gunicorn_app_git_repo"),
    ({"gunicorn_app_src": "/nonexistent/app"}, "not a directory on the controller"),
    ({"gunicorn_keep_releases": 1}, "gunicorn_keep_releases"),
    ({"gunicorn_health_check_path": "health"}, "gunicorn_health_check_path"),
    ({"gunicorn_health_check_status": [999]}, "gunicorn_health_check_status"),
    ({"gunicorn_listen": "localhost"}, "gunicorn_listen"),
    ({"gunicorn_listen": "0.0.0.0:8000", "gunicorn_forwarded_allow_ips": "*"}, "gunicorn_forwarded_allow_ips"),
    ({"gunicorn_listen": "0.0.0.0:70000"}, "gunicorn_listen"),
    ({"gunicorn_worker_class": "eventlet", "gunicorn_version": "27.0.1"}, 'gunicorn_version="27.0.1" does not fit'),
    ({"gunicorn_threads": 4}, "gunicorn_threads=4"),
    ({"gunicorn_workers": -1}, "gunicorn_workers=-1"),
    ({"gunicorn_timeout": -5}, "gunicorn_timeout=-5"),
    ({"gunicorn_app_env": {"BAD-KEY": "1"}}, "BAD-KEY"),
    ({"gunicorn_app_env": {"TOKEN": "1"}}, "gunicorn_app_secret_env"),
    ({"gunicorn_extra_settings": {"Bad": 1}}, "gunicorn_extra_settings"),
    ({"gunicorn_deploy_hooks": [{"name": "migrate"}]}, "gunicorn_deploy_hooks"),
    ({"gunicorn_deploy_hooks": [{"name": "a", "command": "true"}, {"name": "a", "command": "false"}]}, "gunicorn_deploy_hooks"),
    ({"gunicorn_deploy_hooks": [{"name": "a", "command": "true", "run": "twice"}]}, "gunicorn_deploy_hooks"),
    ({"gunicorn_deploy_hooks": [{"name": "a", "command": "  "}]}, "gunicorn_deploy_hooks"),
    ({"gunicorn_logrotate_keep": 0}, "gunicorn_logrotate_keep"),
])
def test_each_problem_names_its_variable(changes, text):
    got = problems(**changes)
    assert len(got) == 1, got
    assert text in got[0]


def test_a_tcp_listener_with_listed_balancers_passes():
    assert problems(gunicorn_listen="[::]:8000", gunicorn_forwarded_allow_ips="10.0.0.1") == []


def test_secret_values_never_appear_in_messages():
    got = problems(gunicorn_app_env={"TOKEN": "1"}, gunicorn_app_secret_env={"TOKEN": "s3cr3t-value"})
    assert got and "s3cr3t-value" not in " ".join(got)


def test_removal_checks_only_names_and_paths():
    assert check({"gunicorn_app_name": "shop", "gunicorn_app_state": "absent", "gunicorn_user": "shop",
                  "gunicorn_group": "shop", "gunicorn_socket_path": "/run/x.sock", "gunicorn_app_dir": "/srv/x",
                  "gunicorn_config_dir": "/etc/x", "gunicorn_socket_mode": "0660", "gunicorn_log_dir": "/var/log/x"}) == []


def test_null_from_an_old_templar_counts_as_null():
    assert problems(gunicorn_workers="None", gunicorn_threads="None") == []
