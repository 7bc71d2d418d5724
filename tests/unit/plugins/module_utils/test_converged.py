# Unit tests of module_utils/converged.py: the watch, the snapshot, the comparison, the digest of
# an app's inputs and the health request.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import socket
import threading

import pytest

from ansible_collections.greenunicorn.gunicorn.plugins.module_utils import converged

UNITS = {"gunicorn-a.socket": {"LoadState": "loaded", "ActiveState": "active", "UnitFileState": "enabled",
                               "NeedDaemonReload": "no"}}


def unit_show(units, properties):
    return dict((unit, dict((key, UNITS.get(unit, {}).get(key, "")) for key in properties)) for unit in units)


def watch_of(tmp_path, **extra):
    watch = {"paths": [str(tmp_path / "conf.py"), str(tmp_path / "conf.py")], "globs": [str(tmp_path / "rel" / "*")],
             "list_dirs": [str(tmp_path / "rel")], "units": ["gunicorn-a.socket"], "users": ["root"],
             "groups": ["root"], "packages": ["nginx"]}
    watch.update(extra)
    return converged.normalize_watch(watch)


def test_normalize_sorts_dedups_and_refuses_unknown_keys():
    watch = converged.normalize_watch({"paths": ["/b", "/a", "/b", ""], "finds": [{"dir": "/d", "contains": "x"}] * 2})
    assert watch["paths"] == ["/a", "/b"] and watch["units"] == []
    assert watch["finds"] == [{"dir": "/d", "patterns": ["*"], "excludes": [], "contains": "x"}]
    with pytest.raises(converged.MarkError, match="unknown keys: pathz"):
        converged.normalize_watch({"pathz": []})
    with pytest.raises(converged.MarkError, match="must be a list"):
        converged.normalize_watch({"paths": "/a"})
    with pytest.raises(converged.MarkError, match="regular expression"):
        converged.normalize_watch({"finds": [{"dir": "/d", "contains": "("}]})
    with pytest.raises(converged.MarkError, match="needs dir"):
        converged.normalize_watch({"finds": [{"patterns": ["*"]}]})


def test_installed_packages_read_dpkg_status(tmp_path):
    status = tmp_path / "status"
    status.write_text("Package: nginx\nStatus: install ok installed\nVersion: 1.22.1-9\n\n"
                      "Package: git\nStatus: deinstall ok config-files\nVersion: 2.39\n\n"
                      "Package: other\nStatus: install ok installed\nVersion: 1\n")
    assert converged.installed_packages(["nginx", "git", "absent"], str(status)) == {
        "absent": None, "git": None, "nginx": "1.22.1-9"}
    assert converged.installed_packages([], str(status)) == {}


def test_find_matches_keeps_the_matching_lines(tmp_path):
    (tmp_path / "gunicorn-b.conf").write_text("server {\n    listen 80 default_server;\n}\n")
    (tmp_path / "gunicorn-c.conf").write_text("server {\n    listen 80;\n}\n")
    (tmp_path / "gunicorn-00-http.conf").write_text("listen 80 default_server;\n")
    (tmp_path / "gunicorn-a.conf").write_text("listen 80 default_server;\n")
    find = converged.normalize_watch({"finds": [{
        "dir": str(tmp_path), "patterns": ["gunicorn-*.conf"], "excludes": ["gunicorn-00-*.conf", "gunicorn-a.conf"],
        "contains": r"^\s*listen\s[^;]*default_server"}]})["finds"][0]
    assert converged.find_matches(find) == {"gunicorn-b.conf": ["listen 80 default_server;"]}
    (tmp_path / "gunicorn-b.conf").write_text("server {\n    listen 443 ssl default_server;\n}\n")
    assert converged.find_matches(find) == {"gunicorn-b.conf": ["listen 443 ssl default_server;"]}


