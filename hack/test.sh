#!/usr/bin/env bash
# The whole test suite, from scratch: environment, lint, argument specs, collection build and
# install, then every Molecule scenario. Prints a summary line per step; exits non-zero when
# any step fails.
#
#   bash hack/test.sh                 everything
#   bash hack/test.sh default        only these Molecule scenarios (after the checks)
#   SKIP_CHECKS=1 bash hack/test.sh default   only the scenarios
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
log() { printf '==> %s\n' "$*"; }

bash hack/env.sh || exit 1
# shellcheck disable=SC1091
source .venv/bin/activate
export GU_CACHE_DIR=${GU_CACHE_DIR:-/var/cache/greenunicorn}
mkdir -p "$GU_CACHE_DIR"/{apt-debian12,apt-debian13,pip,uv}
# Molecule 26 looks for a collection's scenarios in extensions/molecule; ours are in molecule/.
export MOLECULE_GLOB='molecule/*/molecule.yml'
export ANSIBLE_COLLECTIONS_PATH=$ROOT/.cache/collections
export PY_COLORS=0 ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1
# the collection as Ansible sees it while testing: this checkout
mkdir -p .cache/collections/ansible_collections/greenunicorn
ln -sfn "$ROOT" .cache/collections/ansible_collections/greenunicorn/gunicorn

declare -a SUMMARY=()
FAILED=0
step() {  # step <name> <command...>
  local name=$1; shift
  local start=$SECONDS
  log "$name"
  if "$@"; then
    SUMMARY+=("PASS  $name ($((SECONDS - start)) s)")
  else
    SUMMARY+=("FAIL  $name ($((SECONDS - start)) s)")
    FAILED=$((FAILED + 1))
  fi
}

if [ -z "${SKIP_CHECKS:-}" ]; then
  step "yamllint" yamllint --strict .
  step "ansible-lint (production profile)" ansible-lint --profile production
  step "unit tests of the plugins (hack/units.sh)" bash hack/units.sh
  step "argument specs match defaults and the README tables" python hack/check-argspecs.py
  step "changelog (antsibull-changelog lint, CHANGELOG.md generated)" bash hack/check-changelog.sh
  step "ansible-test sanity" bash hack/sanity.sh
  step "collection build, install and ansible-doc" bash hack/check-build.sh
  step "quick start demo (hack/demo.sh --check)" env GU_DEMO_KEEP=1 bash hack/demo.sh --check
  # make bench-smoke's run, in the quick-start container (examples.sh removes it at the end)
  step "benchmark smoke (one class, one workload, a few seconds)" \
    bash benchmarks/run.sh --smoke --container greenunicorn-demo --out .cache/bench-smoke
  step "example playbooks (hack/examples.sh)" env GU_EXAMPLES_REUSE_DEMO=1 bash hack/examples.sh
fi

if [ $# -gt 0 ]; then
  scenarios=("$@")
else
  mapfile -t scenarios < <(find molecule -mindepth 2 -maxdepth 2 -name molecule.yml -printf '%h\n' | xargs -n1 basename | sort)
fi
# GU_PLATFORM=debian12 (or debian13) runs each scenario on that platform only (the GitHub
# workflow's matrix does); by default both, except for the scenarios in GU_ONE_PLATFORM, which
# run on Debian 12 only to keep the suite's time down (what they test does not depend on the
# Debian release: preflight checks, faults under load, one sync worker and a class switch;
# `molecule test -s <name>` runs both).
GU_ONE_PLATFORM=${GU_ONE_PLATFORM-"bad_input resilience sync"}
for scenario in "${scenarios[@]}"; do
  platform=${GU_PLATFORM:-}
  if [ -z "$platform" ] && [[ " $GU_ONE_PLATFORM " == *" $scenario "* ]]; then
    platform=debian12
  fi
  # a scenario with platforms of its own (lifecycle, cluster) runs them all
  if [ -n "$platform" ] && ! grep -q '^platforms:' "molecule/$scenario/molecule.yml"; then
    step "molecule scenario $scenario on $platform" \
      molecule test -s "$scenario" --platform-name "${GU_INSTANCE_PREFIX:-gu}-$scenario-$platform"
  else
    step "molecule scenario $scenario" molecule test -s "$scenario"
  fi
done

echo
echo "==================== summary ===================="
printf '%s\n' "${SUMMARY[@]}"
passed=$(( ${#SUMMARY[@]} - FAILED ))
echo "$passed passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
