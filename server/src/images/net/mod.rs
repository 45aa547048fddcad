//! Where the photo fetcher may connect, and the one client that enforces it. The photo list
//! comes from a third party and names the URLs we then fetch and publish, so every request and
//! every redirect hop must be https to an allow-listed host that is a public address:
//!
//! - [`NetPolicy::check`] refuses a URL before it is requested: scheme, credentials, host on
//!   the allow-list (`hosts`), an IP literal's range (`addr`: IP literals never reach a
//!   resolver), and explicit ports (only on pinned hosts).
//! - [`NetPolicy::client`] builds the client: https only, no proxy (a proxy would resolve
//!   names itself), no automatic redirects (`http` follows them through `check`), and our
//!   resolver (`resolver`), which refuses names off the allow-list and drops every non-public
//!   address it finds — the connection goes to those addresses only, so a DNS answer that
//!   changes between a check and the connect cannot take it elsewhere.
//!
//! Pins (`pins`), an extra root (`roots`) and a fixed DNS table are development and test
//! settings (the simulator on loopback, over TLS with its own CA); [`NetPolicy::warn_if_development`]
//! says so in the log whenever they are in force.

pub mod addr;
pub mod hosts;
pub mod pins;
pub mod resolver;
pub mod roots;

use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;
use serde::Serialize;

pub use hosts::{AllowedHosts, DEFAULT_ALLOWED_HOSTS, HostPattern};
pub use pins::{Pin, PinnedHosts};
pub use resolver::{Dns, GuardedResolver};
pub use roots::{CaFileSetting, ExtraRoots};

/// Why a URL or a host was not fetched. Retrying does not change it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("refused {0}: not https")]
    NotHttps(String),
    #[error("refused {0}: credentials in the URL")]
    Credentials(String),
    #[error("refused {0}: no host")]
    NoHost(String),
    #[error("refused: host {0} is not on the allow-list (IMAGES_ALLOWED_HOSTS)")]
    HostNotAllowed(String),
    #[error("refused {url}: {ip} is {why}")]
    ForbiddenAddress {
        url: String,
        ip: IpAddr,
        why: &'static str,
    },
    #[error("refused {0}: an explicit port on a host that is not pinned")]
    Port(String),
    #[error("refused: {host} resolves only to non-public addresses: {refused}")]
    NoPublicAddress { host: String, refused: String },
}

/// The network settings of the photo fetcher.
#[derive(Debug, Clone, Default)]
pub struct NetPolicy {
    pub allowed: AllowedHosts,
    pub pins: PinnedHosts,
    pub extra_roots: Option<ExtraRoots>,
    pub dns: Dns,
}

/// What the policy allows, for logs and the run report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetSummary {
    pub allowed_hosts: String,
    /// Development settings; empty in production.
    pub pinned_hosts: Vec<String>,
    pub extra_ca: Option<String>,
    pub fixed_dns: bool,
}

impl NetPolicy {
    /// `Ok` when `url` may be requested; else why not.
    pub fn check(&self, url: &Url) -> Result<(), Refusal> {
        let shown = redact(url.as_str());
        if url.scheme() != "https" {
            return Err(Refusal::NotHttps(shown));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refusal::Credentials(shown));
        }
        match url.host() {
            None => Err(Refusal::NoHost(shown)),
            Some(url::Host::Domain(name)) => {
                if !self.allowed.allows_name(name) {
                    return Err(Refusal::HostNotAllowed(hosts::normalize(name)));
                }
                // `port()` is `None` for 443 itself.
                if url.port().is_some() && !self.pins.contains(name) {
                    return Err(Refusal::Port(shown));
                }
                Ok(())
            }
            Some(url::Host::Ipv4(v4)) => self.check_ip(IpAddr::V4(v4), url, shown),
            Some(url::Host::Ipv6(v6)) => self.check_ip(IpAddr::V6(v6), url, shown),
        }
    }

    fn check_ip(&self, ip: IpAddr, url: &Url, shown: String) -> Result<(), Refusal> {
        if !self.allowed.allows_ip(ip) {
            return Err(Refusal::HostNotAllowed(ip.to_string()));
        }
        if let Some(why) = addr::forbidden(ip) {
            return Err(Refusal::ForbiddenAddress {
                url: shown,
                ip,
                why,
            });
        }
        if url.port().is_some() {
            return Err(Refusal::Port(shown));
        }
        Ok(())
    }

    /// The client every photo request goes through (see the module doc).
    pub fn client(
        &self,
        user_agent: &str,
        connect_timeout: Duration,
    ) -> reqwest::Result<reqwest::Client> {
        let resolver =
            GuardedResolver::new(self.allowed.clone(), self.pins.clone(), self.dns.clone());
        let mut builder = reqwest::Client::builder()
            .user_agent(user_agent)
            .https_only(true)
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(connect_timeout)
            .dns_resolver(resolver);
        if let Some(roots) = &self.extra_roots {
            builder = builder.tls_certs_merge(roots.certs().iter().cloned());
        }
        builder.build()
    }

    pub fn is_development(&self) -> bool {
        !self.pins.is_empty() || self.extra_roots.is_some() || matches!(self.dns, Dns::Table(_))
    }

    pub fn summary(&self) -> NetSummary {
        NetSummary {
            allowed_hosts: self.allowed.to_string(),
            pinned_hosts: self.pins.entries(),
            extra_ca: self.extra_roots.as_ref().map(|r| r.origin().to_owned()),
            fixed_dns: matches!(self.dns, Dns::Table(_)),
        }
    }

    /// A warning naming every development setting in force (pins reach private addresses; an
    /// extra root trusts another CA), so neither can be on in production unnoticed.
    pub fn warn_if_development(&self, context: &str) {
        if self.is_development() {
            let s = self.summary();
            tracing::warn!(
                context,
                pinned_hosts = s.pinned_hosts.join(","),
                extra_ca = s.extra_ca.as_deref().unwrap_or(""),
                fixed_dns = s.fixed_dns,
                "images: development network settings in force (IMAGES_PINNED_HOSTS / \
                 IMAGES_EXTRA_CA_FILE); never set them in production"
            );
        }
    }
}

