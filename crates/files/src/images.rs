//! What Hearth makes of an uploaded image: its real type, its size, a copy without metadata, thumbnails.
