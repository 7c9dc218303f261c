//! Time as Bitrix writes it: ISO 8601 with the portal's offset (Moscow, +03:00).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

/// The portal's and store's time zone.
pub fn zone() -> FixedOffset {
    // 3 hours is well inside the valid range of an offset, so this never fails.
    FixedOffset::east_opt(3 * 3600).unwrap_or_else(|| Utc.fix())
}

pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&zone())
}

/// `2024-08-30T14:29:00+03:00`
pub fn format(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

pub fn now_text() -> String {
    format(now())
}

/// Parses the forms Bitrix accepts (ISO 8601 with or without offset, `YYYY-MM-DD`,
/// `DD.MM.YYYY[ HH:MM:SS]`) into the stored form, in the portal's zone.
pub fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(format(t.with_timezone(&zone())));
    }
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%z") {
        return Some(format(t.with_timezone(&zone())));
    }
    for pattern in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%d.%m.%Y %H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, pattern) {
            return zone().from_local_datetime(&t).single().map(format);
        }
    }
    for pattern in ["%Y-%m-%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, pattern) {
            return zone()
                .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
                .single()
                .map(format);
        }
    }
    None
}

/// A modification time that is later than `previous` even within the same second,
/// so that every write is visible to a client polling `DATE_MODIFY` / `dateUpdate`.
pub fn bumped(previous: Option<&str>) -> String {
    let now = now();
    let previous = previous.and_then(|p| DateTime::parse_from_rfc3339(p).ok());
    // Compared by whole seconds, as the stored text has no fractions.
    match previous {
        Some(p) if p.timestamp() >= now.timestamp() => {
            format((p + chrono::Duration::seconds(1)).with_timezone(&zone()))
        }
        _ => format(now),
    }
}

/// Seconds since the epoch, with fractions, as in the `time` block.
pub fn unix_now() -> f64 {
    let now = Utc::now();
    now.timestamp() as f64 + f64::from(now.timestamp_subsec_micros()) / 1e6
}

pub fn format_unix(secs: f64) -> String {
    let whole = secs.floor() as i64;
    match Utc.timestamp_opt(whole, 0).single() {
        Some(t) => format(t.with_timezone(&zone())),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalized_to_moscow_time() {
        assert_eq!(
            normalize("2024-08-30T11:29:00Z").as_deref(),
            Some("2024-08-30T14:29:00+03:00")
        );
        assert_eq!(
            normalize("2024-08-30").as_deref(),
            Some("2024-08-30T00:00:00+03:00")
        );
        assert_eq!(
            normalize("30.08.2024 14:29:00").as_deref(),
            Some("2024-08-30T14:29:00+03:00")
        );
        assert_eq!(normalize("yesterday"), None);
    }

    #[test]
    fn bumped_time_is_always_later() {
        let future = "2999-01-01T00:00:00+03:00";
        assert_eq!(bumped(Some(future)), "2999-01-01T00:00:01+03:00");
        let this_second = format(now());
        assert_ne!(bumped(Some(&this_second)), this_second);
    }
}
