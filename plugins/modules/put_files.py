#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: put_files
short_description: Write several files, directories and links of an app in one call
version_added: 1.0.0
description:
  - Brings each entry of O(paths) to the state it names, in the order given, in one module call;
    a directory (created with its missing parents), a file with the given content (written
    atomically, optionally validated first and backed up), a symbolic link, or absent (a file or
    link removed; a directory is refused). Owner, group and mode are set when they differ.
  - What M(ansible.builtin.file), M(ansible.builtin.copy) and M(ansible.builtin.template) do one
    path per call, for the roles' files of an app; a converge that writes an app's units, its
    configuration or its directories pays one round trip to the host instead of one per path.
  - A file whose O(paths[].validate) command fails is not written, nor is any entry after it; the
    module fails naming the file and the command's output. Entries before it stay written, and
    their backups are in the result, so the caller can put them back.
  - Content given as O(paths[].secret_content) is never shown (no diff, masked in logs).
author:
  - greenunicorn maintainers (@greenunicorn)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode nothing is written; the result says what would change.
  diff_mode:
    support: full
    details:
      - The diff of each changed file given with O(paths[].content); secret files are left out.
  platform:
    support: full
    platforms: posix
options:
  paths:
    description: The paths to bring to their state, in order.
    type: list
    elements: dict
    required: true
    suboptions:
      path:
        description: Absolute path.
        type: path
        required: true
      state:
        description: What the path must be.
        type: str
        choices: [file, directory, link, absent]
        default: file
      content:
        description: The content of a file (O(paths[].state=file)).
        type: str
      secret_content:
        description: The content of a file that must never be shown; mutually exclusive with O(paths[].content).
        type: str
      src:
        description: The target of a link (O(paths[].state=link)), written as given (relative or absolute).
        type: str
      owner:
        description: Owner's name.
        type: str
      group:
        description: Group's name.
        type: str
      mode:
        description: Octal mode as a string (C("0644")); not set on links.
        type: str
      backup:
        description: Keep the previous version of a file that is replaced, next to it (RV(paths[].backup_file)).
        type: bool
        default: false
      validate:
        description:
          - Command run on the new content before it replaces the file; C(%s) is the temporary file's path.
          - Run without a shell; the file is written only when it exits with 0.
        type: str
"""

EXAMPLES = r"""
- name: Write the units of "shop", keeping backups of what they replace
  greenunicorn.gunicorn.put_files:
    paths:
      - path: /etc/systemd/system/gunicorn-shop.socket
        content: "{{ lookup('ansible.builtin.template', 'gunicorn.socket.j2') }}"
        owner: root
        group: root
        mode: "0644"
        backup: true
      - path: /etc/systemd/system/gunicorn-shop.service
        content: "{{ lookup('ansible.builtin.template', 'gunicorn.service.j2') }}"
        owner: root
        group: root
        mode: "0644"
        backup: true
  register: units

- name: The app's directories and the link to its release, in one call
  greenunicorn.gunicorn.put_files:
    paths:
      - {path: /srv/gunicorn/shop, state: directory, owner: root, group: shop, mode: "0750"}
      - {path: /srv/gunicorn/shop/current, state: link, src: releases/1a2b3c4d5e6f, owner: root, group: shop}
"""

RETURN = r"""
paths:
  description: One entry per path of O(paths), in the same order (fewer when a validation failed).
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: The path.
      type: str
    dest:
      description: The path again, as M(ansible.builtin.template) names it.
      type: str
    state:
      description: Its state.
      type: str
    changed:
      description: Whether the path was (or in check mode would be) changed.
      type: bool
    created:
      description: Whether the path did not exist before.
      type: bool
    backup_file:
      description: The backup of the replaced file, when one was made.
      type: str
      returned: when a backup was made
    owner:
      description: The owner asked for.
      type: str
    group:
      description: The group asked for.
      type: str
    mode:
      description: The mode asked for.
      type: str
changed_paths:
  description: The paths that changed, in order.
  returned: always
  type: list
  elements: str
"""

import hashlib
import os
import shlex
import tempfile

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_bytes, to_native


class PutError(Exception):
    """A path that cannot be brought to its state; extra goes into the failure's result."""

    def __init__(self, msg, **extra):
        super(PutError, self).__init__(msg)
        self.extra = extra


def _sha1_file(path):
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(65536), b""):
            digest.update(block)
    return digest.hexdigest()


def check_entry(entry, index):
    """The problem with one entry of paths, or None."""
    where = "paths[%d] (%s)" % (index, entry["path"])
    if not os.path.isabs(entry["path"]):
        return "%s: path must be absolute" % where
    state = entry["state"]
    has_content = entry["content"] is not None or entry["secret_content"] is not None
    if entry["content"] is not None and entry["secret_content"] is not None:
        return "%s: content and secret_content are mutually exclusive" % where
    if state == "file" and not has_content:
        return "%s: a file needs content or secret_content" % where
    if state == "absent" and (entry["owner"] or entry["group"] or entry["mode"]):
        return "%s: owner, group and mode do not apply to an absent path" % where
    if state != "file" and (has_content or entry["validate"] or entry["backup"]):
        return "%s: content, secret_content, validate and backup apply to files only" % where
    if state == "link" and not entry["src"]:
        return "%s: a link needs src" % where
    if state != "link" and entry["src"]:
        return "%s: src applies to links only" % where
    if entry["validate"] and "%s" not in entry["validate"]:
        return "%s: validate must contain %%s (the new file's path)" % where
    return None