def test_the_same_host_compares_in_sync_and_any_change_does_not(tmp_path):
    (tmp_path / "conf.py").write_text("workers = 2\n")
    (tmp_path / "rel").mkdir()
    os.symlink("../venvs/v1", str(tmp_path / "rel" / "venv"))
    watch = watch_of(tmp_path)
    before = converged.snapshot(watch, unit_show, status_file=str(tmp_path / "none"))
    mark = converged.parse_mark(__import__("json").dumps(converged.build_mark("a", "d1", watch, {}, before)))
    assert converged.compare(mark, "d1", converged.snapshot(watch, unit_show, str(tmp_path / "none"))) == (
        True, "as the last converge left it")
    assert converged.compare(mark, "d2", before)[1] == "its variables, sources, facts or the collection changed"
    assert converged.compare(None, "d1", before)[0] is False

    (tmp_path / "conf.py").write_text("workers = 3\n")
    assert converged.compare(mark, "d1", converged.snapshot(watch, unit_show, str(tmp_path / "none"))) == (
        False, "path %s changed" % (tmp_path / "conf.py"))
    (tmp_path / "conf.py").write_text("workers = 2\n")
    os.unlink(str(tmp_path / "rel" / "venv"))
    os.symlink("../venvs/v2", str(tmp_path / "rel" / "venv"))
    assert "rel/venv changed" in converged.compare(mark, "d1", converged.snapshot(watch, unit_show, str(tmp_path / "none")))[1]
    os.unlink(str(tmp_path / "rel" / "venv"))
    os.symlink("../venvs/v1", str(tmp_path / "rel" / "venv"))
    UNITS["gunicorn-a.socket"]["ActiveState"] = "inactive"
    try:
        assert converged.compare(mark, "d1", converged.snapshot(watch, unit_show, str(tmp_path / "none")))[1] == (
            "unit gunicorn-a.socket changed")
    finally:
        UNITS["gunicorn-a.socket"]["ActiveState"] = "active"
    (tmp_path / "status").write_text("Package: nginx\nStatus: install ok installed\nVersion: 1.26\n")
    assert converged.compare(mark, "d1", converged.snapshot(watch, unit_show, str(tmp_path / "status")))[1] == (
        "package nginx changed")


def test_a_mark_of_another_version_or_not_json_is_none():
    assert converged.parse_mark("not json") is None
    assert converged.parse_mark('{"version": 0, "digest": "", "watch": {}, "health": {}, "snapshot": {}}') is None
    assert converged.parse_mark('{"version": 1, "digest": ""}') is None


def test_mark_file_refuses_names_that_leave_the_directory():
    assert converged.mark_file("/var/lib/greenunicorn", "shop") == "/var/lib/greenunicorn/converged/shop.json"
    for name in ("", "../x", "a/b", ".hidden"):
        with pytest.raises(converged.MarkError):
            converged.mark_file("/var/lib/greenunicorn", name)


APP = {"gunicorn_app_name": "shop", "gunicorn_app_module": "shop.wsgi:application",
       "gunicorn_app_secret_env": {"KEY": "s3cret"}}


def inputs(app, **kwargs):
    args = dict(host="web1", facts={"processor_vcpus": 2, "fqdn": "web1", "ansible_other": "x"}, code="c1",
                tree_checksum=lambda path: "tree:" + path, file_checksum=lambda path: "file:" + path)
    args.update(kwargs)
    return converged.app_inputs(app, **args)


def test_the_digest_changes_with_every_input_and_only_with_them():
    digest, reason = inputs(APP)
    assert len(digest) == 64 and reason is None
    assert inputs(dict(APP))[0] == digest
    assert inputs(APP, facts={"processor_vcpus": 2, "fqdn": "web1", "ansible_other": "y"})[0] == digest
    others = [
        inputs(dict(APP, gunicorn_workers=3))[0],
        inputs(dict(APP, gunicorn_app_secret_env={"KEY": "other"}))[0],
        inputs(APP, host="web2")[0],
        inputs(APP, code="c2")[0],
        inputs(APP, facts={"processor_vcpus": 4, "fqdn": "web1"})[0],
        inputs(dict(APP, gunicorn_app_src="/src/shop"))[0],
        inputs(dict(APP, gunicorn_app_src="/src/shop"), tree_checksum=lambda path: "other")[0],
    ]
    assert len(set(others + [digest])) == len(others) + 1


