#!/usr/bin/env bash
# Container runtime layer: CA roots (TLS to S3, Copart), curl for the HEALTHCHECK, and the
# unprivileged user the server runs as (uid 10001) with its state directory.
# Linted by deploy/container/check.sh (shellcheck).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ca-certificates curl >/dev/null
rm -rf /var/lib/apt/lists/*
groupadd --system --gid 10001 vinops
useradd --system --uid 10001 --gid vinops --home-dir /var/lib/vinops --shell /usr/sbin/nologin vinops
install -d -o vinops -g vinops -m 0750 /var/lib/vinops /var/lib/vinops/media /var/lib/vinops/archive
