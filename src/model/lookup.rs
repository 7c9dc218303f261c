//! The quick stock lookup: from what the rep types to one store batch, and from its results to
//! a short ranked list with stock per warehouse and price.
//!
//! The batch (`catalog.product.list` needs `iblockId` in every filter):
//! `by_xml` (XML_ID starting with the query, `=%xmlId` `query%`, after `by_xml_exact`: XML_ID
//! equal to it), `by_article` (the article property starting with it, when configured; after
//! `by_article_exact`), `by_prefix` (name `=%` `query%`; for a word in another form with a
//! short stem, the words by their stems with that one at the name's start), `by_name`
//! (name `%` query, a substring; for several words each word a substring, in any order — see
//! [`name_filter`]), `by_phrase` (a second name list: the query's sizes in their other
//! spelling, the words more than three leave out, or its words by their stems when one is in
//! another form; else, for several words, the name holding them as typed), then stock
//! (`stock0`, …) and prices (`price0`, …) of the first entries of each list, referenced with
//! `$result[...]`, so the whole lookup is one request. When the store's catalogue has
//! variations, each list has a twin in the catalogue of variations (`by_xml_variations`, …)
//! whose entries join the list; the articles' twins search the variations' own article
//! property (a catalogue of variations has properties of its own), when configured. The store's
//! LIKE ignores case (MySQL's collations), so `kf-0` finds the article `KF-001`.
//!
//! Ranking: XML_ID equal to the query, then article equal to it (both ignoring case), then an
//! XML_ID or article starting with it, then name starting with it, then name containing it, then
//! name containing each of its words (or a word in another form); within a rank, names holding every word typed first (the
//! store is asked for three: see [`name_filter`]), then by name (case-insensitive, numbers by
//! value: `№2` before `№10`, unless the store had more than were asked for: then in its text
//! order, so the first entries shown are not mistaken for all), then ID. A product found
//! several ways appears once, at its best rank. Only the entries whose stock and price the batch
//! asked for are ranked (the store's first ones of each list, by its text order); the list is
//! capped at [`MAX_RESULTS`](crate::model::lookup::MAX_RESULTS).

use bitrix_rest::models::catalog::{Price, Product, StoreStock};
use std::borrow::Cow;

use serde_json::{Value, json};

use crate::model::call::{Batch, inert, slot_refs};
use crate::model::catalog_query::{
    VARIATIONS_KEY, article_of, parent_of, price_commands, product_list_call, stock_commands,
    variation_list_call, variations_of_products_call,
};
use crate::model::sorted::{sort_by, sort_by_key, sort_dedup};
use crate::model::stock::{OwnReserve, ProductStock, product_stock};
use crate::model::text::{lowercase, pasted, unaccented};
use crate::model::unit::Unit;

/// The fewest characters a query must have.
pub const MIN_QUERY_CHARS: usize = 2;
/// The most results shown.
pub const MAX_RESULTS: usize = 10;
/// How many entries of a code list (XML_ID, article) get stock and price.
const CODE_SLOTS: usize = 5;
/// How many products whose code is the query get stock and price (a code names one product,
/// or a few when a catalogue repeats it).
const EXACT_SLOTS: usize = 2;
/// How many variations of the products found get stock: more than are listed, so that a
/// product sold in many sizes counts them all.
const PARENT_SLOTS: usize = 30;
/// How many entries of each list (`by_xml`, `by_article`, `by_prefix`, `by_name`,
/// `by_phrase`, `by_parent`) get stock and price: only those can be shown (or counted).
const LIST_SLOTS: [usize; 6] = [
    CODE_SLOTS,
    CODE_SLOTS,
    MAX_RESULTS,
    MAX_RESULTS,
    MAX_RESULTS,
    PARENT_SLOTS,
];
/// The command listing the variations of the products the other lists found.
pub const BY_PARENT: &str = "by_parent";
/// Its place among the lists (the last).
pub const PARENT_LIST: usize = 5;

/// A query worth sending: as the rep meant it if pasted ([`pasted`]), trimmed, inner runs of
/// spaces collapsed, a size dictated with spaces around its sign written as one word (`4.2 x
/// 75` → `4.2x75`), at least [`MIN_QUERY_CHARS`] characters (any script).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupQuery(String);

impl LookupQuery {
    /// The query, or `None` when it is too short to send.
    pub fn parse(text: &str) -> Option<LookupQuery> {
        let text = inert(&pasted(text));
        let mut words: Vec<String> = Vec::new();
        let mut rest = text.split_whitespace().peekable();
        while let Some(word) = rest.next() {
            // A times sign alone between two numbers joins them; a pack's sign alone joins the
            // number after it (`№ 20` is `№20`).
            let lone = |marks: &[char]| {
                word.chars().count() == 1 && word.chars().all(|c| marks.contains(&c))
            };
            let sign = lone(&TIMES_MARKS);
            let after_number = words
                .last()
                .is_some_and(|w| w.chars().last().is_some_and(|c| c.is_ascii_digit()));
            let before_number = rest
                .peek()
                .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
            match (sign && after_number && before_number, words.last_mut()) {
                (true, Some(last)) => {
                    last.push_str(word);
                    last.push_str(rest.next().unwrap_or_default());
                }
                _ if lone(&PACK_SIGNS) && before_number => {
                    words.push(format!("{word}{}", rest.next().unwrap_or_default()));
                }
                _ => words.push(word.to_owned()),
            }
        }
        let q = words.join(" ");
        (q.chars().count() >= MIN_QUERY_CHARS).then_some(LookupQuery(q))
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where the lookup searches and what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LookupScope<'a> {
    /// The store catalogue.
    pub iblock_id: u64,
    /// Its catalogue of variations, searched alike (but for articles, a property of its own).
    pub variations_iblock_id: Option<u64>,
    /// The article property (`property<ID>`), if configured.
    pub article_property: Option<&'a str>,
    /// The article property of the catalogue of variations, if configured.
    pub variation_article_property: Option<&'a str>,
    /// The warehouses shown (empty = all).
    pub warehouses: &'a [u64],
    /// How many warehouses the store has, when known (plans the stock commands).
    pub warehouse_count: usize,
    /// The price type shown.
    pub price_type: u64,
}

impl LookupScope<'_> {
    /// The article of a product (or of a variation, from the variations' own property).
    pub fn article_of(&self, product: &Product) -> Option<String> {
        article_of(
            product,
            [self.article_property, self.variation_article_property],
        )
    }
}

/// One list of the lookup batch: the filter of its products and the filter of its twin among
/// the variations (each `None` when that catalogue cannot be asked this way).
struct ListFilters {
    products: Option<Value>,
    variations: Option<Value>,
}

impl ListFilters {
    /// The same condition in both catalogues.
    fn both(filter: Value) -> ListFilters {
        ListFilters {
            products: Some(filter.clone()),
            variations: Some(filter),
        }
    }
}