/// The URL without its query string (photo URLs carry nothing secret there, but logs and
/// stored errors stay short and uniform).
pub fn redact(url: &str) -> String {
    url.split('?').next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> NetPolicy {
        NetPolicy {
            allowed:
                "inventoryv2.copart.io,cs.copart.com,photos.sim.test,127.0.0.1,169.254.169.254,::1"
                    .parse()
                    .expect("allowed"),
            pins: "photos.sim.test=127.0.0.1".parse().expect("pins"),
            ..NetPolicy::default()
        }
    }

    fn check(url: &str) -> Result<(), Refusal> {
        policy().check(&Url::parse(url).expect("url"))
    }

    #[test]
    fn real_copart_urls_pass() {
        check("https://inventoryv2.copart.io/v1/lotImages/47704465?country=us&brand=cprt&yardNumber=1")
            .expect("metadata");
        check("https://cs.copart.com/v1/AUTH_svc.pdoc00001/lpp/0923/x_ful.jpg").expect("image");
        check("https://CS.COPART.COM:443/x_thb.jpg").expect("default port spelled out");
        check("https://photos.sim.test:8443/v1/lotImages/1").expect("pinned host, its port");
    }

    #[test]
    fn plain_http_and_other_schemes_are_refused() {
        for url in [
            "http://inventoryv2.copart.io/v1/lotImages/1",
            "http://cs.copart.com/x_ful.jpg",
            "ftp://cs.copart.com/x",
            "file:///etc/passwd",
        ] {
            assert!(matches!(check(url), Err(Refusal::NotHttps(_))), "{url}");
        }
    }

    #[test]
    fn hosts_off_the_list_are_refused() {
        for url in [
            "https://evil.test/x.jpg",
            "https://cs.copart.com.evil.test/x.jpg",
            "https://evilcs.copart.com/x.jpg",
            "https://inventoryv2.copart.io@evil.test/x",
            "https://10.0.0.7/x.jpg",
        ] {
            let got = check(url);
            assert!(
                matches!(
                    got,
                    Err(Refusal::HostNotAllowed(_) | Refusal::Credentials(_))
                ),
                "{url}: {got:?}"
            );
        }
    }

    #[test]
    fn ip_literals_are_checked_even_when_allow_listed() {
        for (url, why) in [
            ("https://127.0.0.1/x.jpg", "loopback"),
            ("https://169.254.169.254/latest/meta-data/", "link-local"),
            ("https://[::1]/x", "loopback"),
            // The URL parser's other spellings of 127.0.0.1 come out as the same address.
            ("https://2130706433/x", "loopback"),
            ("https://0x7f.0.0.1/x", "loopback"),
        ] {
            match check(url) {
                Err(Refusal::ForbiddenAddress { why: got, .. }) => {
                    assert!(got.contains(why), "{url}: {got}")
                }
                other => panic!("{url}: {other:?}"),
            }
        }
        // Mapped forms are not the allow-listed literal, so they fail earlier, still refused.
        assert!(check("https://[::ffff:127.0.0.1]/x").is_err());
    }

    #[test]
    fn explicit_ports_only_on_pinned_hosts() {
        assert!(matches!(
            check("https://cs.copart.com:8443/x.jpg"),
            Err(Refusal::Port(_))
        ));
        assert!(matches!(check("https://photos.sim.test:1/x.jpg"), Ok(())));
    }

    #[test]
    fn refusals_name_the_url_without_its_query() {
        let e = check("http://cs.copart.com/x.jpg?token=abc").expect_err("http");
        assert_eq!(
            e.to_string(),
            "refused http://cs.copart.com/x.jpg: not https"
        );
    }

    #[test]
    fn development_settings_show_in_the_summary() {
        let plain = NetPolicy::default();
        assert!(!plain.is_development());
        assert_eq!(
            plain.summary(),
            NetSummary {
                allowed_hosts: DEFAULT_ALLOWED_HOSTS.to_owned(),
                pinned_hosts: vec![],
                extra_ca: None,
                fixed_dns: false,
            }
        );
        let dev = policy();
        assert!(dev.is_development());
        assert_eq!(dev.summary().pinned_hosts, ["photos.sim.test=127.0.0.1"]);
    }
}
