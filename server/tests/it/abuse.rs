//! Hostile HTTP against the real server: connections that never finish their headers
//! (slowloris), connections past the cap, oversized header sets (`slow`), and junk in every
//! query parameter and path segment of every page type (`junk`); figures under load
//! (`measure`, ignored by default).

mod junk;
mod measure;
mod slow;
