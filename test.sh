#!/usr/bin/env bash
# Runs every test. Installs the real tools the tests drive (haproxy, keepalived, ifupdown, BIND, PostgreSQL, Patroni and etcd, MariaDB, Redis, OpenSSH, git, strace) when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

packages=(git haproxy keepalived ifupdown bind9 bind9-utils bind9-dnsutils iproute2 netcat-openbsd postgresql postgresql-client patroni etcd-server mariadb-server redis-server util-linux openssh-server openssh-client strace)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # Packages only: the tests start their own servers (policy-rc.d keeps apt from starting the system ones).
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  $sudo rm -f /usr/sbin/policy-rc.d
fi

# A stale compiler server keeps an old analyzer loaded; start from a clean one.
dotnet build-server shutdown >/dev/null 2>&1 || true
dotnet test Lef.Infra.sln "$@"