def test_the_secret_is_not_in_the_digest_or_the_reason():
    digest, reason = inputs(APP)
    assert "s3cret" not in digest and reason is None


@pytest.mark.parametrize("change, reason", [
    ({"gunicorn_app_state": "absent"}, "it is to be removed"),
    ({"nginx_proxy_state": "absent"}, "it is to be removed"),
    ({"gunicorn_app_src": "files/shop"}, 'gunicorn_app_src="files/shop" is a relative path'),
    ({"gunicorn_app_git_repo": "https://example.org/shop.git", "gunicorn_app_git_ref": "main"},
     "gunicorn_app_git_ref is not a commit id"),
    ({"gunicorn_deploy_hooks": [{"name": "migrate", "command": ["true"], "run": "always"}]}, "run=always"),
    ({"nginx_proxy_upstream_group": "web"}, "names other hosts"),
    ({"nginx_proxy_tls": True}, "self-signed"),
    ({"nginx_proxy_tls": True, "nginx_proxy_tls_certificate": "c.pem", "nginx_proxy_tls_files_on": "controller"},
     'nginx_proxy_tls_certificate="c.pem" is a relative path'),
])
def test_apps_that_go_through_the_roles_at_every_converge(change, reason):
    digest, why = inputs(dict(APP, **change))
    assert digest is None and reason in why


def test_a_pinned_commit_and_given_certificates_can_be_skipped():
    pinned = dict(APP, gunicorn_app_git_repo="https://example.org/shop.git", gunicorn_app_git_ref="a" * 40)
    assert inputs(pinned)[0]
    tls = dict(APP, nginx_proxy_tls=True, nginx_proxy_tls_certificate="/tls/c.pem", nginx_proxy_tls_certificate_key="/tls/k.pem",
               nginx_proxy_tls_files_on="controller")
    assert inputs(tls)[0] != inputs(tls, file_checksum=lambda path: "other")[0]
    on_target = dict(tls, nginx_proxy_tls_files_on="target")
    assert inputs(on_target)[0] == inputs(on_target, file_checksum=lambda path: "other")[0]


def serve(status, path):
    """A unix socket answering one request with `status`; returns the thread and the requests seen."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    seen = []

    def answer():
        conn, _addr = listener.accept()
        seen.append(conn.recv(4096).decode())
        conn.sendall(("HTTP/1.1 %d X\r\nContent-Length: 0\r\n\r\n" % status).encode())
        conn.close()
        listener.close()

    thread = threading.Thread(target=answer)
    thread.start()
    return thread, seen


def test_health_request_over_a_unix_socket(tmp_path):
    path = str(tmp_path / "app.sock")
    thread, seen = serve(200, path)
    ok, reason = converged.health_request({"socket": path, "path": "/health", "host": "shop.test", "status": [200]})
    thread.join()
    assert ok and reason == "answered 200"
    assert seen[0].startswith("GET /health HTTP/1.1\r\nHost: shop.test\r\n")
    os.unlink(path)
    thread, seen = serve(503, path)
    assert converged.health_request({"socket": path, "status": [200, 204]}) == (False, "its health check answered 503, not 200/204")
    thread.join()


def test_health_request_that_cannot_connect(tmp_path):
    ok, reason = converged.health_request({"socket": str(tmp_path / "none.sock")})
    assert not ok and reason.startswith("its health check could not connect")
    with pytest.raises(converged.MarkError):
        converged.health_request({})
