//! Settings of the removal form and the admin endpoint (`serve` flags / environment).

use clap::Args;

use crate::secret::SecretString;

#[derive(Debug, Clone, Args)]
pub struct SeoConfig {
    /// Bearer token of the admin endpoint (`POST /admin/suppressions`,
    /// `DELETE /admin/suppressions/{vin}`), at least 24 characters. Empty: the endpoint is
    /// disabled (404).
    #[arg(long, env = "ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<SecretString>,
    /// Key that signs the removal form's token (at least 32 characters). Empty: a random key per
    /// process, so forms rendered before a restart (or by another replica) are refused once.
    #[arg(long, env = "REMOVAL_FORM_SECRET", hide_env_values = true)]
    pub removal_form_secret: Option<SecretString>,
    /// Removal requests a client IP may send per minute, sustained (0 disables the limit).
    #[arg(long, env = "REMOVAL_RATE_LIMIT_PER_MIN", default_value_t = 1)]
    pub removal_rate_limit_per_min: u32,
    /// Removal requests a client IP may send at once before the sustained rate applies.
    #[arg(long, env = "REMOVAL_RATE_LIMIT_BURST", default_value_t = 3)]
    pub removal_rate_limit_burst: u32,
    /// Client IPs the form's in-process limiter tracks at once (used while Redis is away; the
    /// Redis limit has no such table). Past it, new clients are refused (503), never let through.
    #[arg(
        long,
        env = "REMOVAL_RATE_LIMIT_MAX_CLIENTS",
        default_value_t = 100_000
    )]
    pub removal_rate_limit_max_clients: usize,
}

impl Default for SeoConfig {
    /// The CLI defaults (admin endpoint disabled, random form key).
    fn default() -> Self {
        SeoConfig {
            admin_token: None,
            removal_form_secret: None,
            removal_rate_limit_per_min: 1,
            removal_rate_limit_burst: 3,
            removal_rate_limit_max_clients: 100_000,
        }
    }
}
