#!/usr/bin/env bash
# The documentation markup of every plugin and role entry point, as antsibull-docs (the tool that
# builds docs.ansible.com) reads it: references to options, plugins and roles must resolve, tables
# must render. Prints nothing and exits 0 when clean.
set -euo pipefail
cd "$(dirname "$0")/.."
# the collection must be found as greenunicorn.gunicorn (hack/test.sh links this checkout there)
export ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-$PWD/.cache/collections}
antsibull-docs lint-collection-docs --plugin-docs .
echo "antsibull-docs lint-collection-docs --plugin-docs: no problem"