/// The one batch of a lookup.
pub fn lookup_batch(query: &LookupQuery, scope: LookupScope<'_>) -> Batch {
    let q = query.as_str();
    let extra: Vec<&str> = scope.article_property.into_iter().collect();
    // Every list of variations reads their product (`parentId`), so a size found by its name or
    // code is listed under its product, and their own article.
    let variation_article: Vec<&str> = scope.variation_article_property.into_iter().collect();
    let variation_extra: Vec<&str> = ["parentId"]
        .into_iter()
        .chain(scope.variation_article_property)
        .collect();
    let by_name = Some(json!({"name": "asc"}));
    let mut batch = Batch::new();
    let mut ids: Vec<Value> = Vec::new();
    // The products each list finds (not its variations'): their variations are asked too.
    let mut found: Vec<Value> = Vec::new();
    let mut add = |batch: &mut Batch, name: &str, filters: ListFilters, slots: usize| {
        if let Some(filter) = filters.products {
            let mut call = product_list_call(scope.iblock_id, filter, &extra, by_name.clone());
            // The lookup never shows how many matched: `start=-1` spares the server the count.
            call.params["start"] = json!(-1);
            batch.push(name, call);
            let products = slot_refs(name, &["products"], slots, "id");
            ids.extend(products.iter().cloned());
            found.extend(products);
        }
        if let (Some(offers), Some(filter)) = (scope.variations_iblock_id, filters.variations) {
            let variations = variations_of(name);
            let mut call = variation_list_call(offers, filter, &variation_extra, by_name.clone());
            call.params["start"] = json!(-1);
            batch.push(variations.clone(), call);
            ids.extend(slot_refs(&variations, &[VARIATIONS_KEY], slots, "id"));
        }
    };
    let prefix = format!("{q}%");
    let [
        xml_slots,
        article_slots,
        prefix_slots,
        name_slots,
        phrase_slots,
        parent_slots,
    ] = LIST_SLOTS;
    // A code holding `_` or `%` (`KZ_0111`) is asked as typed: in a LIKE pattern they stand for
    // any character, and look-alikes (`KZ10111`) sorting first by name would take every slot.
    let wildcards = q.contains(['_', '%']);
    let code_filter = |key: &str| match wildcards {
        true => json!({ key: q }),
        false => json!({ format!("=%{key}"): prefix }),
    };
    // The code equal to the query is asked on its own: the prefix list's first entries, by
    // name, may all be longer codes (`KZ-0111-1`, … before `KZ-0111`).
    // Also as spelt with the look-alike letters of the other alphabet (`КМ-0111` typed in
    // Cyrillic for the article `KM-0111`), for a code.
    // A code typed with separators may be kept without them (`978-5-389-06621-4`).
    let loose = loose_code(q);
    let mut spellings = code_spellings(q);
    if loose.is_some() {
        for bare in spellings.iter().map(|s| compact(s)).collect::<Vec<_>>() {
            if !spellings.contains(&bare) {
                spellings.push(bare);
            }
        }
    }
    let spellings = match spellings.as_slice() {
        [one] => json!(one),
        several => json!(several),
    };
    add(
        &mut batch,
        &exact_of("by_xml"),
        ListFilters::both(json!({ "=xmlId": spellings })),
        EXACT_SLOTS,
    );
    add(
        &mut batch,
        "by_xml",
        ListFilters::both(code_filter("xmlId")),
        xml_slots,
    );
    // Articles: each catalogue by its own property.
    let articles = |filter: &dyn Fn(&str) -> Value| ListFilters {
        products: scope.article_property.map(filter),
        variations: scope.variation_article_property.map(filter),
    };
    if scope.article_property.is_some() || scope.variation_article_property.is_some() {
        let exact = |article: &str| json!({ format!("={article}"): spellings });
        add(
            &mut batch,
            &exact_of("by_article"),
            articles(&exact),
            EXACT_SLOTS,
        );
        add(
            &mut batch,
            "by_article",
            articles(&code_filter),
            article_slots,
        );
    }
    // A code (an ISBN, a barcode, a part number) is also asked among the articles with
    // anything between its characters, in the place of the names starting with it (the names
    // holding it are asked below): the store may keep `978-5-17-118366-2` for `9785171183662`
    // typed or scanned, or the other way round ([`matches_as_typed`] drops what only looks
    // alike). The list above keeps the codes starting as typed, whatever this one finds.
    // Names are asked with their sizes read alike ([`sized`]); a `%` after a number in them is
    // a percent sign (`0,1%`), not a wildcard typed.
    let wildcards = has_wildcards(q);
    let sized_query = match wildcards {
        true => q.to_owned(),
        false => sized(q),
    };
    // A short stem of a word in another form (`бел` of `белую футболку`) is asked at a later
    // word's start in the phrase list, and here at the name's start (`Белая футболка`), in the
    // place of the names starting with the words as typed (the name list holds those).
    let forms_at_start = forms_filter(q, StemAt::NameStart).filter(|_| !wildcards);
    let prefix_filters = match (
        loose.as_ref().filter(|_| scope.article_property.is_some()),
        forms_at_start,
    ) {
        (Some(code), _) => articles(&|key: &str| json!({ format!("=%{key}"): gapped(code) })),
        (None, Some(forms)) => ListFilters::both(forms),
        (None, None) => ListFilters::both(json!({"=%name": format!("{sized_query}%")})),
    };
    add(&mut batch, "by_prefix", prefix_filters, prefix_slots);
    add(
        &mut batch,
        "by_name",
        ListFilters::both(name_filter(q)),
        name_slots,
    );
    // A size or a number written the other way (`4.2` for `4,2`, `М12` for `M12`) is asked
    // word by word in that spelling. Else more words than a filter holds: the others are asked
    // too ([`other_words`]). Else a word in another form than the catalogue's (`черную
    // куртку`): the words by their stems ([`forms_filter`]). Else, for two or three words:
    // names holding them as typed come first, and the store's first entries of the
    // word-by-word list ("серия" and "10" anywhere) may not include them.
    let other_spelling = other_spelling(q).filter(|_| !wildcards);
    let other = other_spelling
        .or_else(|| other_words(q))
        .map(|other| name_filter(&other))
        .or_else(|| forms_filter(q, StemAt::LaterWord).filter(|_| !wildcards));
    let phrase = match (other, q.contains(' ')) {
        (Some(other), _) => Some(other),
        (None, true) if sized_query == q => Some(json!({"%name": q})),
        (None, true) => Some(json!({"=%name": format!("%{sized_query}%")})),
        (None, false) => None,
    };
    if let Some(phrase) = phrase {
        add(
            &mut batch,
            "by_phrase",
            ListFilters::both(phrase),
            phrase_slots,
        );
    }
    // A product sold in variations (sizes, colours) has no stock of its own: its variations,
    // found by `parentId`, come with it (a parent's article or XML_ID is often all a rep has).
    if let Some(offers) = scope.variations_iblock_id {
        let mut call = variations_of_products_call(offers, found, &variation_article, by_name);
        call.params["start"] = json!(-1);
        batch.push(BY_PARENT, call);
        ids.extend(slot_refs(BY_PARENT, &[VARIATIONS_KEY], parent_slots, "id"));
    }
    stock_commands(
        &mut batch,
        "stock",
        &ids,
        scope.warehouses,
        scope.warehouse_count,
    );
    price_commands(&mut batch, "price", &ids, scope.price_type);
    batch
}

/// Letters that look alike in Cyrillic and Latin, each in upper and lower case: (Cyrillic,
/// Latin). Codes compare ignoring case, so `к` stands for `k` as `К` does for `K`.
const LOOKALIKES: [(&str, &str); 12] = [
    ("Аа", "Aa"),
    ("Вв", "Bb"),
    ("Ее", "Ee"),
    ("Кк", "Kk"),
    ("Мм", "Mm"),
    ("Нн", "Hh"),
    ("Оо", "Oo"),
    ("Рр", "Pp"),
    ("Сс", "Cc"),
    ("Тт", "Tt"),
    ("Хх", "Xx"),
    ("Уу", "Yy"),
];

