# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The action greenunicorn.gunicorn.copy_tree (documented in plugins/modules/copy_tree.py).

Packs a directory of the controller into a private temporary archive, hands it to
ansible.builtin.unarchive (its action: the transfer, then its module on the target), and removes
the archive: one task where a role needed four (a temporary file, tar, unarchive, a clean-up).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import tarfile
import tempfile

from ansible.plugins.action import ActionBase

ARGUMENT_SPEC = dict(
    src=dict(type="path", required=True),
    dest=dict(type="path", required=True),
    owner=dict(type="str"),
    group=dict(type="str"),
    mode=dict(type="raw"),
)


def pack_tree(src, archive):
    """Write the tree under `src` into the gzip tar file `archive`, as `tar -C src -czh .` does.

    Symbolic links are followed (the archive holds what they point to), entries are in sorted
    order, names are relative (./...). Returns the number of entries.
    """
    count = [0]

    def counted(info):
        count[0] += 1
        return info

    with tarfile.open(archive, "w:gz", dereference=True) as tar:
        tar.add(src, arcname=".", recursive=True, filter=counted)
    return count[0]


class ActionModule(ActionBase):
    """Copy a controller directory into a target directory as one archive."""

    TRANSFERS_FILES = True
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        if task_vars is None:
            task_vars = dict()
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # tmp no longer has any effect

        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        src = os.path.realpath(os.path.expanduser(args["src"]))
        if not os.path.isdir(src):
            result.update(failed=True, msg="src is %s, which is not a directory on the controller." % args["src"])
            return result

        # mkstemp: a file only the controller's user can read (the source may hold secrets)
        handle, archive = tempfile.mkstemp(prefix="greenunicorn-tree-", suffix=".tar.gz")
        os.close(handle)
        try:
            entries = pack_tree(src, archive)
            new_task = self._task.copy()
            new_task.args = dict((key, value) for key, value in args.items() if value is not None)
            new_task.args["src"] = archive
            unarchive = self._shared_loader_obj.action_loader.get(
                "ansible.legacy.unarchive",
                task=new_task,
                connection=self._connection,
                play_context=self._play_context,
                loader=self._loader,
                templar=self._templar,
                shared_loader_obj=self._shared_loader_obj,
            )
            result.update(unarchive.run(task_vars=task_vars))
        finally:
            os.unlink(archive)
        result["src"] = src
        result["entries"] = entries
        return result
