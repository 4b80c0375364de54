//! Days as the analytics count them: whole UTC days, numbered from 1970-01-01, and
//! the weeks (from Monday) and calendar months they fall in.

use hearth_domain::Millis;

pub const DAY_MILLIS: i64 = 24 * 3600 * 1000;

/// The Julian day number of 1970-01-01.
const UNIX_JULIAN_DAY: i64 = 2_440_588;

pub fn day_of(millis: Millis) -> i64 {
    millis.div_euclid(DAY_MILLIS)
}

pub fn start_of(day: i64) -> Millis {
    day.saturating_mul(DAY_MILLIS)
}

/// The Monday on or before `day`. 1970-01-01 was a Thursday, three days after one.
pub fn week_of(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

pub fn date(day: i64) -> time::Date {
    i32::try_from(day + UNIX_JULIAN_DAY)
        .ok()
        .and_then(|julian| time::Date::from_julian_day(julian).ok())
        .unwrap_or(time::Date::MIN)
}

pub fn day_of_date(date: time::Date) -> i64 {
    i64::from(date.to_julian_day()) - UNIX_JULIAN_DAY
}

/// The first day of the calendar month `day` falls in.
pub fn month_of(day: i64) -> i64 {
    let date = date(day);
    day_of_date(date.replace_day(1).unwrap_or(date))
}

/// The first day of the month after the one `day` falls in.
pub fn next_month(day: i64) -> i64 {
    let first = date(month_of(day));
    let next = match first.month() {
        time::Month::December => first
            .replace_year(first.year() + 1)
            .and_then(|d| d.replace_month(time::Month::January)),
        month => first.replace_month(month.next()),
    };
    next.map_or(day + 31, day_of_date)
}

/// `2026-12-06`.
pub fn iso(day: i64) -> String {
    let date = date(day);
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Reads `2026-12-06`.
pub fn parse_iso(text: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text.trim(), &format)
        .ok()
        .map(day_of_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_weeks_and_months_fall_on_the_calendar() {
        let day = parse_iso("2026-12-06").unwrap();
        assert_eq!(iso(day), "2026-12-06");
        // 2026-12-06 is a Sunday; its week began on Monday 2026-11-30.
        assert_eq!(iso(week_of(day)), "2026-11-30");
        assert_eq!(iso(week_of(parse_iso("2026-11-30").unwrap())), "2026-11-30");
        assert_eq!(iso(month_of(day)), "2026-12-01");
        assert_eq!(iso(next_month(day)), "2027-01-01");
        assert_eq!(
            iso(next_month(parse_iso("2027-01-31").unwrap())),
            "2027-02-01"
        );
        assert_eq!(day_of(start_of(day) + DAY_MILLIS - 1), day);
        assert_eq!(parse_iso("2026-13-01"), None);
        assert_eq!(parse_iso("yesterday"), None);
    }
}
