//! Static name → address pins (`IMAGES_PINNED_HOSTS=name=ip[:port],…`), for development and
//! tests only: the resolver answers a pinned name with its address before any DNS and before
//! the address filter, so a pin is the one way to reach a private address (the simulator on
//! loopback). A pinned name must still be on the allow-list. The port, when given, is used for
//! URLs that name none (an explicit port in the URL wins).

use std::collections::BTreeMap;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use super::hosts::{HostPattern, normalize};

/// Where a pinned name goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pin {
    pub ip: IpAddr,
    pub port: Option<u16>,
}

impl Pin {
    /// The address handed to the connector; port 0 means "the URL's".
    pub fn socket_addr(self) -> SocketAddr {
        SocketAddr::new(self.ip, self.port.unwrap_or(0))
    }
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.port {
            Some(port) => write!(f, "{}", SocketAddr::new(self.ip, port)),
            None => write!(f, "{}", self.ip),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinnedHosts(BTreeMap<String, Pin>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("{0:?}: expected name=ip or name=ip:port")]
    Shape(String),
    #[error("{0:?}: the name must be a plain host name")]
    Name(String),
    #[error("{0:?}: not an IP address (with an optional port)")]
    Address(String),
}

impl PinnedHosts {
    pub fn get(&self, name: &str) -> Option<Pin> {
        self.0.get(&normalize(name)).copied()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.contains_key(&normalize(name))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds (or replaces) a pin; `name` must be a plain host name.
    pub fn insert(&mut self, name: &str, pin: Pin) -> Result<(), PinError> {
        match name.parse::<HostPattern>() {
            Ok(HostPattern::Exact(n)) => {
                self.0.insert(n, pin);
                Ok(())
            }
            _ => Err(PinError::Name(name.to_owned())),
        }
    }

    /// `name=address` entries, for logs and reports.
    pub fn entries(&self) -> Vec<String> {
        self.0.iter().map(|(n, p)| format!("{n}={p}")).collect()
    }
}

impl FromStr for PinnedHosts {
    type Err = PinError;

    /// Entries separated by commas or white space; empty: no pins.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut pins = PinnedHosts::default();
        for entry in s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|e| !e.is_empty())
        {
            let (name, addr) = entry
                .split_once('=')
                .ok_or_else(|| PinError::Shape(entry.to_owned()))?;
            let pin = if let Ok(sa) = addr.parse::<SocketAddr>() {
                Pin {
                    ip: sa.ip(),
                    port: Some(sa.port()),
                }
            } else if let Ok(ip) = addr.parse::<IpAddr>() {
                Pin { ip, port: None }
            } else {
                return Err(PinError::Address(entry.to_owned()));
            };
            pins.insert(name, pin)?;
        }
        Ok(pins)
    }
}

impl fmt::Display for PinnedHosts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.entries().join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_with_addresses_and_optional_ports() {
        let p: PinnedHosts = "photos.sim.test=127.0.0.1:8443, CS.Copart.com.=127.0.0.1 v6.test=[::1]:9 bare6.test=::1"
            .parse()
            .expect("pins");
        assert_eq!(
            p.get("photos.sim.test").map(Pin::socket_addr),
            Some("127.0.0.1:8443".parse().expect("addr"))
        );
        let cs = p.get("cs.copart.com").expect("normalized name");
        assert_eq!((cs.ip.to_string(), cs.port), ("127.0.0.1".to_owned(), None));
        assert_eq!(cs.socket_addr().port(), 0, "0: the URL's port");
        assert_eq!(p.get("v6.test").map(|p| p.port), Some(Some(9)));
        assert_eq!(p.get("bare6.test").map(|p| p.port), Some(None));
        assert_eq!(
            p.to_string(),
            "bare6.test=::1,cs.copart.com=127.0.0.1,photos.sim.test=127.0.0.1:8443,v6.test=[::1]:9"
        );
        assert!("".parse::<PinnedHosts>().expect("empty").is_empty());
    }

    #[test]
    fn malformed_entries_are_refused() {
        assert!(matches!(
            "photos.sim.test".parse::<PinnedHosts>(),
            Err(PinError::Shape(_))
        ));
        assert!(matches!(
            "*.sim.test=127.0.0.1".parse::<PinnedHosts>(),
            Err(PinError::Name(_))
        ));
        assert!(matches!(
            "10.0.0.1=127.0.0.1".parse::<PinnedHosts>(),
            Err(PinError::Name(_))
        ));
        assert!(matches!(
            "a.test=localhost".parse::<PinnedHosts>(),
            Err(PinError::Address(_))
        ));
        assert!(matches!(
            "a.test=127.0.0.1:99999".parse::<PinnedHosts>(),
            Err(PinError::Address(_))
        ));
    }
}
