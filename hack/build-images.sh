#!/usr/bin/env bash
# Build the systemd base images the Molecule scenarios and the demo boot, from Debian's
# archive with debootstrap (no container registry needed). An image that exists is kept;
# set REBUILD=1 to build again.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '==> %s\n' "$*"; }

MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES=systemd,systemd-sysv,python3,sudo,dbus,iproute2,procps,curl,ca-certificates

if ! command -v debootstrap >/dev/null 2>&1 || [ ! -e /usr/share/keyrings/debian-archive-keyring.gpg ]; then
  log "installing debootstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap debian-archive-keyring >/dev/null
fi

build() {  # build <suite> <tag>
  local suite=$1 image=greenunicorn/debian-systemd:$2
  if [ -z "${REBUILD:-}" ] && docker image inspect "$image" >/dev/null 2>&1; then
    log "image $image: present"; return
  fi
  local root; root=$(mktemp -d /var/tmp/gu-rootfs.XXXXXX)
  log "image $image: debootstrap $suite (about a minute)"
  debootstrap --variant=minbase --include=$PACKAGES "$suite" "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -n 30 "$root.log" >&2; exit 1; }
  # keep downloaded .debs so a mounted host cache fills up and later runs stay local
  echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > "$root/etc/apt/apt.conf.d/10keep-debs"
  rm -f "$root/etc/apt/apt.conf.d/docker-clean"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  : > "$root/etc/machine-id"
  tar -C "$root" -c . | docker import -c 'CMD ["/lib/systemd/systemd"]' - "$image" >/dev/null
  rm -rf "$root" "$root.log"
  log "image $image: built"
}

build bookworm 12
build trixie 13
