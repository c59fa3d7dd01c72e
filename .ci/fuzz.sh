#!/usr/bin/env bash
# Runs every native fuzz target (func FuzzXxx in *_test.go) for $1 each.
set -euo pipefail
t=${1:-30s}
fail=0; n=0
while IFS= read -r line; do
  file=${line%%:*}; name=$(sed -E 's/^.*func (Fuzz[A-Za-z0-9_]*).*/\1/' <<<"$line")
  pkg=./$(dirname "$file")
  n=$((n+1))
  echo "fuzz: $pkg $name ($t)"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$t" "$pkg"; then fail=$((fail+1)); fi
done < <(git ls-files '*_test.go' | xargs grep -n '^func Fuzz' /dev/null | sed -E 's/^([^:]*):[0-9]+:/\1:/')
echo "fuzz: $((n-fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
