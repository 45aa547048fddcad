//! Reading a response body under a size cap: a declared `Content-Length` over the cap is refused
//! before a byte is read, and the stream is cut off as soon as it passes the cap, so neither a
//! lying nor a missing length can make the job hold more than the cap in memory.

use bytes::{Bytes, BytesMut};

#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("body declared as {declared} bytes, over the cap of {limit}")]
    Declared { declared: u64, limit: u64 },
    #[error("body passed the cap of {limit} bytes while streaming; cut off")]
    Streamed { limit: u64 },
    #[error("reading the body: {0}")]
    Read(#[source] reqwest::Error),
}

/// The first buffer reserved when the length is unknown (or lies).
const FIRST_RESERVE: u64 = 64 * 1024;

pub async fn read_capped(mut response: reqwest::Response, limit: u64) -> Result<Bytes, BodyError> {
    let declared = response.content_length();
    if let Some(declared) = declared.filter(|n| *n > limit) {
        return Err(BodyError::Declared { declared, limit });
    }
    let reserve = declared.unwrap_or(FIRST_RESERVE).min(limit);
    let mut buf = BytesMut::with_capacity(usize::try_from(reserve).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        if buf.len() as u64 + chunk.len() as u64 > limit {
            // Dropping the response closes the connection: the rest is never read.
            return Err(BodyError::Streamed { limit });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
