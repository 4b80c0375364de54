//! The reader's time zone, for the calendar days pages show.

use jiff::tz::TimeZone;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Each zone is read from the database once and kept for the run, so that a [`Tr`]
/// holding one stays `Copy`. Only names the database knows are kept: a few hundred
/// at most.
///
/// [`Tr`]: crate::Tr
static ZONES: LazyLock<Mutex<HashMap<String, &'static TimeZone>>> = LazyLock::new(Mutex::default);

/// The zone of this IANA name (`Europe/Lisbon`), if the database has it.
pub(crate) fn find(name: &str) -> Option<&'static TimeZone> {
    let mut zones = ZONES.lock().ok()?;
    if let Some(zone) = zones.get(name) {
        return Some(zone);
    }
    let zone: &'static TimeZone = Box::leak(Box::new(jiff::tz::db().get(name).ok()?));
    zones.insert(name.to_owned(), zone);
    Some(zone)
}
