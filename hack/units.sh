#!/usr/bin/env bash
# The plugins' unit tests (tests/unit/, the layout ansible-test units uses), with plain pytest:
# a few seconds, no container. `ansible-test units` runs the same files from an
# ansible_collections/greenunicorn/gunicorn tree.
#
#   hack/units.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python -m pytest -q -p no:cacheprovider tests/unit "$@"
