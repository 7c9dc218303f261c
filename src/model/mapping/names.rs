//! Name normalisation for matching status names with stage names.

/// A name reduced for comparison: lower case, `ё` read as `е`, every character that is not a
/// letter or digit read as a space, runs of spaces collapsed, ends trimmed.
///
/// ```
/// use storelink::model::mapping::names::normalize_name;
/// assert_eq!(normalize_name("  Отгружен, ждёт  оплаты! "), "отгружен ждет оплаты");
/// ```
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// True when two normalised names differ at most by their words' endings: word for word,
/// the same, or one the other plus a letter or two (`подтвержден` / `подтверждена`,
/// `confirm` / `confirmed`), after a common beginning of four letters or more.
///
/// ```
/// use storelink::model::mapping::names::names_alike;
/// assert!(names_alike("заказ собран", "заказ собрана"));
/// assert!(!names_alike("новый заказ", "новая заявка"));
/// assert!(!names_alike("оплачен", "не оплачен"));
/// ```
pub fn names_alike(a: &str, b: &str) -> bool {
    let word_alike = |x: &str, y: &str| {
        let (short, long) = match x.chars().count() <= y.chars().count() {
            true => (x, y),
            false => (y, x),
        };
        let (s, l) = (short.chars().count(), long.chars().count());
        long.starts_with(short) && (short == long || (s >= 4 && l - s <= 2))
    };
    let (a_words, b_words): (Vec<&str>, Vec<&str>) =
        (a.split(' ').collect(), b.split(' ').collect());
    !a.is_empty()
        && a_words.len() == b_words.len()
        && a_words.iter().zip(&b_words).all(|(x, y)| word_alike(x, y))
}

/// Word stems that mark a status or stage as "canceled" (ru / en).
const CANCEL_STEMS: &[&str] = &["отмен", "аннул", "cancel"];

/// Whole normalised names of a final, completed order status (ru / en).
const COMPLETED_NAMES: &[&str] = &[
    "выполнен",
    "выполнено",
    "завершен",
    "завершено",
    "completed",
    "complete",
    "finished",
    "done",
];

/// True when a normalised name contains a word starting with a "canceled" stem
/// (`отменён`, `Отмена`, `аннулирован`, `Canceled`, `cancelled`).
pub fn names_cancellation(normalized: &str) -> bool {
    normalized
        .split(' ')
        .any(|word| CANCEL_STEMS.iter().any(|stem| word.starts_with(stem)))
}

/// True when a normalised name is one of the usual names of a completed order.
pub fn names_completion(normalized: &str) -> bool {
    COMPLETED_NAMES.contains(&normalized)
}
