#!/usr/bin/env bash
# Prepare everything the demo and the tests need on a Debian/Ubuntu machine:
#   - a running Docker engine (installs docker.io and starts dockerd when `docker info` fails)
#   - the Python virtualenv .venv with requirements-dev.txt
#   - the systemd base images for Debian 12 and 13 (hack/build-images.sh)
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '==> %s\n' "$*"; }

ensure_docker() {
  if docker info >/dev/null 2>&1; then log "Docker engine: running"; return; fi
  if ! command -v dockerd >/dev/null 2>&1; then
    log "Docker engine: installing docker.io from the Debian archive"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io >/dev/null
  fi
  log "Docker engine: starting dockerd (log in /var/log/dockerd.log)"
  setsid dockerd >/var/log/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { log "Docker engine: ready"; return; }
    sleep 1
  done
  echo "dockerd did not become ready in 60 s; see /var/log/dockerd.log" >&2
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

ensure_docker
ensure_venv
bash hack/build-images.sh
