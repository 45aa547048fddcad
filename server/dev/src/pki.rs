//! A throwaway certificate authority for development and tests: a CA and one server certificate
//! it issued, for the simulator's https and for the PostgreSQL and Redis servers the TLS tests
//! start (`vinops-dev tls-certs` writes the same files for scripts). Never for production: the
//! CA's key lives only as long as this value, and nothing revokes what it signed.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// A CA, and a server certificate for `names` + `ips` signed by it.
pub struct DevPki {
    ca_pem: String,
    ca_der: CertificateDer<'static>,
    server_pem: String,
    server_der: CertificateDer<'static>,
    server_key_pem: String,
    server_key_der: Vec<u8>,
}

impl std::fmt::Debug for DevPki {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DevPki")
    }
}

/// Where [`DevPki::write`] put the files.
#[derive(Debug, Clone)]
pub struct PkiFiles {
    /// The CA certificate: what a client trusts (`sslrootcert`, `REDIS_CA_FILE`).
    pub ca: PathBuf,
    /// The server certificate followed by the CA's: the chain a server presents.
    pub chain: PathBuf,
    /// The server's private key (PKCS#8 PEM), readable by its owner only.
    pub key: PathBuf,
}

impl DevPki {
    /// A new CA named `ca_name` and a server certificate for the DNS `names` and `ips`.
    pub fn generate(ca_name: &str, names: &[&str], ips: &[IpAddr]) -> anyhow::Result<DevPki> {
        let ca_key = KeyPair::generate().context("CA key")?;
        let mut ca = CertificateParams::new(Vec::<String>::new()).context("CA parameters")?;
        ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca.distinguished_name.push(DnType::CommonName, ca_name);
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_cert = ca.self_signed(&ca_key).context("self-signing the CA")?;

        let key = KeyPair::generate().context("server key")?;
        let mut leaf =
            CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())
                .context("server certificate parameters")?;
        leaf.subject_alt_names
            .extend(ips.iter().copied().map(SanType::IpAddress));
        let common_name = names
            .first()
            .map_or_else(|| "localhost".to_owned(), |n| (*n).to_owned());
        leaf.distinguished_name
            .push(DnType::CommonName, common_name);
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        leaf.use_authority_key_identifier_extension = true;
        let issuer = Issuer::new(ca, ca_key);
        let leaf_cert = leaf
            .signed_by(&key, &issuer)
            .context("issuing the server certificate")?;
        Ok(DevPki {
            ca_pem: ca_cert.pem(),
            ca_der: ca_cert.der().clone(),
            server_pem: leaf_cert.pem(),
            server_der: leaf_cert.der().clone(),
            server_key_pem: key.serialize_pem(),
            server_key_der: key.serialize_der(),
        })
    }

    /// The CA certificate, PEM: trust it to talk to the server.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The chain a server presents: its certificate, then the CA's.
    pub fn chain_der(&self) -> Vec<CertificateDer<'static>> {
        vec![self.server_der.clone(), self.ca_der.clone()]
    }

    /// The server's private key.
    pub fn key_der(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(self.server_key_der.clone().into())
    }

    /// Writes `ca.pem`, `server.pem` (the chain) and `server.key` (mode 0600) into `dir`.
    pub fn write(&self, dir: &Path) -> anyhow::Result<PkiFiles> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let files = PkiFiles {
            ca: dir.join("ca.pem"),
            chain: dir.join("server.pem"),
            key: dir.join("server.key"),
        };
        let chain = format!("{}{}", self.server_pem, self.ca_pem);
        for (path, text) in [(&files.ca, &self.ca_pem), (&files.chain, &chain)] {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        write_private(&files.key, &self.server_key_pem)?;
        Ok(files)
    }
}

/// A file only its owner may read: PostgreSQL refuses to start with a key others can read.
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::remove_file(path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::net::Ipv4Addr;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn writes_a_ca_a_chain_and_a_private_key() {
        let pki = DevPki::generate(
            "test CA",
            &["db.test", "localhost"],
            &[IpAddr::V4(Ipv4Addr::LOCALHOST)],
        )
        .unwrap();
        let dir = std::env::temp_dir().join(format!("vinops-pki-{}", std::process::id()));
        let files = pki.write(&dir).unwrap();
        let chain = std::fs::read_to_string(&files.chain).unwrap();
        assert_eq!(chain.matches("BEGIN CERTIFICATE").count(), 2);
        assert!(chain.ends_with(pki.ca_pem()));
        let key = std::fs::metadata(&files.key).unwrap();
        assert_eq!(key.permissions().mode() & 0o777, 0o600);
        assert!(
            std::fs::read_to_string(&files.key)
                .unwrap()
                .contains("PRIVATE KEY")
        );
        // A second write over the first (a script run twice) replaces the files.
        pki.write(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();
    }
}
