#!/usr/bin/env bash
# Prepare everything the demo and the tests need on a Debian/Ubuntu machine:
#   - a running Docker engine (installs docker.io and starts dockerd when `docker info` fails)
#   - the Python virtualenv .venv with requirements-dev.txt
#   - the systemd base images for Debian 12 and 13 (hack/build-images.sh)
#   - the link .cache/collections/ansible_collections/greenunicorn/gunicorn -> this checkout, which
#     ansible.cfg puts first in the collections path (ansible-lint, ansible-playbook, ansible-doc
#     find the collection as greenunicorn.gunicorn)
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '==> %s\n' "$*"; }

docker_ready() {  # wait up to $1 seconds for `docker info`
  local _
  for _ in $(seq 1 "$1"); do
    docker info >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

ensure_docker() {
  if docker info >/dev/null 2>&1; then log "Docker engine: running"; return; fi
  if pgrep -x dockerd >/dev/null; then
    # a daemon that is starting or still stopping: let it finish first
    log "Docker engine: waiting for the dockerd that is already running"
    docker_ready 30 && { log "Docker engine: ready"; return; }
    while pgrep -x dockerd >/dev/null; do sleep 1; done
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    log "Docker engine: installing docker.io from the Debian archive"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io >/dev/null
  fi
  local attempt
  for attempt in 1 2 3; do
    # a pid file left by a daemon that is gone would stop the new one
    if [ -e /var/run/docker.pid ] && ! pgrep -x dockerd >/dev/null; then rm -f /var/run/docker.pid; fi
    log "Docker engine: starting dockerd, attempt $attempt (log in /var/log/dockerd.log)"
    setsid dockerd >>/var/log/dockerd.log 2>&1 < /dev/null &
    docker_ready 60 && { log "Docker engine: ready"; return; }
    sleep 5
  done
  echo "dockerd did not become ready; see /var/log/dockerd.log" >&2
  tail -n 20 /var/log/dockerd.log >&2 || true
  exit 1
}

ensure_venv() {
  local stamp=.venv/.requirements-dev.sha
  local want; want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
  if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    log "virtualenv .venv: up to date"; return
  fi
  log "virtualenv .venv: installing requirements-dev.txt"
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r requirements-dev.txt
  echo "$want" > "$stamp"
}

ensure_collection_link() {
  mkdir -p .cache/collections/ansible_collections/greenunicorn
  ln -sfn "$PWD" .cache/collections/ansible_collections/greenunicorn/gunicorn
}

ensure_collection_link
ensure_docker
ensure_venv
bash hack/build-images.sh
