//! Dates as Bitrix sends them (`2024-08-30T14:29:00+03:00`) shown the rep's way: in the rep's
//! own time when the browser tells its offset (a store in Moscow, a rep in New York), else as
//! the server wrote it.

use super::Lang;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `28.02.2024 17:36` (ru) or `28 Feb 2024, 17:36` (en); text that is not an ISO date is
/// returned as it is. `local_offset` gives the rep's offset from UTC in minutes at a moment
/// (seconds since the epoch); a time with an offset of its own is moved into it.
pub fn format_datetime(iso: &str, lang: Lang, local_offset: Option<fn(i64) -> i32>) -> String {
    let Some((mut date, mut time)) = split(iso) else {
        return iso.to_owned();
    };
    if let (Some(offset_at), Some((h, min)), Some(own)) = (local_offset, time, own_offset(iso)) {
        let (y, m, d) = date;
        let minutes = days_from_civil(y as i64, m as i64, d as i64) * 1440
            + i64::from(h) * 60
            + i64::from(min)
            - own;
        let local = minutes + i64::from(offset_at(minutes * 60));
        let (y, m, d) = civil_from_days(local.div_euclid(1440));
        let of_day = local.rem_euclid(1440);
        date = (y as u32, m as usize, d as u32);
        time = Some(((of_day / 60) as u32, (of_day % 60) as u32));
    }
    let (y, m, d) = date;
    match (lang, time) {
        (Lang::Ru, Some((h, min))) => format!("{d:02}.{m:02}.{y} {h:02}:{min:02}"),
        (Lang::Ru, None) => format!("{d:02}.{m:02}.{y}"),
        (Lang::En, Some((h, min))) => format!("{d} {} {y}, {h:02}:{min:02}", MONTHS_EN[m - 1]),
        (Lang::En, None) => format!("{d} {} {y}", MONTHS_EN[m - 1]),
    }
}

/// A moment of today's work, in the rep's local time: `14:05` when it is `today`, else with its
/// date as [`format_datetime`] writes it (a tab left open overnight: `29.11.2026 18:40`).
pub fn moment(lang: Lang, (y, m, d): Date, (h, min): (u32, u32), today: Date) -> String {
    match (y, m, d) == today {
        true => format!("{h:02}:{min:02}"),
        false => format_datetime(
            &format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00"),
            lang,
            None,
        ),
    }
}

/// A calendar date: year, month (1–12), day.
pub type Date = (u32, usize, u32);

/// The offset an ISO time carries, in minutes east of UTC: `+03:00` → 180, `Z` → 0; `None`
/// when it has none (a local time: shown as written).
fn own_offset(iso: &str) -> Option<i64> {
    let rest = iso.trim().get(16..)?;
    // Past the minutes: seconds and fractions, then the offset.
    let at = rest.find(['+', '-', 'Z'])?;
    let tail = &rest[at..];
    if tail == "Z" {
        return Some(0);
    }
    let sign = if tail.starts_with('-') { -1 } else { 1 };
    let digits: String = tail[1..].chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let h: i64 = digits[..2].parse().ok()?;
    let m: i64 = digits[2..].parse().ok()?;
    Some(sign * (h * 60 + m))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (eras of 400 years, March first).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let m = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let y = year_of_era + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn split(iso: &str) -> Option<(Date, Option<(u32, u32)>)> {
    let iso = iso.trim();
    let num = |s: &str| s.parse::<u32>().ok();
    let y = num(iso.get(0..4)?)?;
    let m = num(iso.get(5..7)?)? as usize;
    let d = num(iso.get(8..10)?)?;
    if iso.get(4..5)? != "-"
        || iso.get(7..8)? != "-"
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    let time = match iso.get(10..11) {
        Some("T") | Some(" ") => Some((num(iso.get(11..13)?)?, num(iso.get(14..16)?)?)),
        _ => None,
    };
    Some(((y, m, d), time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_show_in_the_reps_format() {
        let iso = "2024-02-28T17:36:55+02:00";
        assert_eq!(format_datetime(iso, Lang::Ru, None), "28.02.2024 17:36");
        assert_eq!(format_datetime(iso, Lang::En, None), "28 Feb 2024, 17:36");
        assert_eq!(format_datetime("2024-08-01", Lang::Ru, None), "01.08.2024");
    }

    #[test]
    fn a_moment_of_today_is_its_time_and_of_another_day_has_its_date() {
        let today = (2026, 11, 30);
        assert_eq!(moment(Lang::Ru, today, (0, 24), today), "00:24");
        assert_eq!(
            moment(Lang::Ru, (2026, 11, 29), (18, 40), today),
            "29.11.2026 18:40"
        );
        assert_eq!(
            moment(Lang::En, (2026, 11, 29), (18, 40), today),
            "29 Nov 2026, 18:40"
        );
    }

    #[test]
    fn text_that_is_not_a_date_is_kept() {
        assert_eq!(format_datetime("", Lang::En, None), "");
        assert_eq!(format_datetime("yesterday", Lang::Ru, None), "yesterday");
        assert_eq!(format_datetime("2024-13-01", Lang::Ru, None), "2024-13-01");
    }

    #[test]
    fn a_time_with_an_offset_shows_in_the_reps_own_time() {
        let new_york: fn(i64) -> i32 = |_| -5 * 60;
        let vladivostok: fn(i64) -> i32 = |_| 10 * 60;
        let moscow = "2026-11-30T00:05:26+03:00";
        assert_eq!(
            format_datetime(moscow, Lang::En, Some(new_york)),
            "29 Nov 2026, 16:05"
        );
        assert_eq!(
            format_datetime(moscow, Lang::Ru, Some(vladivostok)),
            "30.11.2026 07:05"
        );
        // Across a year and a leap day.
        assert_eq!(
            format_datetime("2024-01-01T01:00:00+03:00", Lang::Ru, Some(new_york)),
            "31.12.2023 17:00"
        );
        assert_eq!(
            format_datetime("2024-02-29T23:30:00Z", Lang::Ru, Some(vladivostok)),
            "01.03.2024 09:30"
        );
        assert_eq!(
            format_datetime("2024-03-01T02:00:00.123-04:30", Lang::Ru, Some(|_| 0)),
            "01.03.2024 06:30"
        );
        // No offset of its own, no date of it: shown as written.
        assert_eq!(
            format_datetime("2024-02-28T17:36:55", Lang::Ru, Some(new_york)),
            "28.02.2024 17:36"
        );
        assert_eq!(
            format_datetime("2024-08-01", Lang::Ru, Some(new_york)),
            "01.08.2024"
        );
    }

    #[test]
    fn day_counts_round_trip_through_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for days in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 800_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }
}
