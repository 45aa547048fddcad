//! The photo client's DNS resolver: the only source of addresses for named hosts, so the
//! addresses it checked are the ones the connection goes to (no second lookup that a
//! rebinding DNS server could answer differently). In order: a name not on the allow-list is
//! refused without a lookup; a pinned name gets its pin (development only, unfiltered); any
//! other is looked up (system resolver, or a fixed table in tests) and every non-public
//! address is dropped — nothing left fails the request with a [`Refusal`].
//!
//! IP-literal URLs never reach a resolver; `NetPolicy::check` covers them.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::Refusal;
use super::addr::forbidden;
use super::hosts::{AllowedHosts, normalize};
use super::pins::PinnedHosts;

/// Where looked-up addresses come from.
#[derive(Debug, Clone, Default)]
pub enum Dns {
    /// The system resolver (`getaddrinfo`).
    #[default]
    System,
    /// Fixed answers, filtered exactly like the system's (unlike pins): tests use it to give an
    /// allow-listed name a private address. A name missing from it does not resolve.
    Table(Arc<BTreeMap<String, Vec<IpAddr>>>),
}

impl Dns {
    pub fn table<'a>(entries: impl IntoIterator<Item = (&'a str, Vec<IpAddr>)>) -> Dns {
        Dns::Table(Arc::new(
            entries
                .into_iter()
                .map(|(n, ips)| (normalize(n), ips))
                .collect(),
        ))
    }
}

#[derive(Debug, Clone)]
pub struct GuardedResolver {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    allowed: AllowedHosts,
    pins: PinnedHosts,
    dns: Dns,
}

/// A lookup that found nothing (not a refusal: the name may resolve later).
#[derive(Debug, thiserror::Error)]
#[error("{host}: {reason}")]
pub struct LookupFailed {
    host: String,
    reason: String,
}

impl GuardedResolver {
    pub fn new(allowed: AllowedHosts, pins: PinnedHosts, dns: Dns) -> GuardedResolver {
        GuardedResolver {
            inner: Arc::new(Inner { allowed, pins, dns }),
        }
    }

    /// The addresses a connection to `host` may use (port 0: the URL's).
    pub async fn lookup(
        &self,
        host: &str,
    ) -> Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>> {
        let host = normalize(host);
        let inner = &self.inner;
        if !inner.allowed.allows_name(&host) {
            return Err(Box::new(Refusal::HostNotAllowed(host)));
        }
        if let Some(pin) = inner.pins.get(&host) {
            return Ok(vec![pin.socket_addr()]);
        }
        let found: Vec<IpAddr> = match &inner.dns {
            Dns::System => tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| LookupFailed {
                    host: host.clone(),
                    reason: e.to_string(),
                })?
                .map(|sa| sa.ip())
                .collect(),
            Dns::Table(table) => table.get(&host).cloned().unwrap_or_default(),
        };
        if found.is_empty() {
            return Err(Box::new(LookupFailed {
                host,
                reason: "no address".to_owned(),
            }));
        }
        let (refused, usable): (Vec<IpAddr>, Vec<IpAddr>) =
            found.into_iter().partition(|ip| forbidden(*ip).is_some());
        if usable.is_empty() {
            let refused = refused
                .iter()
                .map(|ip| format!("{ip} ({})", forbidden(*ip).unwrap_or("refused")))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Box::new(Refusal::NoPublicAddress { host, refused }));
        }
        if !refused.is_empty() {
            tracing::warn!(
                host,
                refused = ?refused,
                "images: a photo host resolved to non-public addresses too; they are skipped"
            );
        }
        Ok(usable
            .into_iter()
            .map(|ip| SocketAddr::new(ip, 0))
            .collect())
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let this = self.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs = this.lookup(&host).await?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn resolver() -> GuardedResolver {
        GuardedResolver::new(
            "cs.copart.com,inventoryv2.copart.io,photos.sim.test,mixed.test,empty.test"
                .parse()
                .expect("allowed"),
            "photos.sim.test=127.0.0.1:8443,evil.sim.test=127.0.0.1"
                .parse()
                .expect("pins"),
            Dns::table([
                ("cs.copart.com", vec![ip("10.0.0.7")]),
                (
                    "inventoryv2.copart.io",
                    vec![ip("169.254.169.254"), ip("::ffff:127.0.0.1"), ip("fd00::1")],
                ),
                ("mixed.test", vec![ip("10.1.2.3"), ip("93.184.215.14")]),
                ("empty.test", vec![]),
                ("evil.sim.test", vec![ip("93.184.215.14")]),
            ]),
        )
    }

    fn refusal<'a>(e: &'a (dyn std::error::Error + Send + Sync + 'static)) -> Option<&'a Refusal> {
        e.downcast_ref::<Refusal>()
    }

    #[tokio::test]
    async fn an_allowed_name_with_only_private_addresses_is_refused() {
        let r = resolver();
        let e = r.lookup("cs.copart.com").await.expect_err("refused");
        let refusal = refusal(e.as_ref()).expect("a refusal");
        assert!(
            matches!(refusal, Refusal::NoPublicAddress { .. }),
            "{refusal}"
        );
        assert!(
            refusal.to_string().contains("10.0.0.7 (a private address)"),
            "{refusal}"
        );
        let e = r
            .lookup("inventoryv2.copart.io.")
            .await
            .expect_err("refused");
        let text = e.to_string();
        for why in ["link-local", "IPv4-mapped", "unique local"] {
            assert!(text.contains(why), "{text}");
        }
    }

    #[tokio::test]
    async fn private_answers_are_dropped_and_public_ones_kept() {
        let got = resolver().lookup("MIXED.test").await.expect("public one");
        assert_eq!(
            got,
            vec!["93.184.215.14:0".parse::<SocketAddr>().expect("sa")]
        );
    }

    #[tokio::test]
    async fn a_pin_answers_first_and_unfiltered() {
        let got = resolver().lookup("photos.sim.test").await.expect("pinned");
        assert_eq!(
            got,
            vec!["127.0.0.1:8443".parse::<SocketAddr>().expect("sa")]
        );
    }

    #[tokio::test]
    async fn names_off_the_allow_list_are_never_looked_up_even_when_pinned() {
        let e = resolver()
            .lookup("evil.sim.test")
            .await
            .expect_err("refused");
        assert!(matches!(
            refusal(e.as_ref()),
            Some(Refusal::HostNotAllowed(h)) if h == "evil.sim.test"
        ));
    }

    #[tokio::test]
    async fn no_answer_is_a_lookup_failure_not_a_refusal() {
        let e = resolver().lookup("empty.test").await.expect_err("nothing");
        assert!(refusal(e.as_ref()).is_none());
        assert!(e.downcast_ref::<LookupFailed>().is_some(), "{e}");
    }
}