/// The query as typed, then — for a code (it holds a digit) — spelt with the look-alike letters
/// of the other alphabet: all Cyrillic look-alikes as Latin, and all Latin ones as Cyrillic.
/// A rep reading `KM-0111` off a page types it on a Russian keyboard as `КМ-0111`.
pub fn code_spellings(query: &str) -> Vec<String> {
    let mut out = vec![query.to_owned()];
    if !query.chars().any(|c| c.is_ascii_digit()) {
        return out;
    }
    for spelt in [swap_lookalikes(query, true), swap_lookalikes(query, false)] {
        if !out.contains(&spelt) {
            out.push(spelt);
        }
    }
    out
}

/// `c`'s look-alike twin in the other alphabet, if it has one, and whether `c` is the
/// Cyrillic one of the two.
fn twin(c: char) -> Option<(char, bool)> {
    LOOKALIKES.iter().find_map(|(cyr, lat)| {
        let of = |from: &str, to: &str| {
            let at = from.chars().position(|f| f == c)?;
            to.chars().nth(at)
        };
        of(cyr, lat)
            .map(|t| (t, true))
            .or_else(|| of(lat, cyr).map(|t| (t, false)))
    })
}

/// `text` with the look-alike letters of one alphabet (Cyrillic when `from_cyrillic`, else
/// Latin) as their twins in the other.
fn swap_lookalikes(text: &str, from_cyrillic: bool) -> String {
    text.chars()
        .map(|c| match twin(c) {
            Some((other, cyrillic)) if cyrillic == from_cyrillic => other,
            _ => c,
        })
        .collect()
}

/// What separates the parts of a code as people write it: `978-5-17-118366-2`,
/// `0 986 452 041`, `04E-115-561-H`, `W 712/75`.
pub(crate) const CODE_SEPARATORS: [char; 4] = ['-', ' ', '.', '/'];

/// How many digits make a number typed alone a code the store may keep written another way
/// (`560408054` for `560 408 054`). Fewer are asked as typed.
const LONG_NUMBER_DIGITS: usize = 6;

/// How many characters make a code of letters and digits (`OP526`, `W71275`) one the store
/// may keep written another way.
const LOOSE_CODE_CHARS: usize = 5;

/// How many characters make a code with a single digit (`CAFDSC1L` for `CAF-DSC-1L`) one the
/// store may keep written another way; shorter ones (`TS-1-XL`) are asked as typed.
const LOOSE_ONE_DIGIT_CHARS: usize = 6;

/// A word of a code typed in groups (`GSK 85`, `CAF DSC 1L`) may be this long without a
/// digit; a longer one (`bosch 0986452041`) is a word of a name.
const CODE_GROUP_CHARS: usize = 3;

/// A code without its separators.
pub(crate) fn compact(code: &str) -> String {
    code.chars()
        .filter(|c| !CODE_SEPARATORS.contains(c))
        .collect()
}

/// A query that is a code the store may keep with other separators, or none (an ISBN, a
/// barcode, a part number: `9785171183662` for `978-5-17-118366-2`, `04E115561H` for
/// `04E-115-561-H`): its Latin letters and digits, lower-cased, without separators — typed
/// with the Cyrillic look-alikes (`С27009`), as their Latin twins. A word typed beside a code
/// (`bosch 0986452041`) makes it a search by name.
fn loose_code(query: &str) -> Option<String> {
    let spellings = loose_spellings(query)?;
    code_of(&spellings).cloned()
}

/// The spelling a code is asked by: its Latin one, else as typed when it holds letters of one
/// alphabet or another and digits only (`ап00123` for `АП-00123`: `П` has no Latin twin).
fn code_of(spellings: &[String]) -> Option<&String> {
    let alphanumeric = |c: &&String| c.chars().all(char::is_alphanumeric);
    spellings
        .iter()
        .find(|c| is_latin(c))
        .or_else(|| spellings.iter().find(alphanumeric))
}

/// The query's spellings (as typed, and with the other alphabet's look-alike letters)
/// without separators, lower-cased, when it is a code the store may keep written another way
/// ([`loose_code`]): what a code found must start with, or equal.
fn loose_spellings(query: &str) -> Option<Vec<String>> {
    let spellings: Vec<String> = code_spellings(query)
        .iter()
        .map(|spelt| compact(&fold(spelt)))
        .collect();
    let code = code_of(&spellings)?;
    let digits = code.chars().filter(char::is_ascii_digit).count();
    let chars = code.chars().count();
    let long_enough = match digits == chars {
        true => digits >= LONG_NUMBER_DIGITS,
        false => {
            (chars >= LOOSE_CODE_CHARS && digits >= 2)
                || (chars >= LOOSE_ONE_DIGIT_CHARS && digits >= 1)
        }
    };
    let code_words = query
        .split(' ')
        .all(|w| w.chars().count() <= CODE_GROUP_CHARS || w.chars().any(|c| c.is_ascii_digit()));
    (long_enough && code_words).then_some(spellings)
}

/// Latin letters and digits only.
fn is_latin(code: &str) -> bool {
    code.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A LIKE pattern of `code`'s characters with anything between them, at the start of the
/// value: `9%7%8%…%2%`.
fn gapped(code: &str) -> String {
    let mut pattern = String::with_capacity(code.len() * 2);
    for c in code.chars() {
        pattern.push(c);
        pattern.push('%');
    }
    pattern
}

/// The command listing the products whose code (list `name`'s: XML_ID, article) is the query.
pub fn exact_of(name: &str) -> String {
    format!("{name}_exact")
}

/// The command listing the variations found the way list `name` finds products.
pub fn variations_of(name: &str) -> String {
    format!("{name}_variations")
}

/// What catalogues write between the numbers of a size: `4,2х75`, `4.2x75`, `4,2×75`,
/// `4.2*75`, `M8x40` (Latin or Cyrillic x, either case).
const TIMES_MARKS: [char; 6] = ['x', 'X', 'х', 'Х', '×', '*'];

/// What separates a number's decimals: `4,2` or `4.2`.
const DECIMAL_MARKS: [char; 2] = [',', '.'];

/// `text` with each character between two digits that `mark` maps to another made that one
/// (`mark` answers `None` for a character kept).
fn between_digits(text: &str, mark: impl Fn(char) -> Option<char>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = digit(i.checked_sub(1)) && digit(Some(i + 1));
            between.then(|| mark(c)).flatten().unwrap_or(c)
        })
        .collect()
}

/// `to` for a character of `marks`: a [`between_digits`] mapping of a class of marks to one.
fn one_of(marks: &'static [char], to: char) -> impl Fn(char) -> Option<char> {
    move |c| marks.contains(&c).then_some(to)
}

/// `text` with every times sign of a size made `_`, LIKE's "any one character": `4,2x75` finds
/// the names holding `4,2х75` and `4,2×75`. Text without one comes back as it is.
fn sized(text: &str) -> String {
    between_digits(text, one_of(&TIMES_MARKS, '_'))
}

/// The signs a pack's count is written with: `№20`, `N20` (`№ 20`, `N 20` apart).
const PACK_SIGNS: [char; 3] = ['№', 'N', 'n'];

/// The count of a word written as a pack's (`№20`, `N20`): its digits.
fn pack_count(word: &str) -> Option<&str> {
    let mut chars = word.chars();
    let sign = chars.next()?;
    let digits = chars.as_str();
    let number = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    (PACK_SIGNS.contains(&sign) && number).then_some(digits)
}

