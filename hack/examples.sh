#!/usr/bin/env bash
# Run the example playbooks of playbooks/examples/ the way their comments tell a newcomer to:
# after the quick-start demo, against its container, with a fresh virtualenv holding only the
# ansible package and the collection tarball installed into a fresh collections path; then check
# each app through nginx and remove the container.
#
#   bash hack/examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NAME=greenunicorn-demo
log() { printf '==> %s\n' "$*"; }
fail() { echo "ERROR: $*" >&2; exit 1; }

# hack/test.sh has just run the quick start with --check and kept its container: use it
if [ -n "${GU_EXAMPLES_REUSE_DEMO:-}" ] && [ "$(docker inspect -f '{{.State.Running}}' "$NAME" 2>/dev/null)" = true ]; then
  log "using the quick-start container $NAME the demo step left running"
else
  bash hack/demo.sh
fi

log "a fresh virtualenv with the ansible package only, and the collection tarball installed"
rm -rf .cache/newcomer
python3 -m venv .cache/newcomer/venv
.cache/newcomer/venv/bin/pip install -q "$(grep -E '^ansible==' requirements-dev.txt)" \
  "$(grep -E '^ansible-core==' requirements-dev.txt)"
# shellcheck disable=SC1091
source .cache/newcomer/venv/bin/activate
export ANSIBLE_COLLECTIONS_PATH=$ROOT/.cache/newcomer/collections
ansible-galaxy collection install --no-deps --collections-path "$ANSIBLE_COLLECTIONS_PATH" .cache/demo-dist/*.tar.gz
trap 'docker rm -f "$NAME" >/dev/null 2>&1 || true' EXIT
ADDR=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$NAME")

get() {  # get <host> <path> [curl options]: the body, or fail
  local host=$1 path=$2; shift 2
  curl -sS --fail --max-time 10 -H "Host: $host" "$@" "http://$ADDR$path"
}
expect() {  # expect <what> <text> <pattern>
  grep -qE -- "$3" <<<"$2" || fail "$1: expected /$3/, got: $2"
  echo "ok: $1"
}

log "example flask: ansible-playbook -i playbooks/examples/flask.yml greenunicorn.gunicorn.site"
ansible-playbook -i playbooks/examples/flask.yml greenunicorn.gunicorn.site
expect "flask answers" "$(get flask.example.test /)" '^Hello from Flask behind gunicorn and nginx$'
expect "flask sees the client's host" "$(get flask.example.test /scheme)" '"host":"flask.example.test"'
cpus=$(docker exec "$NAME" grep -c '^processor' /proc/cpuinfo)
expect "flask (gthread, no counts set) runs 2 x CPUs workers of 4 threads" \
  "$(docker exec "$NAME" grep -E '^(workers|threads) = ' /etc/gunicorn/flaskhello/gunicorn.conf.py | tr '\n' ' ')" \
  "^workers = $((cpus * 2)) threads = 4 \$"

# the installed copy of the playbook, so that it imports the installed site playbook
installed=$ANSIBLE_COLLECTIONS_PATH/ansible_collections/greenunicorn/gunicorn
log "example django: ansible-playbook -i playbooks/examples/django.yml <installed>/playbooks/examples/django-site.yml"
ansible-playbook -i playbooks/examples/django.yml "$installed/playbooks/examples/django-site.yml"
expect "django answers" "$(get django.example.test /)" 'Hello from Django behind gunicorn and nginx'
expect "nginx serves django's static file, cached 30 days" \
  "$(get django.example.test /static/css/site.css --include)" 'Cache-Control: max-age=2592000'
expect "a missing static file is nginx's 404" \
  "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: django.example.test' "http://$ADDR/static/css/missing.css")" '^404$'

log "example starlette: ansible-playbook -i playbooks/examples/starlette.yml greenunicorn.gunicorn.site"
ansible-playbook -i playbooks/examples/starlette.yml greenunicorn.gunicorn.site
expect "starlette answers" "$(get starlette.example.test /)" '^Hello from Starlette behind gunicorn and nginx$'
expect "a WebSocket through nginx echoes" \
  "$(python3 molecule/resources/files/wsecho.py "$ADDR" 80 /ws --host-header starlette.example.test --message hi)" \
  '"reply": "echo: hi", "status": 101'

log "example two-apps: ansible-playbook -i playbooks/examples/two-apps.yml greenunicorn.gunicorn.site"
ansible-playbook -i playbooks/examples/two-apps.yml greenunicorn.gunicorn.site
expect "both apps answer: flask" "$(get flask.example.test /)" '^Hello from Flask'
expect "both apps answer: starlette" "$(get starlette.example.test /)" '^Hello from Starlette'
expect "the demo app still answers any other name" "$(get anything.test /)" '^Hello from hello:'

echo "examples: all four deployed and answered through nginx"
