#!/usr/bin/env bash
# Container builder, first layer: the build tools deploy/build-site.sh needs and nothing else
# (no PostgreSQL/Redis, unlike deploy/scripts/setup.sh, which prepares a developer machine):
# Node (Tailwind, wasm-opt from npm), the wasm32 target, wasm-bindgen-cli at Cargo.lock's
# version, and the root npm packages. Needs only Cargo.lock and package*.json in the context.
# Linted by deploy/container/check.sh (shellcheck).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
rm -rf /var/lib/apt/lists/*
rustup target add wasm32-unknown-unknown
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
# Not --locked: its lockfile pins a yanked webpki-roots.
cargo install wasm-bindgen-cli --version "$want"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
