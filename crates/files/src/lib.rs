//! Files people share: where their bytes live ([`blobs`]) and what Hearth makes of an
//! image before anyone sees it ([`images`]). Nothing here knows who may read a file;
//! that is `hearth-app`'s job.

pub mod blobs;
pub mod images;