/// `text` (folded) with a pack's count written one way: `№ 20`, `n20` read `№20` (an `n`
/// only at a word's start).
fn pack_counts(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        let gap = usize::from(chars.get(i + 1) == Some(&' '));
        let count_after = chars.get(i + 1 + gap).is_some_and(char::is_ascii_digit);
        if (c == '№' || (c == 'n' && word_start)) && count_after {
            out.push('№');
            i += 1 + gap;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `text` with the Cyrillic look-alike letters as their Latin twins (`М8х40` reads `M8x40`).
fn latin(text: &str) -> String {
    swap_lookalikes(text, true)
}

/// A word of a query in the other way of writing it, when it has one: a number's decimal
/// mark the other one (`4,2` and `4.2`), and a size whose letters all have twins in the other
/// alphabet (`м8х40` and `m8x40`, `M12` and `М12`).
fn other_word(word: &str) -> String {
    if !word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    // A pack's count with the other sign: `№20` and `N20`.
    if let Some(count) = pack_count(word) {
        let sign = if word.starts_with('№') { 'N' } else { '№' };
        return format!("{sign}{count}");
    }
    // The decimal mark the other one.
    let swapped = between_digits(word, |c| match c {
        ',' => Some('.'),
        '.' => Some(','),
        _ => None,
    });
    let letters: Vec<char> = swapped.chars().filter(|c| c.is_alphabetic()).collect();
    match !letters.is_empty() && letters.iter().all(|c| twin(*c).is_some()) {
        true => swapped
            .chars()
            .map(|c| twin(c).map_or(c, |(other, _)| other))
            .collect(),
        false => swapped,
    }
}

/// The query in the other way of writing its sizes and numbers ([`other_word`]), when that
/// differs: asked as a list of its own, since the store's LIKE has no "either".
fn other_spelling(query: &str) -> Option<String> {
    let other: Vec<String> = query.split(' ').map(other_word).collect();
    let other = other.join(" ");
    (other != query).then_some(other)
}

/// How many letters stand right beside a number as its unit or its name (`200мг`, `омега3`)
/// for the two to be asked with any gap between (`200%мг` finds `200 мг`); fewer (`d3`,
/// `м8`) are asked as typed.
const GLUED_LETTERS: usize = 2;

/// The LIKE pattern of a word of a name, `None` when it is asked as typed:
/// - its times signs as `_` ([`sized`]): `4,2x75` finds `4,2х75`;
/// - a number and the letters right beside it (at least [`GLUED_LETTERS`]) with anything
///   between them (`%`): `200мг` finds `200 мг`, `омега3` finds `Омега-3` (a hyphen typed is
///   asked as typed: a code's hyphens are its own);
/// - an apostrophe, however typed (`’`, `'`, `` ` ``), as `_`: `levi’s` finds `Levi's`.
///
/// What the store finds by a pattern is checked against the word (see `AsTyped`).
fn name_pattern(word: &str) -> Option<String> {
    // A pack's count with anything between its sign and number: `№20` finds `№ 20`.
    if let Some(count) = pack_count(word) {
        let sign = word.chars().next().unwrap_or('№');
        return Some(format!("{sign}%{count}"));
    }
    let chars: Vec<char> = sized(word).chars().collect();
    // The length of the run of letters from `i`, going forward or back.
    let run = |i: usize, forward: bool| {
        let mut n = 0;
        let mut at = Some(i);
        while let Some(j) = at.filter(|j| chars.get(*j).is_some_and(|c| c.is_alphabetic())) {
            n += 1;
            at = if forward {
                j.checked_add(1)
            } else {
                j.checked_sub(1)
            };
        }
        n
    };
    let mut pattern = String::with_capacity(word.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        // Letters right after a number, or a number right after letters: any gap between.
        let boundary = (digit(prev) && c.is_alphabetic() && run(i, true) >= GLUED_LETTERS)
            || (c.is_ascii_digit() && i > 0 && letter(prev) && run(i - 1, false) >= GLUED_LETTERS);
        if boundary {
            pattern.push('%');
        }
        pattern.push(if APOSTROPHES.contains(&c) { '_' } else { c });
    }
    (pattern != word).then_some(pattern)
}

/// The endings a Russian word takes in the customer's sentence and in the catalogue (longest
/// first): adjectives (`белые кроссовки`, `чёрную куртку` for `Кроссовки, белый`, `Куртка
/// чёрная`) and nouns (`куртку`, `чашки`, `платья`).
const WORD_ENDINGS: [&str; 41] = [
    "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ый", "ий", "ой", "ей", "ая", "яя",
    "ое", "ее", "ые", "ие", "ую", "юю", "ых", "их", "ым", "им", "ам", "ям", "ах", "ях", "ом", "ем",
    "ов", "а", "я", "у", "ю", "ы", "и", "е", "о", "ь", "й",
];

/// Letters a word needs, and its stem, to be read in any form.
const FORM_LETTERS: (usize, usize) = (5, 3);

/// The stem of `word` when it reads as a Russian word in some form (Cyrillic letters only,
/// five or more, ending as one, three letters or more left): `белые` → `бел`, `чёрную` →
/// `чёрн`, `куртку` → `куртк`, `кроссовок` → `кроссовк` ([`FLEETING_ENDINGS`]). A name holds
/// the word when it holds the stem with any of the endings, or none, ending a word there
/// ([`holds_word`]).
fn word_stem(word: &str) -> Option<Cow<'_, str>> {
    stem_and_ending(word).map(|(stem, _)| stem)
}

/// A noun's plural genitive with a vowel the other forms drop before its last `к`
/// (`кроссовок`, `чашек` for `кроссовки`, `чашка`): the stem is the word without that vowel;
/// after a vowel the other forms have `й` there (`батареек` for `батарейки`).
const FLEETING_ENDINGS: [&str; 2] = ["ок", "ек"];

/// Vowels (and signs): what stands before a fleeting vowel that is `й` in the other forms.
const VOWELS: &str = "аеёиоуыэюяьъ";

/// Endings of a word's own form (a noun's nominative: `куртка`, `серия`, `платье`): a word
/// ending so is asked as typed; another form of it is still found ([`holds_word`]).
const OWN_FORM_ENDINGS: [&str; 6] = ["а", "я", "е", "о", "ь", "й"];

/// Whether `word` is said in a form a catalogue's name seldom has (`куртку`, `белые`,
/// `чашки`, `ибупрофена`): the store is asked for its stem in a list of its own
/// ([`forms_filter`]).
fn in_another_form(word: &str) -> bool {
    stem_and_ending(word).is_some_and(|(stem, ending)| {
        !OWN_FORM_ENDINGS.contains(&ending) || masculine_genitive(&stem, ending)
    })
}

/// Whether a word ending as a noun's own form (`-а`, `-я`) may be a masculine noun's genitive
/// (`ибупрофена`, `аспирина`, `шампуня` for `Ибупрофен`, `Шампунь`): after a consonant other
/// than `к` (`куртка`, `чашка` are their own form; `серия` ends after a vowel). A feminine noun
/// so read (`помада`) is still found as typed.
fn masculine_genitive(stem: &str, ending: &str) -> bool {
    let last = stem.chars().last().map(|c| lowercase(&c.to_string()));
    matches!(ending, "а" | "я")
        && last.is_some_and(|c| c != "к" && !c.chars().any(|c| VOWELS.contains(c)))
}

/// What may follow an English word's stem ([`latin_stem`]): a possessive or a plural.
const LATIN_ENDINGS: [&str; 2] = ["'s", "s"];

/// The stem of a Latin word of four letters or more ending in a single `s` (`levis` for
/// `Levi's`, `bolts` for `Bolt`): an English plural or a possessive typed without its
/// apostrophe.
fn latin_stem(word: &str) -> Option<&str> {
    let letters = word.chars().all(|c| c.is_ascii_alphabetic());
    let lower = word.to_ascii_lowercase();
    let plural = lower.ends_with('s') && !lower.ends_with("ss");
    (letters && word.len() >= 4 && plural).then(|| &word[..word.len() - 1])
}

/// [`word_stem`] and the ending it leaves out.
fn stem_and_ending(word: &str) -> Option<(Cow<'_, str>, &'static str)> {
    if let Some(stem) = latin_stem(word) {
        return Some((Cow::Borrowed(stem), "s"));
    }
    let letters = word.chars().count();
    let cyrillic = word
        .chars()
        .all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'));
    if !cyrillic || letters < FORM_LETTERS.0 {
        return None;
    }
    let lower = lowercase(word);
    if let Some(ending) = FLEETING_ENDINGS.iter().find(|e| lower.ends_with(*e)) {
        // The word without its fleeting vowel (`кроссов` + `к`), or with `й` for it after a
        // vowel (`батаре` + `йк`).
        let chars: Vec<char> = word.chars().collect();
        let before = &chars[..letters - 2];
        let in_its_place = match before.last().is_some_and(|c| VOWELS.contains(*c)) {
            true => "йк",
            false => "к",
        };
        let stem: String = before.iter().copied().chain(in_its_place.chars()).collect();
        return Some((Cow::Owned(stem), ending));
    }
    let ending = WORD_ENDINGS.iter().find(|e| lower.ends_with(*e))?;
    let stem = letters - ending.chars().count();
    let (at, _) = word.char_indices().nth(stem)?;
    (stem >= FORM_LETTERS.1).then_some((Cow::Borrowed(&word[..at]), *ending))
}

/// Whether `text` (folded, read as sizes compare: [`canonical`]) holds `word` (folded): as
/// it is, or in another form — its stem ([`word_stem`]) with any ending, or none, ending a
/// word there (`кроссовки, белый` holds `белые`, `куртка` holds `куртку`).
fn holds_word(text: &str, word: &str) -> bool {
    holds_as_typed(text, word) || holds_in_another_form(text, word)
}

/// Whether `text` (as [`holds_word`]) holds `word` as typed.
fn holds_as_typed(text: &str, word: &str) -> bool {
    text.contains(&canonical(word))
}

/// Whether `text` (as [`holds_word`]) holds `word` in another form.
fn holds_in_another_form(text: &str, word: &str) -> bool {
    let Some(stem) = word_stem(word) else {
        return false;
    };
    let endings: &[&str] = match latin_stem(word) {
        Some(_) => &LATIN_ENDINGS,
        None => &WORD_ENDINGS,
    };
    let stem = canonical(&stem);
    let ends_word = |rest: &str| !rest.starts_with(char::is_alphabetic);
    // At a word's start: `бел` is no form of `белые` inside `кабель`.
    let starts_word = |at: usize| !text[..at].ends_with(char::is_alphabetic);
    text.match_indices(&stem).any(|(at, _)| {
        let rest = &text[at + stem.len()..];
        if !starts_word(at) {
            return false;
        }
        ends_word(rest)
            || endings
                .iter()
                .any(|e| rest.strip_prefix(&canonical(e)).is_some_and(ends_word))
    })
}

/// `text` with the gaps between a number and the letters beside it closed (`200 мг` and
/// `омега-3` read `200мг`, `омега3`), so words [`name_pattern`] asked apart compare alike.
fn glued(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '-' {
            let (prev, next) = (at(i.checked_sub(1)), at(Some(i + 1)));
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            if (digit(prev) && letter(next)) || (letter(prev) && digit(next)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// `text` (folded) as sizes and numbers compare: look-alike letters as Latin, a decimal mark
/// as `,`, a times sign as `x`, a number and its unit together, a pack's count as `№20`.
fn canonical(text: &str) -> String {
    let text = between_digits(&latin(text), one_of(&DECIMAL_MARKS, ','));
    pack_counts(&glued(&between_digits(&text, one_of(&TIMES_MARKS, 'x'))))
}

/// Whether `name` holds each of `words`, all folded, read as sizes and numbers compare (the
/// name is read so once).
fn name_holds_all<'w>(name: &str, words: impl IntoIterator<Item = &'w str>) -> bool {
    let name = canonical(name);
    words.into_iter().all(|word| holds_word(&name, word))
}

/// Whether a product found holds every word of `query`: in its name, or as its code (a code
/// found is what was typed, see [`matches_as_typed`]).
pub fn holds_every_word(query: &LookupQuery, hit: &LookupHit) -> bool {
    hit.relevance <= Relevance::CodePrefix
        || name_holds_all(&fold(&hit.product.name), fold(query.as_str()).split(' '))
}

/// The LIKE prefixes a filter may give the name, one key each, all of them substring searches
/// (`%` adds the wildcards itself, `=%` and `%=` take them in the value).
const NAME_LIKE_KEYS: [&str; 3] = ["%name", "=%name", "%=name"];

/// The `by_name` condition: one word is a substring of the name; several words must each be
/// one, in any order ("арабика кофе" finds "Кофе молотый Арабика"). A filter holds each key
/// once, so three words are the conditions (the rest only rank, see [`lookup_hits`]): those
/// holding a digit first — a size or a number tells products of one family apart (`500`,
/// `№7`) — then the longest.
///
/// A word holding a size (`4.2x75`) is asked with `_` for its marks ([`sized`]) under a key
/// that reads wildcards (`=%`, `%=`), so every way of writing the size is found.
pub fn name_filter(query: &str) -> Value {
    let wildcards = has_wildcards(query);
    words_filter(name_words(query).into_iter().map(|word| {
        AskedWord {
            plain: word.to_owned(),
            like: name_pattern(word)
                .filter(|_| !wildcards)
                .map(|p| format!("%{p}%")),
        }
    }))
}

/// A word as a name filter asks it: `plain` under the key adding its own wildcards, or a whole
/// LIKE value (`%4,2_75%`, `бел%`) under a key reading them.
struct AskedWord {
    plain: String,
    like: Option<String>,
}

/// The filter of up to three words, in their order ([`name_filter`]).
fn words_filter(words: impl Iterator<Item = AskedWord>) -> Value {
    let mut filter = serde_json::Map::new();
    let mut free: Vec<&str> = NAME_LIKE_KEYS.to_vec();
    for word in words.take(NAME_LIKE_KEYS.len()) {
        // A pattern takes a key reading wildcards; any other word the plain one first.
        let key = match &word.like {
            Some(_) => free.iter().position(|k| *k != "%name"),
            None => Some(0),
        };
        let key = free.remove(key.unwrap_or(0));
        let value = match (key, word.like) {
            ("%name", _) => word.plain,
            (_, Some(like)) => like,
            (_, None) => format!("%{}%", word.plain),
        };
        filter.insert(key.to_owned(), Value::String(value));
    }
    Value::Object(filter)
}

/// A stem this short (`бел`, `син`) stands inside many other words (`кабель`, `апельсин`): it
/// is asked at the start of a word, not anywhere ([`StemAt`]).
const SHORT_STEM: usize = 3;

/// Where a short stem is asked: a word's start is the name's own start or a space before it,
/// which one LIKE cannot say both of; each is a list of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StemAt {
    /// After a space (`% бел%`): `Футболка белая`.
    LaterWord,
    /// At the name's start (`бел%`): `Белая футболка`. Only the first short stem typed; the
    /// others after a space.
    NameStart,
}

/// The filter of the query's words by their stems ([`word_stem`]) when a word is in another
/// form ([`in_another_form`]): the store's LIKE knows no word forms. Asked as a list of its
/// own beside the words as typed, which a short stem's many other words (`син` in
/// `апельсин`) must not crowd out: each word by its stem (a short one at a word's start,
/// `at`), the others as [`name_filter`] asks them; `None` when no word is in another form, or
/// for [`StemAt::NameStart`] when no stem is short (a longer one is asked anywhere already).
fn forms_filter(query: &str, at: StemAt) -> Option<Value> {
    if !query.split(' ').any(in_another_form) {
        return None;
    }
    fn short(word: &str) -> Option<Cow<'_, str>> {
        word_stem(word).filter(|stem| stem.chars().count() <= SHORT_STEM && !stem.is_ascii())
    }
    // The short stem asked at the name's start: the first typed.
    let first_short = query.split(' ').find(|w| short(w).is_some());
    if at == StemAt::NameStart && first_short.is_none() {
        return None;
    }
    let asked = name_words(query)
        .into_iter()
        .map(|word| match (word_stem(word), short(word)) {
            (_, Some(stem)) if at == StemAt::NameStart && Some(word) == first_short => AskedWord {
                plain: stem.to_string(),
                like: Some(format!("{stem}%")),
            },
            (_, Some(stem)) => AskedWord {
                plain: stem.to_string(),
                like: Some(format!("% {stem}%")),
            },
            (Some(stem), None) => AskedWord {
                plain: stem.to_string(),
                like: Some(format!("%{stem}%")),
            },
            (None, None) => AskedWord {
                plain: word.to_owned(),
                like: name_pattern(word).map(|p| format!("%{p}%")),
            },
        });
    Some(words_filter(asked))
}

/// Whether `query` holds LIKE's wildcards, typed on purpose (`tea_`, `KZ%11`): a `%` right
/// after a digit is a percent sign (`0,1%`), not one.
fn has_wildcards(query: &str) -> bool {
    let mut prev = None;
    query.chars().any(|c| {
        let wildcard = c == '_' || (c == '%' && !prev.is_some_and(|p: char| p.is_ascii_digit()));
        prev = Some(c);
        wildcard
    })
}

/// A word as the store is asked it: a percent sign after a number left out (`0,1%` is
/// asked as `0,1`, and checked with it: LIKE would read it as a wildcard).
fn asked_word(word: &str) -> &str {
    match word.strip_suffix('%') {
        Some(number) if number.ends_with(|c: char| c.is_ascii_digit()) => number,
        _ => word,
    }
}

/// The words of `query` in the order [`name_filter`] takes them: those holding a digit first,
/// then the longest (ties in the typed order).
fn name_words(query: &str) -> Vec<&str> {
    let mut words: Vec<&str> = query
        .split(' ')
        .map(asked_word)
        .filter(|w| !w.is_empty())
        .collect();
    sort_by_key(&mut words, |w| {
        let digits = w.chars().any(|c| c.is_ascii_digit());
        (
            std::cmp::Reverse(digits),
            std::cmp::Reverse(w.chars().count()),
        )
    });
    words
}

/// For a query of more words than a filter holds, its words in two sets: the first the
/// filter holds ([`name_words`] order), and the words it leaves out (of two characters or more,
/// as many as a filter holds). `None` for three words or fewer.
fn word_sets(query: &str) -> Option<(Vec<&str>, Vec<&str>)> {
    let words = name_words(query);
    if words.len() <= NAME_LIKE_KEYS.len() {
        return None;
    }
    let (first, rest) = words.split_at(NAME_LIKE_KEYS.len());
    let left_out = rest
        .iter()
        .copied()
        .filter(|w| w.chars().count() >= MIN_QUERY_CHARS)
        .take(NAME_LIKE_KEYS.len())
        .collect();
    Some((first.to_vec(), left_out))
}

/// The second set of words the store is asked (in the place of the phrase list): the words
/// the first set leaves out ([`word_sets`]), filled up with the first set's in its order — so a
/// short brand (`вихрь`) beside two long words is asked too. `None` for three words or fewer.
fn other_words(query: &str) -> Option<String> {
    let (first, mut other) = word_sets(query)?;
    let room = NAME_LIKE_KEYS.len().saturating_sub(other.len());
    other.extend(first.into_iter().take(room));
    Some(other.join(" "))
}

/// Whether the query has more words than one filter holds: each list of names then holds
/// only some of them, and the results are narrowed to those holding every word.
pub fn words_apart(query: &LookupQuery) -> bool {
    name_words(query.as_str()).len() > NAME_LIKE_KEYS.len()
}

/// The words the store searches names for (both sets, [`word_sets`], each word once) when
/// some typed word is in neither (a one-letter word, a seventh word): those only order the
/// results. `None` when it searches them all.
pub fn searched_words(query: &LookupQuery) -> Option<Vec<&str>> {
    let q = query.as_str();
    let (mut searched, left_out) = word_sets(q)?;
    searched.extend(left_out);
    (searched.len() < name_words(q).len()).then_some(searched)
}

/// How well a product answers the query (better first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relevance {
    /// Its XML_ID is the query (ignoring case).
    ExactXmlId,
    /// Its article is the query (ignoring case).
    ExactArticle,
    /// Its XML_ID or article starts with the query.
    CodePrefix,
    /// Its name starts with the query.
    NamePrefix,
    /// Its name contains the query as typed (or the store says it matches).
    NameContains,
    /// Its name contains each word of a several-word query, not as typed.
    NameWords,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupHit {
    /// The store product.
    pub product: Product,
    /// Its article, when configured and set.
    pub article: Option<String>,
    /// Why it is listed.
    pub relevance: Relevance,
    /// Free stock per shown warehouse and in total (`available` = free here).
    pub stock: ProductStock,
    /// Its price in the shown price type, when the store has one.
    pub price: Option<Price>,
    /// A size (a variation) of the listed product with this ID, listed under it.
    pub size_of: Option<u64>,
    /// Sold in sizes: with no stock of its own, its figures are those of its sizes together
    /// (those listed under it and those the list has no room for).
    pub in_sizes: bool,
    /// How many sizes its figures count (when [`in_sizes`](Self::in_sizes)).
    pub sizes_counted: usize,
    /// The store had more sizes of the products found than the lookup asked stock for: the
    /// figures may leave some of this product's out.
    pub sizes_maybe_more: bool,
    /// The unit its stock counts in, when the store named it.
    pub unit: Option<Unit>,
}

/// What the lookup batch returned (missing commands = empty lists).
#[derive(Debug, Clone, Copy, Default)]
pub struct LookupResults<'a> {
    /// `by_xml`, `by_article`, `by_prefix`, `by_name`, `by_phrase`, `by_parent`, in that order.
    pub lists: [&'a [Product]; 6],
    /// Every `stock*` record.
    pub stock: &'a [StoreStock],
    /// Every `price*` record.
    pub prices: &'a [Price],
}

/// The ways people's keyboards and editors write an apostrophe (`Levi's`, `Levi’s`): a word
/// holding one is asked with any character in its place ([`name_pattern`]) and compared with
/// every one read as `'` ([`fold`]).
const APOSTROPHES: [char; 5] = ['\'', '\u{2019}', '\u{2018}', '`', '\u{02BC}'];

/// Text as the store's collation compares it: any case, `ё` as `е`, accents read plain; and,
/// for what the store found by a pattern, an apostrophe however typed as `'`.
fn fold(text: &str) -> String {
    let text = unaccented(&lowercase(text).replace('ё', "е"));
    match text.contains(&APOSTROPHES[1..]) {
        true => text.replace(&APOSTROPHES[1..], "'"),
        false => text,
    }
}

/// A name's sort key: folded, with every run of digits compared as a number, so "№2" comes
/// before "№10" (each run is left-padded with zeros to 20 digits).
fn name_order(name: &str) -> String {
    let mut key = String::new();
    let mut digits = String::new();
    let flush = |key: &mut String, digits: &mut String| {
        if !digits.is_empty() {
            let run = digits.trim_start_matches('0');
            key.extend(std::iter::repeat_n('0', 20usize.saturating_sub(run.len())));
            key.push_str(run);
            digits.clear();
        }
    };
    for c in fold(name).chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut key, &mut digits);
            key.push(c);
        }
    }
    flush(&mut key, &mut digits);
    key
}

