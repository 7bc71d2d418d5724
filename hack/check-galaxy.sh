#!/usr/bin/env bash
# Import the built collection as Galaxy does: galaxy-importer (pinned, in a virtualenv of its own
# under .cache, with its own ansible-lint) reads the tarball hack/check-build.sh's build makes
# and must log no warning and no error.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/galaxy-importer-venv
version=0.4.44
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/pip" show galaxy-importer 2>/dev/null | grep -q "^Version: $version$"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "galaxy-importer==$version"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ansible-galaxy collection build --force --output-path "$work" . >/dev/null
# what Galaxy's own import runs, less ansible-test (hack/sanity.sh runs it) and the container
cat > "$work/galaxy-importer.cfg" <<'CFG'
[galaxy-importer]
RUN_ANSIBLE_TEST = False
RUN_ANSIBLE_LINT = True
LOCAL_IMAGE_DOCKER = False
CFG
(
  cd "$work"
  PATH=$OLDPWD/$venv/bin:$PATH GALAXY_IMPORTER_CONFIG=$work/galaxy-importer.cfg \
    python -m galaxy_importer.main greenunicorn-gunicorn-*.tar.gz > importer.log 2>&1
) || { cat "$work/importer.log"; exit 1; }
if grep -E '^(WARNING|ERROR)' "$work/importer.log"; then
  echo "galaxy-importer $version reported the lines above" >&2
  exit 1
fi
tail -n 1 "$work/importer.log"
echo "galaxy-importer $version: no warning, no error"
