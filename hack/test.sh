#!/usr/bin/env bash
# The whole test suite, from scratch: environment, lint, argument specs, collection build and
# install, then every Molecule scenario. Prints a summary line per step; exits non-zero when
# any step fails.
#
#   bash hack/test.sh                 everything
#   bash hack/test.sh default        only these Molecule scenarios (after the checks)
#   SKIP_CHECKS=1 bash hack/test.sh default   only the scenarios
#   GU_JOBS=1 bash hack/test.sh      one step after the other
#
# The fast checks (lint, unit tests, specs, changelog) run first. Then the rest runs in GU_JOBS
# lanes at once (default 2). The machine has 2 cores: a scenario on two instances keeps them
# ~85 % busy, one on a single instance ~55 % (it waits for systemd, apt, pip and loads of fixed
# length), so a two-instance scenario runs beside the single-instance work, not beside another
# one. Odd lanes take the single-instance queue first (lane 1 starts with the slower checks:
# sanity, build, docs, quick start, benchmark smoke, examples), even lanes the multi-instance
# queue; a lane whose queue is empty takes from the other. Each queue is longest first. A lane
# other than the first has download caches of its own (apt locks its archive directory). Each
# step's output is printed whole when the step ends, and kept in .cache/logs/<step>.log.
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
# the collection as Ansible sees it while testing: this checkout (hack/env.sh links it there)
export ANSIBLE_COLLECTIONS_PATH=$ROOT/.cache/collections
export PY_COLORS=0 ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1

GU_JOBS=${GU_JOBS:-2}
[[ $GU_JOBS =~ ^[1-9][0-9]*$ ]] || { echo "GU_JOBS must be a number of lanes, 1 or more (got '$GU_JOBS')" >&2; exit 2; }
LOGS=${GU_LOGS_DIR:-$ROOT/.cache/logs}
rm -rf "$LOGS"
mkdir -p "$LOGS"
SUMMARY_FILE=$LOGS/summary
: > "$SUMMARY_FILE"
LANE=1

step() {  # step <name> <command...>: runs the command, prints its output whole when it ends
  local name=$1; shift
  local start=$SECONDS result file
  file=$LOGS/$(printf '%s' "$name" | tr -c 'A-Za-z0-9_-' '_' | cut -c1-60).log
  if [ "$GU_JOBS" -eq 1 ]; then
    # one lane: the output as it comes
    log "$name"
    if "$@" 2>&1 | tee "$file"; then result=PASS; else result=FAIL; fi
    echo "$result  $name ($((SECONDS - start)) s)" >> "$SUMMARY_FILE"
    return
  fi
  log "lane $LANE: $name started"
  if "$@" > "$file" 2>&1; then result=PASS; else result=FAIL; fi
  {
    flock 9
    log "$name (lane $LANE): $result in $((SECONDS - start)) s"
    cat "$file"
    log "end of $name: $result"
    echo "$result  $name ($((SECONDS - start)) s)" >> "$SUMMARY_FILE"
  } 9> "$LOGS/print.lock"
}

if [ -z "${SKIP_CHECKS:-}" ]; then
  step "yamllint" yamllint --strict .
  # as a contributor runs it: no argument, no environment (.ansible-lint and ansible.cfg say it all)
  step "ansible-lint (production profile, as a contributor runs it)" env -u ANSIBLE_COLLECTIONS_PATH ansible-lint
  step "unit tests of the plugins (hack/units.sh)" bash hack/units.sh
  step "argument specs match defaults and the README tables" python hack/check-argspecs.py
  step "changelog (antsibull-changelog lint, CHANGELOG.md generated)" bash hack/check-changelog.sh
  step "documentation markup (antsibull-docs lint-collection-docs)" bash hack/check-docs.sh
fi
slow_checks() {
  step "ansible-test sanity" bash hack/sanity.sh
  step "collection build, install and ansible-doc" bash hack/check-build.sh
  step "Galaxy's import of the tarball (galaxy-importer)" bash hack/check-galaxy.sh
  step "documentation site (antsibull-docs, Sphinx, a Chromium screenshot)" bash hack/docs-site.sh
  step "quick start demo (hack/demo.sh --check)" env GU_DEMO_KEEP=1 bash hack/demo.sh --check
  # make bench-smoke's run, in the quick-start container (examples.sh removes it at the end)
  step "benchmark smoke (one class, one workload, a few seconds)" \
    bash benchmarks/run.sh --smoke --container greenunicorn-demo --out .cache/bench-smoke
  step "example playbooks (hack/examples.sh)" env GU_EXAMPLES_REUSE_DEMO=1 bash hack/examples.sh
}

