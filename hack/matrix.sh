#!/usr/bin/env bash
# The newer ansible-core lines of the supported range. .venv runs 2.19 (the machine's Python
# 3.11); 2.20 and 2.21 need Python 3.12 or later, so each runs in a Debian 13 container (Python
# 3.13) that is both the controller and the target:
#   - ansible-core of that line from PyPI, and community.crypto taken from the wheel of the
#     `ansible` package of the same line (the only collection the roles use);
#   - the collection tarball (ansible-galaxy collection build) installed next to it;
#   - the site playbook, connection local, deploys two apps (one from a source tree, one with a
#     requirements file and packages); a second run with the roles (no skip) changes nothing;
#     each app answers through nginx; neither run prints a deprecation warning.
#
#   bash hack/matrix.sh                  every line of GU_CORE_MATRIX
#   GU_CORE_MATRIX="2.21.5:14.5.0" bash hack/matrix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# <ansible-core version>:<ansible package version>, the newest of each line when written
MATRIX=${GU_CORE_MATRIX:-"2.20.10:13.8.0 2.21.5:14.5.0"}
CACHE=${GU_CACHE_DIR:-/var/cache/greenunicorn}
mkdir -p "$CACHE"/{apt-debian13,pip}
log() { printf '==> %s\n' "$*"; }

work=$(mktemp -d)
containers=()
cleanup() {
  rm -rf "$work"
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
ansible-galaxy collection build --force --output-path "$work" . >/dev/null
cp -r molecule/resources/apps/gudemo "$work/gudemo"
printf 'six==1.17.0\n' > "$work/requirements.txt"
cat > "$work/inventory.yml" <<'EOF'
gunicorn_apps:
  hosts:
    localhost:
      ansible_connection: local
      ansible_python_interpreter: /usr/bin/python3
  vars:
    greenunicorn_apps:
      - gunicorn_app_name: demo
        gunicorn_app_module: gudemo.wsgi:application
        gunicorn_app_src: /opt/matrix/gudemo
        gunicorn_app_env:
          GUDEMO_NAME: demo
        nginx_proxy_server_name: demo.test
      - gunicorn_app_name: shop
        gunicorn_app_module: gudemo.wsgi:application
        gunicorn_app_src: /opt/matrix/gudemo
        gunicorn_app_requirements_file: /opt/matrix/requirements.txt
        gunicorn_app_packages: ["six==1.17.0"]
        gunicorn_worker_class: gthread
        gunicorn_app_env:
          GUDEMO_NAME: shop
        nginx_proxy_server_name: shop.test
EOF

for entry in $MATRIX; do
  core=${entry%%:*} package=${entry##*:}
  name=gu-matrix-core${core%.*}
  name=${name//./-}
  containers+=("$name")
  log "ansible-core $core (ansible $package) in $name, Debian 13"
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker run -d --name "$name" --hostname "$name" \
    --cap-add SYS_ADMIN --cgroupns=host --security-opt seccomp=unconfined \
    -v /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run --tmpfs /run/lock --tmpfs /tmp \
    -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
    -v "$CACHE/apt-debian13:/var/cache/apt/archives:rw" -v "$CACHE/pip:/root/.cache/pip:rw" \
    greenunicorn/debian-systemd:13 /lib/systemd/systemd >/dev/null
  docker exec "$name" systemctl is-system-running --wait >/dev/null 2>&1 || true
  docker cp "$work" "$name:/opt/matrix"
  docker exec -e CORE="$core" -e PACKAGE="$package" "$name" bash -euo pipefail -c '
    echo "Binary::apt::APT::Keep-Downloaded-Packages \"true\";" > /etc/apt/apt.conf.d/01keep
    rm -f /etc/apt/apt.conf.d/docker-clean
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv /opt/ansible
    /opt/ansible/bin/pip install -q "ansible-core==$CORE"
    # community.crypto of the ansible package of this line, out of its wheel (a zip)
    /opt/ansible/bin/pip download -q --no-deps -d /opt/matrix/wheel "ansible==$PACKAGE"
    /opt/ansible/bin/python - <<PY
import zipfile, glob
wheel = zipfile.ZipFile(glob.glob("/opt/matrix/wheel/ansible-*.whl")[0])
members = [m for m in wheel.namelist() if m.startswith("ansible_collections/community/crypto/")]
wheel.extractall("/opt/collections", members)
print(f"community.crypto: {len(members)} files from", wheel.filename.rsplit("/", 1)[-1])
PY
    /opt/ansible/bin/ansible-galaxy collection install --no-deps -p /opt/ours /opt/matrix/greenunicorn-gunicorn-*.tar.gz >/dev/null
  ' 2>&1 | grep -v '^WARNING: Location' || { echo "ERROR: preparing $name failed" >&2; exit 1; }
  play() {  # play <log name> [ansible-playbook arguments]
    local out=$1; shift
    docker exec -e ANSIBLE_COLLECTIONS_PATH=/opt/ours:/opt/collections -e ANSIBLE_NOCOLOR=1 -w /opt/matrix "$name" \
      /opt/ansible/bin/ansible-playbook -i inventory.yml greenunicorn.gunicorn.site "$@" > "$work/$out.log" 2>&1 \
      || { tail -n 40 "$work/$out.log"; echo "ERROR: ansible-core $core: $out failed" >&2; exit 1; }
    grep -A1 'PLAY RECAP' "$work/$out.log" | tail -n 1
    if grep -q 'DEPRECATION WARNING' "$work/$out.log"; then
      grep -A3 'DEPRECATION WARNING' "$work/$out.log" >&2
      echo "ERROR: ansible-core $core: $out printed deprecation warnings" >&2; exit 1
    fi
  }
  log "ansible-core $core: first converge of two apps"
  docker exec "$name" /opt/ansible/bin/ansible --version | head -n 1
  play converge
  log "ansible-core $core: second converge with the roles (greenunicorn_site_skip_converged=false)"
  play idempotence -e greenunicorn_site_skip_converged=false
  recap=$(grep -A1 'PLAY RECAP' "$work/idempotence.log" | tail -n 1)
  [[ $recap == *" changed=0 "* ]] || { echo "ERROR: ansible-core $core: the second converge changed something: $recap" >&2; exit 1; }
  for app in demo shop; do
    body=$(docker exec "$name" curl -sS --fail --max-time 10 -H "Host: $app.test" http://127.0.0.1/)
    grep -q "$app" <<<"$body" || { echo "ERROR: ansible-core $core: $app.test answered: $body" >&2; exit 1; }
    echo "$app.test through nginx: $body"
  done
  log "ansible-core $core: converged, idempotent, both apps answer, no deprecation warning"
  docker rm -f "$name" >/dev/null
done