/// Whether a product the store found holds the query as the rep typed it. The store's LIKE
/// reads `%` and `_` in a query as wildcards (`tea_` finds "TEA 2"); for such a query only
/// a code starting with it (as typed, or spelt with the other alphabet's look-alike letters:
/// see [`code_spellings`]), or a name holding it (or each of its words), counts. Any other
/// query is taken as the store matched it (its collation folds more than [`fold`] does).
pub fn matches_as_typed(query: &LookupQuery, product: &Product, scope: &LookupScope<'_>) -> bool {
    AsTyped::of(query).matches(product, scope)
}

/// [`matches_as_typed`] for one query, worked out once for all the products found.
struct AsTyped {
    /// What a product's code must start with; `None` when the store's match is taken as is.
    spellings: Option<Vec<String>>,
    /// The codes are compared without separators (a code asked with anything between its
    /// characters, see [`loose_code`]).
    loose: bool,
    /// The words a name must hold.
    words: Vec<String>,
    /// The words holding a digit the store was asked for (with wildcards, [`name_pattern`], or
    /// in their other spelling, [`other_spelling`]): a name it found must hold each, read
    /// alike ([`canonical`]), or it matched only the wildcards (`4,2_75` in `14,2 75`).
    patterned: Vec<String>,
    /// The query, folded, when it is too short to mean an XML_ID in the 1C GUID form (`d3`
    /// is a vitamin, not `d3f0a9c2-…`).
    short: Option<String>,
}

