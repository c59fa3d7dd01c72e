#!/usr/bin/env bash
# Runs every native fuzz target (func FuzzXxx in *_test.go) for $1 each.
# Each package's instrumented test binary is built once (go test -c -fuzz)
# and run once per target from the package directory (so testdata/fuzz
# seeds are found) with the go command's own fuzz cache: what
# `go test -fuzz` does, without relinking for every target. FUZZJOBS
# targets run at once (default 2), one fuzzing worker each.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-30s}
# The grammars' targets (parser/) run FUZZTIME_GRAMMAR (CI: 60 s, issue 2).
tg=${FUZZTIME_GRAMMAR:-$t}
jobs=${FUZZJOBS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
module=$(go list -m)
cache=$(go env GOCACHE)/fuzz
declare -A built=()
n=0; buildfail=0
: >"$work/targets"
while IFS= read -r line; do
  file=${line%%:*}; name=$(sed -E 's/^.*func (Fuzz[A-Za-z0-9_]*).*/\1/' <<<"$line")
  dir=$(dirname "$file")
  n=$((n+1))
  bin="$work/$(tr / _ <<<"$dir").test"
  if [ -z "${built[$dir]:-}" ]; then
    if ! go test -c -fuzz="^${name}\$" -o "$bin" "./$dir"; then
      echo "fuzz: ./$dir: build failed"; buildfail=$((buildfail+1)); continue
    fi
    built[$dir]=1
  fi
  ft=$t; [ "$dir" = parser ] && ft=$tg
  printf '%s %s %s %s\n' "$dir" "$name" "$ft" "$bin" >>"$work/targets"
done < <(git ls-files '*_test.go' | xargs grep -n '^func Fuzz' /dev/null | sed -E 's/^([^:]*):[0-9]+:/\1:/')

# run_one DIR NAME TIME BIN: one target; its output printed in one piece.
run_one() {
  local dir=$1 name=$2 ft=$3 bin=$4 out rc=0 try
  for try in 1 2; do
    rc=0
    out=$(cd "$dir" && "$bin" -test.run '^$' -test.fuzz "^${name}\$" -test.fuzztime "$ft" \
          -test.parallel 1 -test.fuzzcachedir "$cache/$module/$dir" 2>&1) || rc=$?
    # Go's fuzzing coordinator can end a run whose worker was inside one
    # input when -fuzztime expired with "context deadline exceeded" and
    # no failing input: that is no finding, run again
    # once. A real crash writes its input under testdata/fuzz.
    if [ "$rc" -ne 0 ] && grep -q 'context deadline exceeded' <<<"$out" \
       && ! grep -q 'Failing input written' <<<"$out"; then
      echo "fuzz: ./$dir $name: deadline reached inside an input, no failing input; once more"
      continue
    fi
    break
  done
  printf 'fuzz: ./%s %s (%s)\n%s\n' "$dir" "$name" "$ft" "$out"
  [ "$rc" -eq 0 ] && echo "fuzz: ok ./$dir $name" || echo "fuzz: FAIL ./$dir $name"
}
export -f run_one
export cache module
xargs -P "$jobs" -L 1 bash -c 'run_one "$@"' _ <"$work/targets" | tee "$work/log"
fail=$(( buildfail + $(grep -c '^fuzz: FAIL ' "$work/log" || true) ))
echo "fuzz: $((n-fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
