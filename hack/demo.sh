#!/usr/bin/env bash
# Quick-start demo: build the collection, install it, start a local Debian 12 container with
# systemd as PID 1, run `ansible-playbook greenunicorn.gunicorn.site` from the installed copy,
# and show the example app answering through nginx.
#
#   bash hack/demo.sh            deploy and leave the container running
#   bash hack/demo.sh --check    deploy, assert the answer, remove the container (used by the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CHECK=${1:-}
NAME=greenunicorn-demo
IMAGE=greenunicorn/debian-systemd:12
log() { printf '==> %s\n' "$*"; }

bash hack/env.sh
# shellcheck disable=SC1091
source .venv/bin/activate
CACHE=${GU_CACHE_DIR:-/var/cache/greenunicorn}
mkdir -p "$CACHE/apt-debian12" "$CACHE/pip" "$CACHE/uv"

log "building the collection and installing it into .cache/demo-collections"
rm -rf .cache/demo-dist .cache/demo-collections
ansible-galaxy collection build --force --output-path .cache/demo-dist . >/dev/null
ANSIBLE_COLLECTIONS_PATH=$ROOT/.cache/demo-collections \
  ansible-galaxy collection install --no-deps --collections-path .cache/demo-collections .cache/demo-dist/*.tar.gz >/dev/null

log "starting container $NAME ($IMAGE, systemd as PID 1)"
docker rm -f "$NAME" >/dev/null 2>&1 || true
docker run -d --name "$NAME" --hostname "$NAME" \
  --cap-add SYS_ADMIN --cgroupns=host --security-opt seccomp=unconfined \
  -v /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run --tmpfs /run/lock --tmpfs /tmp \
  -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
  -v "$CACHE/apt-debian12:/var/cache/apt/archives:rw" -v "$CACHE/pip:/root/.cache/pip:rw" -v "$CACHE/uv:/root/.cache/uv:rw" \
  "$IMAGE" /lib/systemd/systemd >/dev/null
log "waiting for systemd to finish booting in $NAME"
docker exec "$NAME" systemctl is-system-running --wait >/dev/null || true

log "running ansible-playbook greenunicorn.gunicorn.site from the installed collection"
ANSIBLE_COLLECTIONS_PATH=$ROOT/.cache/demo-collections \
GU_DEMO_APP_SRC=$ROOT/molecule/resources/apps/gudemo \
  ansible-playbook -i playbooks/inventory/demo.yml greenunicorn.gunicorn.site

ADDR=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$NAME")
log "curl http://$ADDR/ (through nginx in $NAME)"
ANSWER=$(curl -sS --max-time 10 "http://$ADDR/")
echo "$ANSWER"
cat <<EOT

The app answers at http://$ADDR/ (nginx -> /run/gunicorn/hello.sock -> gunicorn).
Look around:
  docker exec $NAME systemctl status gunicorn-hello.socket gunicorn-hello.service
  docker exec $NAME journalctl -u gunicorn-hello.service -n 20
  docker exec $NAME cat /etc/gunicorn/hello/gunicorn.conf.py
Remove it: docker rm -f $NAME
EOT

if [ "$CHECK" = "--check" ]; then
  # hack/test.sh keeps it for hack/examples.sh, which deploys the examples into it
  [ -n "${GU_DEMO_KEEP:-}" ] || docker rm -f "$NAME" >/dev/null
  expected="Hello from hello: served by gunicorn behind nginx, socket-activated by systemd"
  if [ "$ANSWER" != "$expected" ]; then
    echo "ERROR: expected '$expected'" >&2; exit 1
  fi
  echo "demo check: the app answered through nginx as expected"
fi
