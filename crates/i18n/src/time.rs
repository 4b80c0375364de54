//! Times as people say them: "just now", "5 minutes ago", "yesterday".

use crate::Tr;

impl Tr {
    /// How long before `now` the moment `at` was, both in milliseconds since the
    /// epoch; `None` past a week, where a date reads better than a count of days.
    pub fn ago(&self, at: i64, now: i64) -> Option<String> {
        let seconds = (now - at).max(0) / 1000;
        let (minutes, hours, days) = (seconds / 60, seconds / 3600, seconds / 86_400);
        Some(match () {
            _ if seconds < 45 => crate::t!(self, "time-just-now"),
            _ if minutes < 60 => crate::t!(self, "time-minutes-ago", count = minutes.max(1)),
            _ if hours < 24 => crate::t!(self, "time-hours-ago", count = hours),
            _ if days == 1 => crate::t!(self, "time-yesterday"),
            _ if days < 7 => crate::t!(self, "time-days-ago", count = days),
            _ => return None,
        })
    }

    /// The calendar day of `at` (milliseconds since the epoch) in the reader's time
    /// zone, as the language writes a date: "3 Feb 2026", "3. Feb. 2026",
    /// "3 de fev. de 2026".
    pub fn date(&self, at: i64) -> String {
        let Ok(moment) = jiff::Timestamp::from_millisecond(at) else {
            return String::new();
        };
        let day = match self.zone {
            Some(zone) => zone.to_datetime(moment).date(),
            None => jiff::tz::TimeZone::UTC.to_datetime(moment).date(),
        };
        crate::t!(
            self,
            "time-date",
            day = day.day(),
            month = day.month(),
            // A year is a name, not a quantity: never "2.026".
            year = day.year().to_string()
        )
    }

    /// The day and the time of day of `at` in the reader's time zone: "3 Feb 2026,
    /// 17:00".
    pub fn date_time(&self, at: i64) -> String {
        let Ok(moment) = jiff::Timestamp::from_millisecond(at) else {
            return String::new();
        };
        let clock = match self.zone {
            Some(zone) => zone.to_datetime(moment).time(),
            None => jiff::tz::TimeZone::UTC.to_datetime(moment).time(),
        };
        let time = format!("{:02}:{:02}", clock.hour(), clock.minute());
        crate::t!(self, "time-date-time", date = self.date(at), time = time)
    }

    /// `at`, or how long ago it was while that is under a week.
    pub fn ago_or_date(&self, at: i64, now: i64) -> String {
        self.ago(at, now).unwrap_or_else(|| self.date(at))
    }
}

#[cfg(test)]
mod tests {
    use crate::Tr;

    const MINUTE: i64 = 60_000;

    #[test]
    fn each_language_counts_with_its_own_plural_rules() {
        let now = 1_800_000_000_000;
        let [en, de, pt] = ["en", "de", "pt-BR"].map(|tag| Tr::for_tag(tag).unwrap());
        assert_eq!(en.ago(now - MINUTE, now).unwrap(), "1 minute ago");
        assert_eq!(en.ago(now - 5 * MINUTE, now).unwrap(), "5 minutes ago");
        assert_eq!(de.ago(now - 5 * MINUTE, now).unwrap(), "vor 5 Minuten");
        assert_eq!(pt.ago(now - 60 * MINUTE, now).unwrap(), "há 1 hora");
        assert_eq!(de.ago(now - 1440 * MINUTE, now).unwrap(), "gestern");
        assert_eq!(en.ago(now - 10_000, now).unwrap(), "just now");
        assert_eq!(en.ago(now - 8 * 1440 * MINUTE, now), None);
        assert_eq!(en.ago_or_date(0, now), "1 Jan 1970");
        assert_eq!(de.date(1_770_076_800_000), "3. Feb. 2026");
        assert_eq!(pt.date(1_770_076_800_000), "3 de fev. de 2026");
    }

    #[test]
    fn dates_are_read_in_the_readers_time_zone() {
        // 2026-02-03 02:00 UTC is still the 2nd in São Paulo; 20:00 UTC is already
        // the 4th in Tokyo.
        let at = 1_770_076_800_000 + 2 * 60 * MINUTE;
        let en = Tr::english();
        assert_eq!(en.date(at), "3 Feb 2026");
        assert_eq!(en.in_zone("America/Sao_Paulo").date(at), "2 Feb 2026");
        let evening = 1_770_076_800_000 + 20 * 60 * MINUTE;
        assert_eq!(en.date(evening), "3 Feb 2026");
        assert_eq!(en.in_zone("Asia/Tokyo").date(evening), "4 Feb 2026");
        assert_eq!(en.in_zone("Mars/Olympus_Mons").date(at), "3 Feb 2026");
    }

    #[test]
    fn the_pseudo_locale_is_accented_and_longer() {
        let pseudo = Tr::for_tag(crate::PSEUDO).unwrap();
        let english = Tr::english().t("time-yesterday");
        let text = pseudo.t("time-yesterday");
        assert_ne!(text, english);
        assert!(!text.is_ascii(), "{text}");
        assert!(text.chars().count() > english.chars().count(), "{text}");
    }
}
