#!/usr/bin/env bash
# antsibull-changelog: the fragments and changelogs/changelog.yaml are valid, and CHANGELOG.md is
# what `antsibull-changelog generate` makes of them (released versions; fragments wait for the
# next release).
set -euo pipefail
cd "$(dirname "$0")/.."
antsibull-changelog lint
before=$(mktemp); trap 'rm -f "$before"' EXIT
cp CHANGELOG.md "$before"
antsibull-changelog generate
if ! cmp -s CHANGELOG.md "$before"; then
  diff -u "$before" CHANGELOG.md >&2 || true
  cp "$before" CHANGELOG.md
  echo "ERROR: CHANGELOG.md is not generated from changelogs/; run antsibull-changelog generate" >&2
  exit 1
fi
echo "changelog: $(ls changelogs/fragments | wc -l) fragments for the next release, CHANGELOG.md up to date"
