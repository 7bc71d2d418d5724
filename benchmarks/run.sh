#!/usr/bin/env bash
# Run the benchmark harness with what it needs: a Docker engine, the virtualenv and the base
# images (hack/env.sh), and the collection as Ansible sees it from this checkout.
#
#   bash benchmarks/run.sh            the full benchmark (make bench), results in benchmarks/results/
#   bash benchmarks/run.sh --smoke    one class, one workload, a few seconds (make bench-smoke)
#   bash benchmarks/run.sh --classes gevent,asgi --workloads io --runs 5
#   bash benchmarks/run.sh converge   first and no-op converges of 1 and 8 apps (make bench-converge)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bash hack/env.sh
# shellcheck disable=SC1091
source .venv/bin/activate
mkdir -p .cache/collections/ansible_collections/greenunicorn
ln -sfn "$ROOT" .cache/collections/ansible_collections/greenunicorn/gunicorn
export ANSIBLE_COLLECTIONS_PATH=$ROOT/.cache/collections ANSIBLE_NOCOLOR=1
export GU_CACHE_DIR=${GU_CACHE_DIR:-/var/cache/greenunicorn}
mkdir -p "$GU_CACHE_DIR"/{apt-debian12,pip,uv}
if [ "${1:-}" = converge ]; then
  shift
  exec python benchmarks/converge.py "$@"
fi
exec python benchmarks/bench.py "$@"