if [ $# -gt 0 ]; then
  scenarios=("$@")
else
  mapfile -t scenarios < <(find molecule -mindepth 2 -maxdepth 2 -name molecule.yml -printf '%h\n' | xargs -n1 basename | sort)
fi
# GU_PLATFORM=debian12 (or debian13) runs each scenario on that platform only (the GitHub
# workflow's matrix does). By default the scenarios named in GU_PLATFORM_OF run on the one
# platform it gives them, to keep the suite's time down, and the others on both: `workers`
# (every worker class on both Debian releases, as the README says), `lifecycle` and `cluster`
# (instances of their own). Debian 13 gets `default` and `tls` (the newer nginx, OpenSSL and
# Python), Debian 12 `resilience`, `bad_input` and `sync` (faults under load, preflight checks,
# one sync worker and a class switch) beside `lifecycle` and `cluster`; `molecule test -s <name>`
# and the GitHub workflow run both.
GU_PLATFORM_OF=${GU_PLATFORM_OF-"default=debian13 tls=debian13 resilience=debian12 bad_input=debian12 sync=debian12"}
# longest first; a scenario not named here comes last
GU_SCENARIO_ORDER="lifecycle tls workers default resilience cluster bad_input sync"
ordered=()
for scenario in $GU_SCENARIO_ORDER; do
  [[ " ${scenarios[*]} " == *" $scenario "* ]] && ordered+=("$scenario")
done
for scenario in "${scenarios[@]}"; do
  [[ " ${ordered[*]} " == *" $scenario "* ]] || ordered+=("$scenario")
done

platform_of() {  # platform_of <scenario>: the one platform it runs on here, or nothing for all
  if [ -n "${GU_PLATFORM:-}" ]; then echo "$GU_PLATFORM"
  else
    local pair
    for pair in $GU_PLATFORM_OF; do
      [ "${pair%%=*}" = "$1" ] && { echo "${pair#*=}"; return; }
    done
  fi
}
own_platforms() {  # own_platforms <scenario>: how many platforms its molecule.yml lists (0: the shared ones)
  python3 -c 'import sys, yaml; print(len(yaml.safe_load(open(sys.argv[1])).get("platforms") or []))' \
    "molecule/$1/molecule.yml"
}
instances_of() {  # instances_of <scenario>: how many instances it boots here
  local own
  own=$(own_platforms "$1")
  if [ "$own" -gt 0 ]; then echo "$own"
  elif [ -n "$(platform_of "$1")" ]; then echo 1
  else echo 2
  fi
}
QUEUE_ONE=$LOGS/queue-one-instance
QUEUE_MANY=$LOGS/queue-several-instances
: > "$QUEUE_ONE"
: > "$QUEUE_MANY"
for scenario in "${ordered[@]}"; do
  if [ "$(instances_of "$scenario")" -eq 1 ]; then echo "$scenario" >> "$QUEUE_ONE"
  else echo "$scenario" >> "$QUEUE_MANY"
  fi
done

scenario() {  # scenario <name>
  local name=$1 platform
  platform=$(platform_of "$name")
  # a scenario with platforms of its own (lifecycle, cluster) runs them all
  if [ -n "$platform" ] && [ "$(own_platforms "$name")" -eq 0 ]; then
    step "molecule scenario $name on $platform" \
      molecule test -s "$name" --platform-name "${GU_INSTANCE_PREFIX:-gu}-$name-$platform"
  else
    step "molecule scenario $name" molecule test -s "$name"
  fi
}

next_scenario() {  # next_scenario <queue> <other queue>: takes the first name of one of them
  local q
  for q in "$@"; do
    flock "$q.lock" sh -c 'head -n1 "$1"; sed -i 1d "$1"' _ "$q" | grep . && return
  done
  return 0
}

lane() {  # lane <n>: the slower checks (lane 1), then scenarios from the queues until both are empty
  LANE=$1
  local name queues=("$QUEUE_ONE" "$QUEUE_MANY")
  [ $((LANE % 2)) -eq 0 ] && queues=("$QUEUE_MANY" "$QUEUE_ONE")
  if [ "$LANE" -gt 1 ]; then
    export GU_CACHE_DIR=$GU_CACHE_DIR/lane$LANE
    mkdir -p "$GU_CACHE_DIR"/{apt-debian12,apt-debian13,pip,uv}
  elif [ -z "${SKIP_CHECKS:-}" ]; then
    slow_checks
  fi
  while :; do
    name=$(next_scenario "${queues[@]}")
    [ -n "$name" ] || break
    scenario "$name"
  done
}

lanes_start=$SECONDS
pids=()
for n in $(seq 1 "$GU_JOBS"); do
  lane "$n" &
  pids+=($!)
done
wait "${pids[@]}"

echo
echo "==================== summary ===================="
cat "$SUMMARY_FILE"
echo "(after the fast checks, $GU_JOBS lanes: $((SECONDS - lanes_start)) s; whole run: $SECONDS s)"
failed=$(grep -c '^FAIL' "$SUMMARY_FILE")
echo "$(grep -c '^PASS' "$SUMMARY_FILE") passed, $failed failed"
[ "$failed" -eq 0 ]
