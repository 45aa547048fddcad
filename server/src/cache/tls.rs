//! Which connections to Redis are allowed, and their TLS: the scheme rule and the trusted roots
//! of `rediss://`.
//!
//! - `redis://` is plain TCP: for Redis on the same host or a private network.
//! - `rediss://` is TLS with the server's certificate checked against its host name and either
//!   the system's roots (a managed Redis with a public certificate) or, with `REDIS_CA_FILE`,
//!   only the roots in that PEM file (a private CA, like PostgreSQL's `sslrootcert`).
//! - Cluster, sentinel and Unix-socket URLs are refused: fred would accept them and quietly
//!   connect in a way nothing here was tested with.
//!
//! `REDIS_CA_FILE` with a `redis://` URL is refused too: whoever set it meant TLS, and a plain
//! connection that "works" would hide that the traffic is not encrypted.

use std::path::Path;
use std::sync::Arc;

use fred::types::config::TlsConfig;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};

/// Whether a URL asks for TLS, or why it is refused.
pub(super) fn check_scheme(url: &str) -> Result<Tls, String> {
    match url.split_once("://") {
        Some(("redis", _)) => Ok(Tls::Off),
        Some(("rediss", _)) => Ok(Tls::On),
        Some((scheme, _)) => Err(format!(
            "scheme {scheme}:// is not supported (only redis:// and rediss://)"
        )),
        None => Err("not a URL".to_owned()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tls {
    Off,
    On,
}

/// The TLS configuration for a URL of `tls`, or why the settings do not fit together.
/// `None` for `rediss://` without a CA file: fred's own (the system's roots) is then used.
pub(super) fn client_config(tls: Tls, ca_file: Option<&Path>) -> Result<Option<TlsConfig>, String> {
    match (tls, ca_file) {
        (Tls::Off, None) | (Tls::On, None) => Ok(None),
        (Tls::Off, Some(path)) => Err(format!(
            "REDIS_CA_FILE ({}) is set but the URL is redis://, which never uses TLS: use \
             rediss:// or unset REDIS_CA_FILE",
            path.display()
        )),
        (Tls::On, Some(path)) => {
            let roots = roots_from_file(path)?;
            let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
            let config = ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| format!("TLS versions: {e}"))?
                .with_root_certificates(roots)
                .with_no_client_auth();
            Ok(Some(TlsConfig::from(config)))
        }
    }
}

/// The certificates of a PEM file as the only trusted roots.
fn roots_from_file(path: &Path) -> Result<RootCertStore, String> {
    let shown = path.display();
    let pem = std::fs::read(path).map_err(|e| format!("reading REDIS_CA_FILE {shown}: {e}"))?;
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|e| format!("REDIS_CA_FILE {shown}: not PEM certificates: {e}"))?;
        roots
            .add(cert)
            .map_err(|e| format!("REDIS_CA_FILE {shown}: unusable certificate: {e}"))?;
    }
    if roots.is_empty() {
        return Err(format!("REDIS_CA_FILE {shown}: no certificate in the file"));
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(check_scheme("redis://127.0.0.1:6379"), Ok(Tls::Off));
        assert_eq!(check_scheme("rediss://cache.internal:6380/0"), Ok(Tls::On));
        for refused in [
            "redis-cluster://a:1",
            "rediss-sentinel://a:1",
            "unix:///run/redis.sock",
            "valkeys://a:1",
        ] {
            let err = check_scheme(refused).unwrap_err();
            assert!(err.contains("not supported"), "{refused}: {err}");
        }
        assert_eq!(check_scheme("127.0.0.1:6379"), Err("not a URL".to_owned()));
    }

    #[test]
    fn a_ca_file_needs_tls() {
        let err = client_config(Tls::Off, Some(Path::new("/etc/ca.pem"))).unwrap_err();
        assert!(err.contains("rediss://"), "{err}");
        assert!(client_config(Tls::On, None).unwrap().is_none());
        assert!(client_config(Tls::Off, None).unwrap().is_none());
    }

    #[test]
    fn unreadable_or_empty_ca_files_are_named() {
        let missing = client_config(Tls::On, Some(Path::new("/nonexistent/ca.pem"))).unwrap_err();
        assert!(
            missing.contains("reading REDIS_CA_FILE /nonexistent/ca.pem"),
            "{missing}"
        );
        let dir = std::env::temp_dir().join(format!("vinops-redis-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let err = client_config(Tls::On, Some(&empty)).unwrap_err();
        assert!(err.contains("no certificate"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
