# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The options that name a record: app_record and app_record_info (RECORD_ARGUMENT_SPEC in
    # module_utils/app_record.py).
    DOCUMENTATION = r"""
options:
  name:
    description: The app's name (V(gunicorn_app_name) or V(nginx_proxy_app_name)).
    type: str
    required: true
  role:
    description: The role whose record it is.
    type: str
    choices: [gunicorn, nginx_proxy]
    default: gunicorn
  record_dir:
    description: The directory holding the records, one sub-directory per role.
    type: path
    default: /var/lib/greenunicorn
"""
