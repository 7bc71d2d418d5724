# -*- coding: utf-8 -*-
# Copyright (c) greenunicorn maintainers
# MIT License (see LICENSE)
"""Helpers shared by the roles' variable checks (gunicorn_checks.py, nginx_proxy_checks.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json


def as_json(value):
    """A value as the roles' messages quote it (JSON, keys sorted)."""
    return json.dumps(value, sort_keys=True, default=str)


def as_int(value, default=None):
    """int(value), or `default` when it is not an integer."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
