# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""The deploy history of an app and what a deploy or a rollback keeps.

<app_dir>/releases.json lists the releases on the host in the order they were deployed; the
current link says which one is live. A deploy moves its release to the end, a rollback keeps the
order, so "previous" is always the release deployed before the live one. Only the last
`keep_releases` releases (and the live one) stay, with the virtualenvs they use.

Pure functions, no I/O (the filter greenunicorn.gunicorn.release_history calls them).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def history_plan(releases, release_id, venv_id, code, action, keep_releases, now,
                 on_disk=None, app_dir=""):
    """What the history becomes and what stays on disk.

    releases: the history's list ({id, venv, code, deployed}), oldest first
    action: 'deploy' (the release moves to the end, stamped `now`, unless it is already last)
            or 'rollback' (order kept)
    on_disk: {'releases': [ids], 'venvs': [ids]} found under app_dir when the run began
    Returns dict(history=<list to write>, keep=<release ids>, keep_venvs=<venv ids>,
    prune=<the paths under app_dir of the releases and virtualenvs on disk that are not kept>).
    """
    if action not in ("deploy", "rollback"):
        raise ValueError("action must be deploy or rollback (got %r)" % (action,))
    keep_releases = int(keep_releases)
    if keep_releases < 1:
        raise ValueError("keep_releases must be at least 1 (got %r)" % (keep_releases,))
    releases = [dict(r) for r in (releases or []) if isinstance(r, dict) and r.get("id")]
    new = releases
    if action == "deploy" and not (releases and releases[-1]["id"] == release_id):
        new = [r for r in releases if r["id"] != release_id]
        new.append(dict(id=release_id, venv=venv_id, code=code, deployed=now))
    last = [r["id"] for r in new][-keep_releases:]
    keep = _unique(last + [release_id])
    keep_venvs = _unique([r.get("venv") for r in new if r["id"] in last and r.get("venv")] + [venv_id])
    on_disk = on_disk or {}
    if on_disk and not app_dir:
        raise ValueError("app_dir is required with on_disk")
    prune = ["%s/releases/%s" % (app_dir, r) for r in sorted(on_disk.get("releases") or []) if r not in keep]
    prune += ["%s/venvs/%s" % (app_dir, v) for v in sorted(on_disk.get("venvs") or []) if v not in keep_venvs]
    return dict(history=[r for r in new if r["id"] in keep], keep=keep, keep_venvs=keep_venvs, prune=prune)


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
