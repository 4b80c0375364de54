//! Content-addressed storage of files: a folder on disk, or S3-compatible object storage.