/// How many characters a query needs before a 1C GUID starting with it counts as found.
const GUID_PREFIX_CHARS: usize = 4;

/// Whether `code` is an XML_ID as 1C writes them: a GUID, or a variation's two GUIDs
/// (`product#offer`), which mean nothing to a rep.
pub fn one_c_guid(code: &str) -> bool {
    code.split('#').all(guid_like)
}

/// Whether `code` is a GUID (`8-4-4-4-12` hexadecimal digits), as 1C writes XML_IDs.
fn guid_like(code: &str) -> bool {
    let parts: Vec<&str> = code.trim().split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

impl AsTyped {
    fn of(query: &LookupQuery) -> AsTyped {
        let q = query.as_str();
        let loose = loose_spellings(q);
        let spellings = match (&loose, q.contains(['%', '_'])) {
            (Some(_), _) => loose.clone(),
            (None, true) => Some(code_spellings(q).iter().map(|s| fold(s)).collect()),
            (None, false) => None,
        };
        // Words asked with wildcards, or in their other spelling too, are checked.
        let patterned = match q.contains(['%', '_']) {
            true => Vec::new(),
            false => name_words(q)
                .into_iter()
                .take(NAME_LIKE_KEYS.len())
                .filter(|w| {
                    name_pattern(w).is_some() || other_word(w) != *w || word_stem(w).is_some()
                })
                .map(fold)
                .collect(),
        };
        AsTyped {
            spellings,
            loose: loose.is_some(),
            words: fold(q).split(' ').map(str::to_owned).collect(),
            patterned,
            short: (q.chars().count() < GUID_PREFIX_CHARS).then(|| fold(q)),
        }
    }

    /// A product found only because its GUID XML_ID starts with a short query.
    fn guid_noise(&self, product: &Product, scope: &LookupScope<'_>) -> bool {
        let Some(q) = &self.short else {
            return false;
        };
        let starts = |code: Option<String>| code.is_some_and(|c| fold(c.trim()).starts_with(q));
        let named = fold(&product.name).contains(q.as_str());
        let guid = product.xml_id.as_deref().filter(|x| guid_like(x));
        guid.is_some_and(|x| fold(x.trim()) != *q) && !named && !starts(scope.article_of(product))
    }

    /// The query's spellings without separators, when it is a code compared so; else none.
    fn loose_spellings(&self) -> &[String] {
        match (self.loose, &self.spellings) {
            (true, Some(spellings)) => spellings,
            _ => &[],
        }
    }

    fn matches(&self, product: &Product, scope: &LookupScope<'_>) -> bool {
        if self.guid_noise(product, scope) {
            return false;
        }
        let Some(spellings) = &self.spellings else {
            // A code holding the word is what was typed too (the code lists ask it as typed).
            // Name and codes are read as sizes compare once, each word against them all.
            let texts: Vec<String> = [Some(product.name.clone()), product.xml_id.clone()]
                .into_iter()
                .chain([scope.article_of(product)])
                .flatten()
                .map(|text| canonical(&fold(&text)))
                .collect();
            return self
                .patterned
                .iter()
                .all(|w| texts.iter().any(|text| holds_word(text, w)));
        };
        let starts = |code: Option<String>| {
            code.is_some_and(|c| {
                let c = fold(c.trim());
                let c = if self.loose { compact(&c) } else { c };
                spellings.iter().any(|s| c.starts_with(s))
            })
        };
        let name = fold(&product.name);
        starts(product.xml_id.clone())
            || starts(scope.article_of(product))
            || name_holds_all(&name, self.words.iter().map(String::as_str))
    }
}

/// Whether a variation listed for the products found is of a product some list found: the
/// store may answer a slot it could not fill (a list shorter than its slots) with another
/// product's variations.
fn of_found_products<'r>(results: &LookupResults<'r>) -> impl Fn(&Product) -> bool + 'r {
    let found: Vec<u64> = results.lists[..PARENT_LIST]
        .iter()
        .zip(LIST_SLOTS)
        .flat_map(|(list, slots)| list.iter().take(slots).map(|p| p.id))
        .collect();
    move |p: &Product| parent_of(p).is_some_and(|id| found.contains(&id))
}

