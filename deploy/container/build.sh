#!/usr/bin/env bash
# Container builder, second layer: the production build exactly as on a VPS
# (`deploy/build-site.sh release`), then the two things the runtime image takes, staged in /out:
# the binary and the built site (migrations are embedded in the binary).
# Linted by deploy/container/check.sh (shellcheck).
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/build-site.sh release
mkdir -p /out
cp "${CARGO_TARGET_DIR:?}/release/vinops-server" /out/vinops-server
cp -r target/site /out/site
