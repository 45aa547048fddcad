//! The hosts the photo fetcher may talk to (`IMAGES_ALLOWED_HOSTS`): exact names
//! (`cs.copart.com`), subdomain wildcards (`*.copart.com`: any name below it, not
//! `copart.com` itself) or exact IP addresses. Parsed once; every request and every redirect
//! hop is checked against it, and the resolver refuses to look up anything else.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// The hosts of the real data: the photo API named by the export's `Image URL`
/// (`inventoryv2.copart.io`) and the CDN its answers link to (`cs.copart.com`).
pub const DEFAULT_ALLOWED_HOSTS: &str = "inventoryv2.copart.io,cs.copart.com";

/// One entry of the allow-list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    Exact(String),
    /// `*.suffix`: stored as `.suffix`, so a match is a plain `ends_with`.
    Below(String),
    Ip(IpAddr),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostError {
    #[error("empty host entry")]
    Empty,
    #[error("{0:?} is not a valid host name")]
    Invalid(String),
    #[error("{0:?} is too broad: a wildcard needs at least two labels after `*.`")]
    TooBroad(String),
}

/// Lower case without one trailing dot: the form names are compared in.
pub fn normalize(host: &str) -> String {
    host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase()
}

/// A DNS name we accept in settings: LDH labels of 1..=63 bytes, 253 at most in all.
fn valid_name(name: &str) -> bool {
    name.len() <= 253
        && !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

impl FromStr for HostPattern {
    type Err = HostError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(HostError::Empty);
        }
        let unbracketed = s.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
        if let Ok(ip) = unbracketed.unwrap_or(s).parse::<IpAddr>() {
            return Ok(HostPattern::Ip(ip));
        }
        let name = normalize(s);
        if let Some(suffix) = name.strip_prefix("*.") {
            if !valid_name(suffix) {
                return Err(HostError::Invalid(s.to_owned()));
            }
            if !suffix.contains('.') {
                return Err(HostError::TooBroad(s.to_owned()));
            }
            return Ok(HostPattern::Below(format!(".{suffix}")));
        }
        if !valid_name(&name) {
            return Err(HostError::Invalid(s.to_owned()));
        }
        Ok(HostPattern::Exact(name))
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostPattern::Exact(n) => f.write_str(n),
            HostPattern::Below(s) => write!(f, "*{s}"),
            HostPattern::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

/// The allow-list: never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts(Vec<HostPattern>);

impl AllowedHosts {
    /// Whether the name (any case, with or without a trailing dot) is allowed.
    pub fn allows_name(&self, name: &str) -> bool {
        let name = normalize(name);
        self.0.iter().any(|p| match p {
            HostPattern::Exact(n) => *n == name,
            HostPattern::Below(suffix) => name.ends_with(suffix.as_str()),
            HostPattern::Ip(_) => false,
        })
    }

    pub fn allows_ip(&self, ip: IpAddr) -> bool {
        self.0.contains(&HostPattern::Ip(ip))
    }

    /// The same list with `pattern` added.
    pub fn with(mut self, pattern: HostPattern) -> Self {
        if !self.0.contains(&pattern) {
            self.0.push(pattern);
        }
        self
    }

    pub fn patterns(&self) -> &[HostPattern] {
        &self.0
    }
}

impl Default for AllowedHosts {
    fn default() -> Self {
        DEFAULT_ALLOWED_HOSTS
            .parse()
            .unwrap_or_else(|_| AllowedHosts(Vec::new()))
    }
}

impl FromStr for AllowedHosts {
    type Err = HostError;

    /// Entries separated by commas or white space.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let list = s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|e| !e.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<HostPattern>, _>>()?;
        if list.is_empty() {
            return Err(HostError::Empty);
        }
        Ok(AllowedHosts(list))
    }
}

impl fmt::Display for AllowedHosts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_copart_hosts_of_the_real_data() {
        let a = AllowedHosts::default();
        assert_eq!(a.to_string(), "inventoryv2.copart.io,cs.copart.com");
        assert!(a.allows_name("inventoryv2.copart.io"));
        assert!(a.allows_name("CS.Copart.com."));
        for other in [
            "copart.io",
            "inventory.copart.io",
            "evilcs.copart.com",
            "cs.copart.com.evil.test",
            "169.254.169.254",
            "localhost",
        ] {
            assert!(!a.allows_name(other), "{other}");
        }
    }

    #[test]
    fn wildcards_cover_names_below_only() {
        let a: AllowedHosts = "*.copart.com, inventoryv2.copart.io".parse().expect("list");
        assert!(a.allows_name("cs.copart.com"));
        assert!(a.allows_name("a.b.copart.com"));
        assert!(!a.allows_name("copart.com"));
        assert!(!a.allows_name("evilcopart.com"));
        assert!(!a.allows_name("copart.com.evil.test"));
        assert_eq!(a.to_string(), "*.copart.com,inventoryv2.copart.io");
    }

    #[test]
    fn ip_entries_match_exactly_and_never_as_names() {
        let a: AllowedHosts = "cs.copart.com 127.0.0.1 [::1]".parse().expect("list");
        assert!(a.allows_ip("127.0.0.1".parse().expect("ip")));
        assert!(a.allows_ip("::1".parse().expect("ip")));
        assert!(!a.allows_ip("127.0.0.2".parse().expect("ip")));
        assert!(!a.allows_name("127.0.0.1"));
    }

    #[test]
    fn bad_entries_are_refused() {
        assert_eq!("".parse::<AllowedHosts>(), Err(HostError::Empty));
        assert_eq!(" , ".parse::<AllowedHosts>(), Err(HostError::Empty));
        assert!(matches!(
            "*.com".parse::<AllowedHosts>(),
            Err(HostError::TooBroad(_))
        ));
        assert!(matches!(
            "*".parse::<AllowedHosts>(),
            Err(HostError::Invalid(_))
        ));
        for bad in [
            "cs.copart.com/x",
            "a..b",
            "-a.b",
            "a b:80",
            "http://cs.copart.com",
        ] {
            assert!(bad.parse::<HostPattern>().is_err(), "{bad} must not parse");
        }
    }
}