/// How many distinct products (and sizes) the lists found that answer the query: those
/// matching as typed, and of the variations listed for the products found only theirs. More
/// than are shown means typing more narrows the search.
pub fn found_count(
    query: &LookupQuery,
    results: &LookupResults<'_>,
    scope: &LookupScope<'_>,
) -> usize {
    let of_found = of_found_products(results);
    let as_typed = AsTyped::of(query);
    let mut ids: Vec<u64> = results
        .lists
        .iter()
        .enumerate()
        .flat_map(|(i, list)| list.iter().map(move |p| (i, p)))
        .filter(|(i, p)| *i != PARENT_LIST || of_found(p))
        // The sizes of a product found are its own, whatever their codes.
        .filter(|(i, p)| *i == PARENT_LIST || as_typed.matches(p, scope))
        .map(|(_, p)| p.id)
        .collect();
    sort_dedup(&mut ids);
    ids.len()
}

/// A hit's sort key: its rank, whether its name misses a word typed, holds a number typed only
/// inside another, starts with none of the words typed, then its name's order and its ID.
type HitKey = (Relevance, bool, bool, bool, String, u64);

/// Whether `name` holds the number `number` whole: not inside a longer number (`5` in `25`,
/// `1,5`, `5,5`).
fn holds_whole_number(name: &str, number: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    let digits: Vec<char> = number.chars().collect();
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let mark = |c: Option<char>| c.is_some_and(|c| c == ',' || c == '.');
    (0..chars.len()).any(|i| {
        let end = i + digits.len();
        // Another digit, or a decimal mark with a digit beyond it, on either side.
        let before = digit(at(i.checked_sub(1)))
            || (mark(at(i.checked_sub(1))) && digit(at(i.checked_sub(2))));
        let after = digit(at(Some(end))) || (mark(at(Some(end))) && digit(at(Some(end + 1))));
        chars.get(i..end) == Some(&digits[..]) && !before && !after
    })
}

