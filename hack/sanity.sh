#!/usr/bin/env bash
# ansible-test sanity for the collection, offline. ansible-test wants the collection at
# ansible_collections/<namespace>/<name>/, so the tracked files are copied to such a tree under
# .cache/sanity. Its virtualenvs bootstrap pip with a get-pip script downloaded from a host that
# may be unreachable; a stand-in in its cache installs pip with ensurepip instead.
#
#   hack/sanity.sh [ansible-test sanity options, e.g. --test yamllint]
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '==> %s\n' "$*"; }

# the pip version ansible-test bootstraps (its get-pip cache file is named after it)
pip_version=$(python - <<'PY'
import inspect, re
from ansible_test._internal.python_requirements import get_venv_packages
print(re.search(r"pip='([0-9.]+)'", inspect.getsource(get_venv_packages)).group(1))
PY
)
cache=~/.ansible/test/cache/get_pip_${pip_version//./_}.py
if [ ! -s "$cache" ] || ! grep -q "greenunicorn stand-in" "$cache"; then
  log "get-pip stand-in for pip $pip_version: $cache"
  mkdir -p "$(dirname "$cache")"
  cat > "$cache" <<'PY'
# greenunicorn stand-in for get-pip.py: ansible-test runs it to put pip into a new virtualenv.
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
if args:
    subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
PY
fi

tree=.cache/sanity/ansible_collections/greenunicorn/gunicorn
log "copying the tracked files to $tree"
rm -rf .cache/sanity
mkdir -p "$tree"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  [ -e "$file" ] && cp --parents -P "$file" "$tree/"
done
git -C "$tree" init -q && git -C "$tree" add -A >/dev/null

python_version=$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
log "ansible-test sanity --venv --requirements --python $python_version"
cd "$tree"
ansible-test sanity --venv --requirements --python "$python_version" --color no "$@"
