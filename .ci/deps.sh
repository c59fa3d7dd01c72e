#!/usr/bin/env bash
# Installs the Debian packages the tests need, once; as non-root it only
# reports what is missing (the tests then skip, or fail under
# HAKEEP_E2E_REQUIRED=1). Also fetches Debian's cloud kernel package, whose
# ip_vs modules the IPVS VM tests boot (the running kernel has no IPVS).
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
cache=${VM_CACHE:-/var/cache/hakeep}
if [ "$(id -u)" != 0 ]; then
  [ ${#missing[@]} -eq 0 ] || echo "deps: not root, not installing: ${missing[*]}" >&2
  exit 0
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The distributions' services must not hold the ports the tests use.
for s in haproxy keepalived nginx; do
  pkill -x "$s" 2>/dev/null || true
done
mkdir -p "$cache"
if ! ls "$cache"/linux-image-*-cloud-amd64_*.deb >/dev/null 2>&1; then
  pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  if [ -z "$pkg" ]; then apt-get update -qq; pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}'); fi
  echo "deps: fetching $pkg for the IPVS VM"
  (cd "$cache" && apt-get download -qq "$pkg")
fi