def file_args(module, entry, path):
    args = module.load_file_common_arguments(dict(path=path, owner=entry["owner"], group=entry["group"],
                                                  mode=entry["mode"] if entry["state"] != "link" else None))
    if entry["state"] == "link":
        args["follow"] = False
    return args


def put_directory(module, entry, result):
    path = entry["path"]
    if os.path.islink(path) or (os.path.exists(path) and not os.path.isdir(path)):
        raise PutError("%s exists and is not a directory" % path)
    if not os.path.exists(path):
        result["created"] = result["changed"] = True
        if module.check_mode:
            return
        os.makedirs(path)
    result["changed"] = module.set_fs_attributes_if_different(file_args(module, entry, path), result["changed"])


def put_link(module, entry, result):
    path = entry["path"]
    if os.path.isdir(path) and not os.path.islink(path):
        raise PutError("%s is a directory, not a link" % path)
    exists = os.path.lexists(path)
    if not exists or not os.path.islink(path) or os.readlink(path) != entry["src"]:
        result["created"] = not exists
        result["changed"] = True
        if module.check_mode:
            return
        # a new link beside the old one, renamed over it: the path is never missing
        tmp = "%s.%s.tmp" % (path, os.getpid())
        if os.path.lexists(tmp):
            os.unlink(tmp)
        os.symlink(entry["src"], tmp)
        os.rename(tmp, path)
    if module.check_mode and result["changed"]:
        return
    result["changed"] = module.set_fs_attributes_if_different(file_args(module, entry, path), result["changed"])


def put_absent(module, entry, result):
    path = entry["path"]
    if os.path.isdir(path) and not os.path.islink(path):
        raise PutError("%s is a directory; put_files removes files and links only" % path)
    if os.path.lexists(path):
        result["changed"] = True
        if not module.check_mode:
            os.unlink(path)


def put_file(module, entry, result, diffs):
    path = entry["path"]
    secret = entry["secret_content"] is not None
    content = to_bytes(entry["secret_content"] if secret else entry["content"])
    if os.path.isdir(path):
        raise PutError("%s is a directory, not a file" % path)
    exists = os.path.lexists(path)
    same = exists and not os.path.islink(path) and _sha1_file(path) == hashlib.sha1(content).hexdigest()
    if not same:
        result["created"] = not exists
        result["changed"] = True
        if module._diff and not secret:
            before = ""
            if exists and not os.path.islink(path):
                with open(path, "rb") as handle:
                    before = to_native(handle.read(), errors="surrogate_or_strict")
            diffs.append(dict(before=before, after=to_native(content), before_header=path, after_header=path))
        if module.check_mode:
            return
        directory = os.path.dirname(path)
        fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), dir=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            if entry["validate"]:
                argv = [tmp if word == "%s" else word.replace("%s", tmp) for word in shlex.split(entry["validate"])]
                rc, out, err = module.run_command(argv)
                if rc != 0:
                    # nothing of this file was written
                    result["changed"] = result["created"] = False
                    raise PutError("%s failed validation with %s (rc %d): %s" % (
                        path, entry["validate"], rc, (err or out).strip()), rc=rc, stdout=out, stderr=err)
            if exists and entry["backup"]:
                result["backup_file"] = module.backup_local(path)
            # the new file gets the attributes asked for before it takes the path
            module.set_fs_attributes_if_different(file_args(module, entry, tmp), True)
            module.atomic_move(tmp, path, unsafe_writes=False)
            tmp = None
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)
    if module.check_mode and result["changed"]:
        return
    result["changed"] = module.set_fs_attributes_if_different(file_args(module, entry, path), result["changed"])


def main():
    module = AnsibleModule(
        argument_spec=dict(
            paths=dict(type="list", elements="dict", required=True, options=dict(
                path=dict(type="path", required=True),
                state=dict(type="str", default="file", choices=["file", "directory", "link", "absent"]),
                content=dict(type="str"),
                secret_content=dict(type="str", no_log=True),
                src=dict(type="str"),
                owner=dict(type="str"),
                group=dict(type="str"),
                mode=dict(type="str"),
                backup=dict(type="bool", default=False),
                validate=dict(type="str"),
            )),
        ),
        supports_check_mode=True,
    )
    entries = module.params["paths"]
    problems = [p for p in (check_entry(e, i) for i, e in enumerate(entries)) if p]
    if problems:
        module.fail_json(msg="put_files: " + "; ".join(problems))
    done = []
    diffs = []
    for entry in entries:
        result = dict(path=entry["path"], dest=entry["path"], state=entry["state"], changed=False, created=False,
                      owner=entry["owner"], group=entry["group"], mode=entry["mode"])
        done.append(result)
        try:
            if entry["state"] == "directory":
                put_directory(module, entry, result)
            elif entry["state"] == "link":
                put_link(module, entry, result)
            elif entry["state"] == "absent":
                put_absent(module, entry, result)
            else:
                put_file(module, entry, result, diffs)
        except PutError as exc:
            module.fail_json(msg=to_native(exc), paths=done, changed_paths=[p["path"] for p in done if p["changed"]],
                             **exc.extra)
        except (IOError, OSError) as exc:
            module.fail_json(msg="Cannot write %s: %s" % (entry["path"], to_native(exc)), paths=done,
                             changed_paths=[p["path"] for p in done if p["changed"]])
    changed_paths = [p["path"] for p in done if p["changed"]]
    output = dict(changed=bool(changed_paths), paths=done, changed_paths=changed_paths)
    if module._diff and diffs:
        output["diff"] = diffs
    module.exit_json(**output)


if __name__ == "__main__":
    main()
