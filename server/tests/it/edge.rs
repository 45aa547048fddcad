//! The public edge inside the app: security headers and the CSP nonce on every kind of response
//! (`headers`), the request-level limits — body size, load shedding, request timeout
//! (`limits`). The connection-level limits and hostile input are in `abuse`.

mod headers;
mod limits;
