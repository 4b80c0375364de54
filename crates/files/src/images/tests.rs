//! Tests of processing, with the fixtures they need.
