#!/usr/bin/env bash
# Build the collection from galaxy.yml, install the tarball into an empty collections path,
# and check that ansible-doc documents every option of both roles from the installed copy.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# local state a contributor's tools leave (ansible-lint writes .ansible/) must stay out
probe=""
if [ ! -e .ansible ]; then mkdir .ansible; probe=.ansible; fi
touch .ansible/check-build-probe
ansible-galaxy collection build --force --output-path "$work/dist" . >/dev/null
rm -f .ansible/check-build-probe
[ -z "$probe" ] || rmdir "$probe"
tarball=$(ls "$work"/dist/greenunicorn-gunicorn-*.tar.gz)
echo "built $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KiB)"

# build_ignore keeps the test harness and dev files out of the artifact
for unwanted in molecule/ hack/ .ci/ .venv/ .cache/ .ansible/ benchmarks/ tests/output/ ansible.cfg requirements-dev.txt; do
  if tar -tzf "$tarball" | grep -q "^$unwanted"; then
    echo "ERROR: $unwanted is in the tarball" >&2; exit 1
  fi
done

# --no-deps: Galaxy may be unreachable; the dependencies come with the ansible package, which
# must provide each one galaxy.yml names
ANSIBLE_COLLECTIONS_PATH=$work/collections \
  ansible-galaxy collection install --no-deps --collections-path "$work/collections" "$tarball" >/dev/null
for dependency in $(python3 -c 'import sys, yaml; print(" ".join(yaml.safe_load(open(sys.argv[1]))["dependencies"]))' galaxy.yml); do
  ansible-galaxy collection list "$dependency" 2>/dev/null | grep -q "^$dependency " \
    || { echo "ERROR: the dependency $dependency is not installed with ansible" >&2; exit 1; }
  echo "dependency $dependency: provided by the ansible package"
done
installed=$work/collections/ansible_collections/greenunicorn/gunicorn
for f in galaxy.yml MANIFEST.json meta/runtime.yml playbooks/site.yml playbooks/tasks/site_app.yml \
         roles/gunicorn/meta/argument_specs.yml roles/nginx_proxy/meta/argument_specs.yml; do
  [ -e "$installed/$f" ] || [ "$f" = galaxy.yml ] || { echo "ERROR: $f missing from the installed collection" >&2; exit 1; }
done

for role in gunicorn nginx_proxy; do
  doc=$(ANSIBLE_COLLECTIONS_PATH=$work/collections ansible-doc -t role "greenunicorn.gunicorn.$role")
  missing=0
  for option in $(python3 -c 'import sys, yaml; print(" ".join(yaml.safe_load(open(sys.argv[1]))["argument_specs"]["main"]["options"]))' "roles/$role/meta/argument_specs.yml"); do
    grep -q -- "$option" <<<"$doc" || { echo "ERROR: ansible-doc for $role does not show $option" >&2; missing=1; }
  done
  [ "$missing" -eq 0 ] || exit 1
  echo "ansible-doc -t role greenunicorn.gunicorn.$role: every option documented"
done
ANSIBLE_COLLECTIONS_PATH=$work/collections ansible-playbook --syntax-check -i localhost, greenunicorn.gunicorn.site >/dev/null
echo "ansible-playbook greenunicorn.gunicorn.site: syntax OK from the installed copy"
# every plugin: modules and lookups are documented in their .py, filters in a .yml beside them
for plugin in plugins/modules/*.py plugins/filter/*.yml plugins/lookup/*.py; do
  kind=$(basename "$(dirname "$plugin")"); kind=${kind%s}
  name=$(basename "${plugin%.*}")
  ANSIBLE_COLLECTIONS_PATH=$work/collections ansible-doc -t "$kind" "greenunicorn.gunicorn.$name" >/dev/null \
    || { echo "ERROR: ansible-doc -t $kind greenunicorn.gunicorn.$name fails from the installed copy" >&2; exit 1; }
  echo "ansible-doc -t $kind greenunicorn.gunicorn.$name: OK from the installed copy"
done
