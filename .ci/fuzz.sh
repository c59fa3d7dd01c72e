#!/usr/bin/env bash
# Runs every native fuzz target (func FuzzXxx in *_test.go) for $1 each.
# Each package's test binary is built once and run once per target from
# the package directory (so testdata/fuzz seeds are found), with the go
# command's own fuzz cache: the same as `go test -fuzz`, without relinking
# the binary for every target.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-30s}
# The grammars' targets (parser/) run FUZZTIME_GRAMMAR (CI: 60 s, issue 2).
tg=${FUZZTIME_GRAMMAR:-$t}
fail=0; n=0
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
module=$(go list -m)
cache=$(go env GOCACHE)/fuzz
declare -A built=()
while IFS= read -r line; do
  file=${line%%:*}; name=$(sed -E 's/^.*func (Fuzz[A-Za-z0-9_]*).*/\1/' <<<"$line")
  dir=$(dirname "$file")
  n=$((n+1))
  bin="$bindir/$(tr / _ <<<"$dir").test"
  if [ -z "${built[$dir]:-}" ]; then
    if ! go test -c -fuzz="^${name}\$" -o "$bin" "./$dir"; then
      echo "fuzz: ./$dir: build failed"; fail=$((fail+1)); continue
    fi
    built[$dir]=1
  fi
  ft=$t; [ "$dir" = parser ] && ft=$tg
  echo "fuzz: ./$dir $name ($ft)"
  if ! (cd "$dir" && "$bin" -test.run '^$' -test.fuzz "^${name}\$" -test.fuzztime "$ft" \
        -test.fuzzcachedir "$cache/$module/$dir"); then
    fail=$((fail+1))
  fi
done < <(git ls-files '*_test.go' | xargs grep -n '^func Fuzz' /dev/null | sed -E 's/^([^:]*):[0-9]+:/\1:/')
echo "fuzz: $((n-fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
