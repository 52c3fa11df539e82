//! Moments as people read them. Every moment is stored as UTC (`2026-11-05T08:30:00.000Z`, as
//! the browser's `toISOString` writes it), and shown in the reader's own time: the offset is
//! passed in, so the rule is testable without a clock or a time zone database.

use super::date::Date;

/// A stored UTC moment shown in local time, `YYYY-MM-DD HH:MM`, for a zone `offset_minutes`
/// east of UTC (China: +480). A text that is not such a moment is shown as it is, so an odd
/// record is still readable rather than blank.
pub fn local_minute(utc: &str, offset_minutes: i32) -> String {
    shifted(utc, offset_minutes).unwrap_or_else(|| utc.to_string())
}

/// [`local_minute`] with the zone named (`2026-11-05 16:30 UTC+08:00`), for what is filed or
/// exported and may be read in another zone.
pub fn local_minute_with_zone(utc: &str, offset_minutes: i32) -> String {
    match shifted(utc, offset_minutes) {
        Some(local) => format!("{local} {}", zone(offset_minutes)),
        None => utc.to_string(),
    }
}

/// The zone's name from its offset: `UTC+08:00`, `UTC-03:30`, `UTC`.
pub fn zone(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".into();
    }
    let sign = if offset_minutes > 0 { '+' } else { '-' };
    let m = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

fn shifted(utc: &str, offset_minutes: i32) -> Option<String> {
    let (day, rest) = utc.split_once('T')?;
    let date: Date = day.parse().ok()?;
    let hour: i64 = rest.get(0..2)?.parse().ok()?;
    let minute: i64 = rest.get(3..5)?.parse().ok()?;
    if rest.get(2..3)? != ":" || hour > 23 || minute > 59 {
        return None;
    }
    // Only UTC moments are shifted: a text with another or no zone is not guessed at.
    let zoned = rest.ends_with('Z') || rest.ends_with("+00:00");
    if !zoned {
        return None;
    }
    let total = hour * 60 + minute + i64::from(offset_minutes);
    let days = total.div_euclid(24 * 60);
    let minutes = total.rem_euclid(24 * 60);
    let date = date.add_days(days)?;
    Some(format!("{date} {:02}:{:02}", minutes / 60, minutes % 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_moments_are_shown_in_the_readers_zone() {
        // (stored, offset east of UTC in minutes, shown)
        let cases = [
            ("2026-11-05T08:30:00.000Z", 480, "2026-11-05 16:30"),
            ("2026-11-05T20:15:42.123Z", 480, "2026-11-06 04:15"),
            ("2026-12-31T23:59:59.999Z", 480, "2027-01-01 07:59"),
            ("2026-03-01T01:00:00.000Z", -300, "2026-02-28 20:00"),
            ("2028-03-01T01:00:00.000Z", -300, "2028-02-29 20:00"),
            ("2026-11-05T08:30:00Z", 0, "2026-11-05 08:30"),
            ("2026-11-05T08:30:00+00:00", 330, "2026-11-05 14:00"),
        ];
        for (stored, offset, shown) in cases {
            assert_eq!(local_minute(stored, offset), shown, "{stored} at {offset}");
        }
    }

    #[test]
    fn anything_else_is_shown_as_it_is() {
        for odd in [
            "",
            "yesterday",
            "2026-11-05",
            "2026-11-05T8:30Z",
            "2026-11-05T08:30:00",
            "2026-13-05T08:30:00Z",
            "2026-11-05T25:00:00Z",
        ] {
            assert_eq!(local_minute(odd, 480), odd);
        }
    }

    #[test]
    fn the_zone_is_named_when_it_matters() {
        assert_eq!(local_minute_with_zone("2026-11-05T08:30:00.000Z", 480), "2026-11-05 16:30 UTC+08:00");
        assert_eq!(zone(0), "UTC");
        assert_eq!(zone(-210), "UTC-03:30");
        assert_eq!(zone(345), "UTC+05:45");
    }
}
