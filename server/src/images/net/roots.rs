//! An extra trusted root (`IMAGES_EXTRA_CA_FILE`), for development and tests only: the
//! simulator's https certificate is issued by a CA it makes at start, which the fetcher must
//! trust to talk to it. Added to the system's roots, never instead of them.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// PEM certificates and where they came from (a path, or "simulator").
#[derive(Clone)]
pub struct ExtraRoots {
    origin: String,
    certs: Vec<reqwest::Certificate>,
}

#[derive(Debug, thiserror::Error)]
pub enum RootsError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{origin}: not PEM certificates: {source}")]
    Pem {
        origin: String,
        source: reqwest::Error,
    },
    #[error("{0}: no certificate in the file")]
    Empty(String),
}

impl ExtraRoots {
    pub fn from_pem(origin: &str, pem: &[u8]) -> Result<ExtraRoots, RootsError> {
        let certs =
            reqwest::Certificate::from_pem_bundle(pem).map_err(|source| RootsError::Pem {
                origin: origin.to_owned(),
                source,
            })?;
        if certs.is_empty() {
            return Err(RootsError::Empty(origin.to_owned()));
        }
        Ok(ExtraRoots {
            origin: origin.to_owned(),
            certs,
        })
    }

    pub fn from_file(path: &Path) -> Result<ExtraRoots, RootsError> {
        let pem = std::fs::read(path).map_err(|source| RootsError::Read {
            path: path.display().to_string(),
            source,
        })?;
        ExtraRoots::from_pem(&path.display().to_string(), &pem)
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn certs(&self) -> &[reqwest::Certificate] {
        &self.certs
    }
}

impl fmt::Debug for ExtraRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ExtraRoots({}, {} certificates)",
            self.origin,
            self.certs.len()
        )
    }
}

/// The setting as given: empty for none, else a PEM file read when the setting is parsed, so a
/// missing or broken file stops the start instead of the first run.
#[derive(Debug, Clone, Default)]
pub struct CaFileSetting(pub Option<ExtraRoots>);

impl FromStr for CaFileSetting {
    type Err = RootsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(CaFileSetting(None));
        }
        ExtraRoots::from_file(Path::new(s)).map(|r| CaFileSetting(Some(r)))
    }
}
