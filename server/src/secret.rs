//! Credentials held by the configuration: [`SecretString`] (tokens, keys, cookies) and
//! [`SecretUrl`] (connection URLs, which may carry a password, or a token in the query).
//!
//! `Debug` and `Display` print them redacted, so a settings struct holding one can derive
//! `Debug`, and a log line or error that formats one by mistake shows nothing secret. The value
//! itself is reached only through `expose()`, a call that stands out where it is made (a
//! connection, a header, a signature). Both parse from any string, so clap reads them like a
//! `String` (`From<String>`); what a value must look like is checked where it is used.

use std::fmt;

use crate::config::redact_url;

/// What a redacted secret prints as.
const REDACTED: &str = "***";

/// A token, key or cookie: prints as `***`.
///
/// No `PartialEq`: `==` on a token tells, through its timing, how much of a guess was right;
/// compare `expose()`d values in constant time instead.
#[derive(Clone, Default)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(value: impl Into<String>) -> SecretString {
        SecretString(value.into())
    }

    /// The secret itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        SecretString(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        SecretString(value.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// A URL that may hold a credential: prints through [`redact_url`] (scheme, user, host, port
/// and path; never the password, query or fragment), so logs still say where a connection
/// goes. An empty value prints as empty, any other value that is not a `scheme://` URL as `***`.
#[derive(Clone, Default)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(value: impl Into<String>) -> SecretUrl {
        SecretUrl(value.into())
    }

    /// The URL itself, for the one place that connects with it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when no URL was given (empty counts as unset for the optional ones).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The URL as logs may show it.
    pub fn redacted(&self) -> String {
        let url = self.0.trim();
        if url.is_empty() {
            String::new()
        } else if url.contains("://") {
            redact_url(url)
        } else {
            REDACTED.to_owned()
        }
    }
}

impl From<String> for SecretUrl {
    fn from(value: String) -> Self {
        SecretUrl(value)
    }
}

impl From<&str> for SecretUrl {
    fn from(value: &str) -> Self {
        SecretUrl(value.to_owned())
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.redacted(), f)
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_print_redacted_and_expose_their_value() {
        let s = SecretString::from("hunter2-token");
        assert_eq!(format!("{s:?} {s} {:?}", Some(&s)), "*** *** Some(***)");
        assert_eq!(s.expose(), "hunter2-token");
    }

    #[test]
    fn urls_print_without_their_credentials() {
        let u = SecretUrl::from("postgres://etl:hunter2@db:5432/vinops?sslmode=require");
        assert_eq!(format!("{u}"), "postgres://etl:***@db:5432/vinops");
        assert_eq!(format!("{u:?}"), r#""postgres://etl:***@db:5432/vinops""#);
        assert_eq!(
            u.expose(),
            "postgres://etl:hunter2@db:5432/vinops?sslmode=require"
        );
        assert_eq!(SecretUrl::from("").to_string(), "");
        assert_eq!(
            SecretUrl::from("host=db password=hunter2").to_string(),
            "***"
        );
        assert!(SecretUrl::default().is_empty());
    }

    #[test]
    fn clap_reads_them_like_strings() {
        #[derive(clap::Parser, Debug)]
        struct Flags {
            #[arg(long)]
            token: Option<SecretString>,
            #[arg(long, default_value = "redis://127.0.0.1:6379")]
            url: SecretUrl,
        }
        let flags =
            <Flags as clap::Parser>::try_parse_from(["t", "--token", "hunter2"]).expect("parses");
        assert_eq!(
            flags.token.as_ref().map(SecretString::expose),
            Some("hunter2")
        );
        assert_eq!(flags.url.expose(), "redis://127.0.0.1:6379");
        assert!(!format!("{flags:?}").contains("hunter2"));
    }
}