/// The ranked, de-duplicated, capped results (see the module doc).
pub fn lookup_hits(
    query: &LookupQuery,
    results: LookupResults<'_>,
    scope: LookupScope<'_>,
    shown: &[u64],
) -> Vec<LookupHit> {
    let q = fold(query.as_str());
    let spellings: Vec<String> = code_spellings(query.as_str())
        .iter()
        .map(|s| fold(s))
        .collect();
    let as_typed = AsTyped::of(query);
    // A code is its letters and digits, however the store separates them.
    let loose = as_typed.loose_spellings();
    let mut ranked: Vec<(Relevance, &Product)> = Vec::new();
    let of_found = of_found_products(&results);
    // Only the entries the batch asked stock and prices for: a list may hold more (a page is
    // 50), in the store's text order, which the ranking below changes.
    for (i, (list, slots)) in results.lists.into_iter().zip(LIST_SLOTS).enumerate() {
        for p in list.iter().take(slots) {
            if i != PARENT_LIST && !as_typed.matches(p, &scope) {
                continue;
            }
            if i == PARENT_LIST && !of_found(p) {
                continue;
            }
            let article = scope.article_of(p).map(|a| fold(a.trim()));
            let xml_id = p.xml_id.as_deref().map(|x| fold(x.trim()));
            let canonical_name = canonical(&fold(&p.name));
            let starts = |code: &Option<String>| {
                code.as_ref().is_some_and(|c| {
                    c.starts_with(&q) || loose.iter().any(|s| compact(c).starts_with(s))
                })
            };
            let is_query = |code: &Option<String>| {
                code.as_ref().is_some_and(|c| {
                    spellings.contains(c) || loose.iter().any(|s| compact(c) == *s)
                })
            };
            let relevance = if is_query(&xml_id) {
                Relevance::ExactXmlId
            } else if is_query(&article) {
                Relevance::ExactArticle
            } else if starts(&xml_id) || starts(&article) {
                Relevance::CodePrefix
            } else if canonical_name.starts_with(&canonical(&q)) {
                Relevance::NamePrefix
            } else if !holds_as_typed(&canonical_name, &q)
                && (q.contains(' ') || holds_in_another_form(&canonical_name, &q))
            {
                // Its words apart, or in another form.
                Relevance::NameWords
            } else {
                Relevance::NameContains
            };
            match ranked.iter_mut().find(|(_, known)| known.id == p.id) {
                Some(entry) if relevance < entry.0 => *entry = (relevance, p),
                Some(_) => {}
                None => ranked.push((relevance, p)),
            }
        }
    }
    // A list the store cut short holds its first entries in text order (`№10` before `№2`):
    // sorted by number, they would read as a complete run with gaps (№4, then №10). Then the
    // store's own order stands.
    let cut_short = results
        .lists
        .iter()
        .zip(LIST_SLOTS)
        .any(|(list, slots)| list.len() > slots);
    let order = |name: &str| match cut_short {
        true => fold(name),
        false => name_order(name),
    };
    // The store is asked for three words of a query (see [`name_filter`]): within a rank, a
    // name holding every word typed comes before one that misses some.
    let words: Vec<&str> = q.split(' ').collect();
    let misses_words = |p: &Product| !name_holds_all(&fold(&p.name), words.iter().copied());
    // A number typed alone (`сверло 5`) is a size: names holding it whole come before those
    // holding it inside another (`1,5`, `25`).
    let numbers: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    // A name starting with a word typed is that product (`Парацетамол 500 мг`), one holding it
    // further on a product of another name (`Некст … парацетамол 200+500 мг`).
    let named_first = |p: &Product| {
        let name = fold(&p.name);
        words
            .iter()
            .any(|w| w.chars().count() > MIN_QUERY_CHARS && name.starts_with(w))
    };
    let number_inside = |p: &Product| {
        let name = fold(&p.name);
        !numbers.iter().all(|n| holds_whole_number(&name, n))
    };
    // Each key once (the sort compares each entry many times; a name's key lowers its case).
    let mut keyed: Vec<(HitKey, &Product)> = ranked
        .into_iter()
        .map(|(relevance, p)| {
            let key = (
                relevance,
                misses_words(p),
                number_inside(p),
                !named_first(p),
                order(&p.name),
                p.id,
            );
            (key, p)
        })
        .collect();
    sort_by(&mut keyed, |a, b| a.0 < b.0);
    let hit = |relevance: Relevance, p: &Product| LookupHit {
        article: scope.article_of(p),
        relevance,
        stock: product_stock(p.id, results.stock, shown, &OwnReserve::default()),
        price: results
            .prices
            .iter()
            .find(|pr| {
                pr.product_id == p.id && pr.catalog_group_id.is_none_or(|g| g == scope.price_type)
            })
            .cloned(),
        product: p.clone(),
        size_of: None,
        in_sizes: false,
        sizes_counted: 0,
        sizes_maybe_more: false,
        unit: None,
    };
    // Every size whose stock was asked, listed or not, by its product: its product's figures
    // count them all.
    let every_size: Vec<(u64, ProductStock)> = keyed
        .iter()
        .filter_map(|(_, p)| {
            let parent = parent_of(p).filter(|id| *id != p.id)?;
            let stock = product_stock(p.id, results.stock, shown, &OwnReserve::default());
            Some((parent, stock))
        })
        .collect();
    let hits = keyed
        .iter()
        .take(MAX_RESULTS)
        .map(|((relevance, ..), p)| hit(*relevance, p))
        .collect();
    let maybe_more = results.lists[PARENT_LIST].len() > PARENT_SLOTS;
    sizes_under_their_products(hits, &every_size, maybe_more)
}

/// Each listed product's listed sizes right under it, in their order; a product with no
/// stock of its own takes the figures of all its sizes in `every_size` (each size's product
/// and stock) together, listed or not. Sizes of a product not listed stay where they are.
/// `maybe_more`: the store had more sizes than were asked.
fn sizes_under_their_products(
    hits: Vec<LookupHit>,
    every_size: &[(u64, ProductStock)],
    maybe_more: bool,
) -> Vec<LookupHit> {
    let listed: Vec<u64> = hits.iter().map(|h| h.product.id).collect();
    let parent = |h: &LookupHit| parent_of(&h.product).filter(|id| *id != h.product.id);
    let is_size = |h: &LookupHit| parent(h).is_some_and(|id| listed.contains(&id));
    let mut out: Vec<LookupHit> = Vec::with_capacity(hits.len());
    for hit in hits.iter().filter(|h| !is_size(h)) {
        let mut product = hit.clone();
        let sizes: Vec<LookupHit> = hits
            .iter()
            .filter(|h| parent(h) == Some(hit.product.id))
            .map(|h| LookupHit {
                size_of: Some(hit.product.id),
                ..h.clone()
            })
            .collect();
        let own = product.stock.has_any_on_hand();
        let counted: Vec<&ProductStock> = every_size
            .iter()
            .filter(|(parent, _)| *parent == hit.product.id)
            .map(|(_, stock)| stock)
            .collect();
        if !counted.is_empty() && !own {
            product.in_sizes = true;
            product.sizes_counted = counted.len();
            product.sizes_maybe_more = maybe_more;
            for stock in counted {
                product.stock.add(stock);
            }
        }
        out.push(product);
        out.extend(sizes);
    }
    out
}
