#!/usr/bin/env bash
# Builds the site exactly as `cargo leptos build` lays it out, without cargo-leptos (whose
# install takes 15-25 min on a fresh machine): wasm (app crate, `hydrate`), wasm-bindgen, Tailwind,
# public/ assets, and the server binary (`ssr`). Same target dir and RUSTFLAGS as cargo-leptos,
# so both paths share build artifacts. Usage: deploy/build-site.sh [debug|release]; the browser
# bundle (wasm, CSS) follows WASM_PROFILE when set: `WASM_PROFILE=release deploy/build-site.sh
# debug` is a debug server with the release bundle, what the audits serve (docs/seo.md, "Audits").
set -euo pipefail
source "$(dirname "$0")/scripts/env.sh"
cd "$ROOT"

PROFILE=${1:-debug}
WASM_PROFILE=${WASM_PROFILE:-$PROFILE}
NAME=vinops
SITE="$ROOT/target/site"
PKG="$SITE/pkg"
export LEPTOS_OUTPUT_NAME=$NAME LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
       LEPTOS_SITE_ADDR=${LEPTOS_SITE_ADDR:-127.0.0.1:3000} LEPTOS_RELOAD_PORT=3001 \
       LEPTOS_LIB_DIR=app LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=false

FRONT="$CARGO_TARGET_DIR/front"
# Release builds use no --cfg erase_components (as cargo-leptos --release).
SERVER_RUSTFLAGS=$RUSTFLAGS WASM_RUSTFLAGS=$RUSTFLAGS
if [ "$PROFILE" = release ]; then
  SERVER_PROFILE_ARGS=(--release); SERVER_RUSTFLAGS=""
else
  SERVER_PROFILE_ARGS=()
fi
if [ "$WASM_PROFILE" = release ]; then
  WASM_PROFILE_ARGS=(--profile wasm-release); WASM="$FRONT/wasm32-unknown-unknown/wasm-release/app.wasm"
  WASM_RUSTFLAGS=""
else
  WASM_PROFILE_ARGS=(); WASM="$FRONT/wasm32-unknown-unknown/debug/app.wasm"
fi

# WITH_DEV_TOOLS=1 builds the development tools (vinops-dev) in the same cargo run. Why: `app`
# is a cdylib + rlib crate, whose build cargo keys without its dependencies' features; built
# alone, the server (vinops without `gen`) and vinops-dev (with it) each rebuild app and all
# above it whenever the other was built last (+2 × ~3 min release builds per warm `make run`,
# measured). One run unifies the features, so both share one build. The production builds
# (container, systemd) leave it unset: their server is built without the generator.
DEV_TOOLS_ARGS=()
if [ "${WITH_DEV_TOOLS:-0}" = 1 ]; then DEV_TOOLS_ARGS=(-p vinops-dev --bin vinops-dev); fi

log "building wasm ($WASM_PROFILE) and server ($PROFILE) in parallel"
RUSTFLAGS=$WASM_RUSTFLAGS cargo build -p app --lib --target wasm32-unknown-unknown --target-dir "$FRONT" \
  --no-default-features --features hydrate "${WASM_PROFILE_ARGS[@]}" &
WASM_PID=$!
RUSTFLAGS=$SERVER_RUSTFLAGS cargo build -p server --bin vinops-server "${DEV_TOOLS_ARGS[@]}" \
  --no-default-features --features server/ssr "${SERVER_PROFILE_ARGS[@]}" &
SERVER_PID=$!
wait $WASM_PID
wait $SERVER_PID

rm -rf "$SITE"; mkdir -p "$PKG"; cp -r public/. "$SITE"/
wasm-bindgen --target web --out-dir "$PKG" --out-name "$NAME" "$WASM"
mv "$PKG/${NAME}_bg.wasm" "$PKG/$NAME.wasm"   # the islands loader (app/src/hydration.rs) loads <name>.wasm
if [ "$WASM_PROFILE" = release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$PKG/$NAME.wasm" -o "$PKG/$NAME.wasm"
  tailwindcss -i style/main.css -o "$PKG/$NAME.css" --minify
else
  tailwindcss -i style/main.css -o "$PKG/$NAME.css"
fi
log "site built in target/site; server at $CARGO_TARGET_DIR/$([ "$PROFILE" = release ] && echo release || echo debug)/vinops-server"
