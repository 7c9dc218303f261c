//! Dates as Bitrix sends them (`2024-08-30T14:29:00+03:00`) shown the rep's way. The time is
//! shown as the server wrote it (its own offset), which is how both admin panels show it.

use super::Lang;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `28.02.2024 17:36` (ru) or `28 Feb 2024, 17:36` (en); text that is not an ISO date is
/// returned as it is.
pub fn format_datetime(iso: &str, lang: Lang) -> String {
    let Some((date, time)) = split(iso) else {
        return iso.to_owned();
    };
    let (y, m, d) = date;
    match (lang, time) {
        (Lang::Ru, Some((h, min))) => format!("{d:02}.{m:02}.{y} {h:02}:{min:02}"),
        (Lang::Ru, None) => format!("{d:02}.{m:02}.{y}"),
        (Lang::En, Some((h, min))) => format!("{d} {} {y}, {h:02}:{min:02}", MONTHS_EN[m - 1]),
        (Lang::En, None) => format!("{d} {} {y}", MONTHS_EN[m - 1]),
    }
}

type Date = (u32, usize, u32);

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
        assert_eq!(format_datetime(iso, Lang::Ru), "28.02.2024 17:36");
        assert_eq!(format_datetime(iso, Lang::En), "28 Feb 2024, 17:36");
        assert_eq!(format_datetime("2024-08-01", Lang::Ru), "01.08.2024");
    }

    #[test]
    fn text_that_is_not_a_date_is_kept() {
        assert_eq!(format_datetime("", Lang::En), "");
        assert_eq!(format_datetime("yesterday", Lang::Ru), "yesterday");
        assert_eq!(format_datetime("2024-13-01", Lang::Ru), "2024-13-01");
    }
}
