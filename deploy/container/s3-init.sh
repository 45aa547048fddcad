#!/bin/sh
# One-off: creates the photo bucket in the compose stack's MinIO (idempotent) and lets anyone
# download its objects, since pages link photos at MEDIA_BASE_URL = the bucket's public URL; and
# the export archive's bucket, which stays private.
# Linted by deploy/container/check.sh (shellcheck).
set -eu
mc alias set vinops http://s3:9000 "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}"
mc mb --ignore-existing "vinops/${S3_BUCKET:?}"
mc anonymous set download "vinops/${S3_BUCKET}"
mc mb --ignore-existing "vinops/${ARCHIVE_S3_BUCKET:?}"
