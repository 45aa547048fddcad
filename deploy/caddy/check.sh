#!/usr/bin/env bash
# Checks deploy/caddy/Caddyfile with Caddy itself (Debian's caddy package, installed when
# missing): `caddy validate` with the environment set as in production (ACME e-mail) and as in a
# local test (`internal`), then the adapted JSON must keep the rules the file promises:
# /metrics and /admin/* only to the operator upstreams and only through a remote_ip allow-list,
# active checks on /readyz, retries for idempotent methods only, no re-compression of sitemap
# shards or API bodies, and server timeouts. Then live-check.sh runs it for real.
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$ROOT/deploy/caddy"

if ! command -v caddy >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install caddy"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq caddy >/dev/null
fi
echo "caddy $(caddy version | awk '{print $1}')"

export VINOPS_DOMAIN=vinops.example VINOPS_UPSTREAMS="127.0.0.1:3001 127.0.0.1:3002"
export VINOPS_OPS_UPSTREAMS="127.0.0.2:3001 127.0.0.2:3002" VINOPS_OPS_ALLOW="127.0.0.1/32 10.1.0.0/16"
for tls in ops@vinops.example internal; do
  VINOPS_TLS=$tls caddy validate --config Caddyfile --adapter caddyfile >/dev/null 2>"${TMPDIR:-/tmp}/vinops-caddy-validate.log" \
    || { cat "${TMPDIR:-/tmp}/vinops-caddy-validate.log" >&2; exit 1; }
  echo "  validate with VINOPS_TLS=$tls: valid"
done
[ "$(caddy fmt Caddyfile)" = "$(cat Caddyfile)" ] || { echo "Caddyfile is not \`caddy fmt\` formatted" >&2; exit 1; }

VINOPS_TLS=internal caddy adapt --config Caddyfile --adapter caddyfile 2>/dev/null | python3 -c '
import json, sys
cfg = json.load(sys.stdin)
srv = cfg["apps"]["http"]["servers"]["srv0"]
def walk(o, path=()):
    """Yields (handler, the matchers on the way to it) for every handler in the route tree."""
    if isinstance(o, dict):
        here = path + tuple(json.dumps(m, sort_keys=True) for m in o.get("match", []))
        if "handler" in o:
            yield o, here
        for v in o.values():
            yield from walk(v, here)
    elif isinstance(o, list):
        for v in o:
            yield from walk(v, path)
def check(ok, what):
    print(("  ok: " if ok else "  FAILED: ") + what)
    if not ok:
        sys.exit(1)
proxies = [(h, m) for h, m in walk(srv["routes"]) if h["handler"] == "reverse_proxy"]
dials = lambda h: sorted(u["dial"] for u in h["upstreams"])
public = [h for h, m in proxies if dials(h) == ["127.0.0.1:3001", "127.0.0.1:3002"]]
ops = [(h, m) for h, m in proxies if dials(h) == ["127.0.0.2:3001", "127.0.0.2:3002"]]
check(len(public) == 1 and len(ops) == 1, "one proxy to the replicas, one to their operator listeners")
pub = public[0]
ops_h, ops_m = ops[0]
check(any("/metrics" in m and "/admin/*" in m for m in ops_m) and any("remote_ip" in m and "10.1.0.0/16" in m for m in ops_m),
      "/metrics and /admin/* reach the operator listeners only through the remote_ip allow-list")
# The public proxy sits in the catch-all handle, after the operator one (handle blocks are
# exclusive): its path to the root carries no matcher, so /metrics can only get there if the
# operator route did not match it first.
routes = srv["routes"][0]["handle"][0]["routes"]
order = [json.dumps(r) for r in routes]
first = lambda needle: next(i for i, r in enumerate(order) if needle in r)
check(first("127.0.0.2:3001") < first("127.0.0.1:3001"), "the operator route comes before the public one")
hc = pub["health_checks"]
check(hc["active"]["uri"] == "/readyz" and hc["active"]["expect_status"] == 200, "active health checks on /readyz")
check(hc["passive"].get("max_fails", 0) > 0 and hc["passive"].get("fail_duration", 0) > 0, "passive health checks")
lb = pub["load_balancing"]
methods = sorted(m for s in lb["retry_match"] for m in s.get("method", []))
check(methods == ["GET", "HEAD", "OPTIONS"], "retries only for GET, HEAD, OPTIONS (never the removal POST)")
check(lb.get("try_duration", 0) > 0 and lb.get("try_interval", 0) > 0, "lb_try_duration and lb_try_interval set")
tr = pub["transport"]
check(tr.get("dial_timeout", 0) > 0 and tr.get("response_header_timeout", 0) > 0, "upstream dial and response-header timeouts")
enc = [m for h, m in walk(srv["routes"]) if h["handler"] == "encode"]
check(len(enc) == 1 and any("/sitemaps/*.xml.gz" in m and "/api/*" in m and "not" in m for m in enc[0]),
      "encode zstd gzip, except sitemap shards (gzip files) and API bodies (strong ETags)")
check(srv.get("read_header_timeout", 0) > 0 and srv.get("write_timeout", 0) > 0, "server read-header and write timeouts")
'
echo "caddy (config): ok"
./live-check.sh
