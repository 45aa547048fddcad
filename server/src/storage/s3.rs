//! The S3 store (aws-sdk-s3): AWS S3, Cloudflare R2, MinIO, s3s-fs. Built from explicit settings
//! rather than the AWS default chain, so only the documented variables count and the keys never
//! reach a log (the SDK's `Credentials` debug output redacts the secret).
//!
//! Checksums: SDK releases since early 2025 add CRC checksums to every upload and check them on
//! download ("when supported"). R2 and older MinIO reject or mangle those headers, so the
//! default here is `when_required`, which sends them only where the S3 API demands them.

use std::time::Duration;

use anyhow::Context;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::retry::RetryConfig;
use aws_sdk_s3::config::timeout::TimeoutConfig;
use aws_sdk_s3::config::{
    BehaviorVersion, Credentials, Region, RequestChecksumCalculation, ResponseChecksumValidation,
};
use aws_sdk_s3::primitives::ByteStream;
use bytes::Bytes;

use super::{IMMUTABLE, StorageConfig, StorageKey};

#[derive(Clone)]
pub struct S3Store {
    client: Client,
    bucket: String,
    endpoint: String,
}

// By hand: the client's own `Debug` prints the access key id (only the secret key is redacted).
impl std::fmt::Debug for S3Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Store")
            .field("bucket", &self.bucket)
            .field("endpoint", &crate::config::redact_url(&self.endpoint))
            .finish_non_exhaustive()
    }
}

/// Which checksum behaviour to ask of the SDK (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChecksumMode {
    /// Only where an S3 operation requires one (R2, MinIO, s3s-fs).
    WhenRequired,
    /// Always (AWS S3 itself).
    WhenSupported,
}

impl S3Store {
    pub fn new(cfg: &StorageConfig) -> anyhow::Result<S3Store> {
        let bucket = cfg.s3_bucket.trim().to_owned();
        anyhow::ensure!(!bucket.is_empty(), "S3_BUCKET is empty");
        let (access, secret) = match (&cfg.s3_access_key_id, &cfg.s3_secret_access_key) {
            (Some(a), Some(s)) if !a.expose().is_empty() && !s.expose().is_empty() => {
                (a.expose().to_owned(), s.expose().to_owned())
            }
            _ => anyhow::bail!(
                "S3_BUCKET is set but S3_ACCESS_KEY_ID or S3_SECRET_ACCESS_KEY is not"
            ),
        };
        let (request, response) = match cfg.s3_checksum {
            ChecksumMode::WhenRequired => (
                RequestChecksumCalculation::WhenRequired,
                ResponseChecksumValidation::WhenRequired,
            ),
            ChecksumMode::WhenSupported => (
                RequestChecksumCalculation::WhenSupported,
                ResponseChecksumValidation::WhenSupported,
            ),
        };
        let timeout = Duration::from_millis(cfg.s3_timeout_ms.max(1));
        let mut builder = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(cfg.s3_region.clone()))
            .credentials_provider(Credentials::new(access, secret, None, None, "vinops-env"))
            .force_path_style(cfg.s3_force_path_style)
            .request_checksum_calculation(request)
            .response_checksum_validation(response)
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(timeout.min(Duration::from_secs(5)))
                    .operation_attempt_timeout(timeout)
                    .operation_timeout(timeout * 3)
                    .build(),
            )
            // The image job has its own retry policy; a few quick SDK retries cover blips.
            .retry_config(RetryConfig::standard().with_max_attempts(3));
        let endpoint = cfg.s3_endpoint.expose().trim().to_owned();
        if !endpoint.is_empty() {
            builder = builder.endpoint_url(endpoint.clone());
        }
        Ok(S3Store {
            client: Client::from_conf(builder.build()),
            bucket,
            endpoint,
        })
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// `s3://bucket @ endpoint`, for logs (no credentials).
    pub fn describe(&self) -> String {
        let endpoint = if self.endpoint.is_empty() {
            "aws".to_owned()
        } else {
            crate::config::redact_url(&self.endpoint)
        };
        format!("s3://{} at {endpoint}", self.bucket)
    }

    /// Creates the bucket unless it exists (development and tests; production buckets are
    /// made by the operator).
    pub async fn ensure_bucket(&self) -> anyhow::Result<()> {
        if self
            .client
            .head_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .is_ok()
        {
            return Ok(());
        }
        self.client
            .create_bucket()
            .bucket(&self.bucket)
            .send()
            .await
            .with_context(|| format!("creating bucket {}", self.bucket))?;
        Ok(())
    }

    pub async fn put(
        &self,
        key: &StorageKey,
        body: Bytes,
        content_type: &str,
    ) -> anyhow::Result<()> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .content_type(content_type)
            // What the bucket's public URL answers with: keys never change content.
            .cache_control(IMMUTABLE)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(aws_sdk_s3::Error::from)
            .with_context(|| format!("uploading {key} to {}", self.describe()))?;
        Ok(())
    }

    pub async fn get(&self, key: &StorageKey) -> anyhow::Result<Option<Bytes>> {
        let out = match self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
        {
            Ok(out) => out,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => {
                return Ok(None);
            }
            Err(e) => {
                return Err(aws_sdk_s3::Error::from(e))
                    .with_context(|| format!("downloading {key} from {}", self.describe()));
            }
        };
        let body = out
            .body
            .collect()
            .await
            .with_context(|| format!("reading {key} from {}", self.describe()))?;
        Ok(Some(body.into_bytes()))
    }

    pub async fn exists(&self, key: &StorageKey) -> anyhow::Result<bool> {
        match self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(false),
            Err(e) => Err(aws_sdk_s3::Error::from(e))
                .with_context(|| format!("checking {key} in {}", self.describe())),
        }
    }

    /// Every object whose key starts with `prefix` (all pages of `ListObjectsV2`).
    pub async fn list(&self, prefix: &str) -> anyhow::Result<Vec<StorageKey>> {
        Ok(self
            .list_sized(prefix)
            .await?
            .into_iter()
            .map(|(k, _)| k)
            .collect())
    }

    /// [`S3Store::list`] with each object's size, in key order (S3 lists in key order).
    pub async fn list_sized(&self, prefix: &str) -> anyhow::Result<Vec<(StorageKey, u64)>> {
        let mut keys = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .list_objects_v2()
                .bucket(&self.bucket)
                .prefix(prefix)
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(aws_sdk_s3::Error::from)
                .with_context(|| format!("listing {prefix} in {}", self.describe()))?;
            keys.extend(page.contents().iter().filter_map(|o| {
                let size = u64::try_from(o.size().unwrap_or(0)).unwrap_or(0);
                o.key().map(|k| (StorageKey::listed(k.to_owned()), size))
            }));
            match page.next_continuation_token() {
                Some(t) if page.is_truncated() == Some(true) => token = Some(t.to_owned()),
                _ => break,
            }
        }
        Ok(keys)
    }

    pub async fn delete(&self, key: &StorageKey) -> anyhow::Result<()> {
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(key.as_str())
            .send()
            .await
            .map_err(aws_sdk_s3::Error::from)
            .with_context(|| format!("deleting {key} from {}", self.describe()))?;
        Ok(())
    }
}
