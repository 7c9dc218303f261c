//! A plain sentence for each difference between a deal and its order.

use bitrix_rest::Decimal;

use crate::model::money::{NumberStyle, format_money};
use crate::model::reconcile::{Difference, UncomparedRow, currencies_differ};
use crate::model::text::lowercase;
use crate::model::unit::Unit;
use crate::model::variants::VariantPair;

use super::{Lang, fill, quantity_with_unit, unit_per};

/// Names for the codes a difference carries.
pub struct Names<'a> {
    /// A deal stage's name by its ID (`C1:WON` → "Сделка успешна").
    pub stage: &'a dyn Fn(&str) -> Option<String>,
    /// An order status's name by its ID (`N` → "Принят").
    pub status: &'a dyn Fn(&str) -> Option<String>,
}

/// How many products a "not compared" sentence names; the rest are counted.
const UNCOMPARED_NAMED: usize = 5;

/// The sentences for the deal products not compared with the order: those without a code,
/// then those whose code Bitrix24 did not give; each names them with their quantities.
pub fn uncompared_sentences(rows: &[UncomparedRow], lang: Lang) -> Vec<String> {
    let t = lang.deal();
    [
        (false, t.rows_not_compared_no_code),
        (true, t.rows_not_compared_unread),
    ]
    .into_iter()
    .filter_map(|(unread, template)| {
        let those: Vec<&UncomparedRow> = rows.iter().filter(|r| r.code_unread == unread).collect();
        if those.is_empty() {
            return None;
        }
        let mut names: Vec<String> = those
            .iter()
            .take(UNCOMPARED_NAMED)
            .map(|r| {
                let quantity = quantity_with_unit(r.quantity, &r.unit, lang);
                fill(t.row_not_compared, &[&r.name, &quantity])
            })
            .collect();
        if those.len() > UNCOMPARED_NAMED {
            names.push(format!("+{}", those.len() - UNCOMPARED_NAMED));
        }
        Some(fill(template, &[&names.join(", ")]))
    })
    .collect()
}

/// The note under the differences for a row and a line that are variants of one product.
pub fn variant_sentence(pair: &VariantPair, lang: Lang) -> String {
    let t = lang.deal();
    let quoted: Vec<String> = pair
        .order_names
        .iter()
        .map(|name| fill(t.quoted_name, &[name]))
        .collect();
    let lines = quoted.join(", ");
    match (pair.other_variant, pair.order_names.len()) {
        (true, _) => fill(t.other_variant, &[&pair.deal_name, &lines]),
        (false, 1) => fill(t.variant_of_deal_row, &[&lines, &pair.deal_name]),
        (false, _) => fill(t.variants_of_deal_row, &[&lines, &pair.deal_name]),
    }
}

/// The sentence for `difference` in `lang`.
pub fn difference_sentence(difference: &Difference, lang: Lang, names: &Names<'_>) -> String {
    let t = lang.deal();
    let style = NumberStyle::for_lang(lang.code());
    let money = |amount, currency: &str| format_money(amount, currency, style);
    let qty = |q, unit| quantity_with_unit(q, unit, lang);
    let or_code = |name: Option<String>, code: &str| name.unwrap_or_else(|| code.to_owned());
    match difference {
        Difference::Sum {
            deal: deal_sum,
            deal_currency,
            order_total,
            order_delivery,
            delivery_in_deal,
            order_currency,
            rounding,
        } => {
            let deal = money(*deal_sum, deal_currency);
            let order = money(*order_total, order_currency);
            let sentence = if currencies_differ(deal_currency, order_currency) {
                let (a, b) = (deal_currency.trim(), order_currency.trim());
                fill(t.diff_sum_currency, &[a, b, &deal, &order])
            } else {
                let apart = |total: Decimal| {
                    let gap = *deal_sum - total;
                    money(gap.max(-gap), order_currency)
                };
                let gap = apart(*order_total);
                // The deal's own delivery row is in its sum: no gap "without the delivery".
                match order_delivery.is_zero() || *delivery_in_deal {
                    true => fill(t.diff_sum, &[&deal, &order, &gap]),
                    false => {
                        // Apart from the goods too: what the rows' differences account for.
                        let goods = apart(*order_total - *order_delivery);
                        let delivery = money(*order_delivery, order_currency);
                        fill(
                            t.diff_sum_delivery,
                            &[&deal, &order, &delivery, &gap, &goods],
                        )
                    }
                }
            };
            match rounding {
                true => format!("{sentence} {}", t.diff_sum_rounding),
                false => sentence,
            }
        }
        Difference::Status {
            stage_id,
            status_id,
            expected_stage_id,
        } => {
            let mut stage = or_code((names.stage)(stage_id), stage_id);
            let mut expected = or_code((names.stage)(expected_stage_id), expected_stage_id);
            // Two stages of one name (in any letter case) are told apart by their IDs.
            if lowercase(&stage) == lowercase(&expected) {
                stage = format!("{stage} ({stage_id})");
                expected = format!("{expected} ({expected_stage_id})");
            }
            fill(
                t.diff_status,
                &[
                    &stage,
                    &or_code((names.status)(status_id), status_id),
                    &expected,
                ],
            )
        }
        Difference::Canceled { stage_id } => fill(
            t.diff_canceled,
            &[&or_code((names.stage)(stage_id), stage_id)],
        ),
        Difference::Lost {
            stage_id,
            status_id,
        } => fill(
            t.diff_lost,
            &[
                &or_code((names.stage)(stage_id), stage_id),
                &or_code((names.status)(status_id), status_id),
            ],
        ),
        Difference::MissingInOrder {
            name,
            quantity,
            unit,
            unmatched,
            ..
        } => {
            let template = if *unmatched {
                t.diff_missing_in_order_unmatched
            } else {
                t.diff_missing_in_order
            };
            fill(template, &[name, &qty(*quantity, unit)])
        }
        Difference::MissingInDeal {
            name,
            quantity,
            unit,
            ..
        } => fill(t.diff_missing_in_deal, &[name, &qty(*quantity, unit)]),
        Difference::Quantity {
            name,
            deal,
            order,
            unit,
            order_unit,
            ..
        } => fill(
            t.diff_quantity,
            &[name, &qty(*deal, unit), &qty(*order, order_unit)],
        ),
        Difference::Price {
            name,
            deal,
            deal_currency,
            order,
            order_currency,
            per,
            units,
            ..
        } => {
            let (deal, order) = (money(*deal, deal_currency), money(*order, order_currency));
            let named = |u: &Unit| Some(unit_per(u, lang)).filter(|n| !n.trim().is_empty());
            if let Some((Some(ours), Some(theirs))) =
                units.as_ref().map(|(a, b)| (named(a), named(b)))
            {
                return fill(t.diff_price_units, &[name, &deal, &order, &ours, &theirs]);
            }
            match per.as_ref().and_then(named) {
                Some(unit) => fill(t.diff_price_per, &[name, &deal, &order, &unit]),
                None => fill(t.diff_price, &[name, &deal, &order]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use bitrix_rest::Decimal;

    use super::*;
    use crate::model::unit::Unit;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn names() -> Names<'static> {
        Names {
            stage: &|id| (id == "WON").then(|| "Сделка успешна".to_owned()),
            status: &|id| (id == "F").then(|| "Выполнен".to_owned()),
        }
    }

    #[test]
    fn sum_difference_names_both_amounts_and_the_delivery() {
        // A line of 7,98 missing from the deal, and a delivery of 4,99 in the total.
        let diff = Difference::Sum {
            deal: d("959.00"),
            deal_currency: "RUB".into(),
            order_total: d("971.97"),
            order_delivery: d("4.99"),
            delivery_in_deal: false,
            order_currency: "RUB".into(),
            rounding: false,
        };
        let text = difference_sentence(&diff, Lang::En, &names());
        assert!(
            text.contains("959.00") && text.contains("971.97") && text.contains("delivery ₽4.99"),
            "{text}"
        );
        assert!(
            text.ends_with("included) by ₽12.97, and by ₽7.98 without the delivery."),
            "both gaps: {text}"
        );
    }

    #[test]
    fn a_sum_apart_with_the_deals_own_delivery_row_says_one_gap() {
        // 5 057 against 4 557 with a delivery of 250 on both sides: 500, never "750 without
        // the delivery" (the deal's sum holds its own delivery row).
        let diff = Difference::Sum {
            deal: d("5057"),
            deal_currency: "RUB".into(),
            order_total: d("4557"),
            order_delivery: d("250"),
            delivery_in_deal: true,
            order_currency: "RUB".into(),
            rounding: false,
        };
        let text = difference_sentence(&diff, Lang::Ru, &names());
        assert!(text.contains("разница 500,00"), "{text}");
        assert!(!text.contains("без доставки"), "{text}");
    }

    #[test]
    fn status_difference_uses_names_and_falls_back_to_codes() {
        let diff = Difference::Status {
            stage_id: "NEW".into(),
            status_id: "F".into(),
            expected_stage_id: "WON".into(),
        };
        let text = difference_sentence(&diff, Lang::Ru, &names());
        assert_eq!(
            text,
            "Сделка на стадии «NEW», а статусу заказа «Выполнен» по настройкам соответствует стадия «Сделка успешна»."
        );
    }

    #[test]
    fn a_sum_apart_by_rounding_only_says_so() {
        let diff = Difference::Sum {
            deal: d("99.99"),
            deal_currency: "RUB".into(),
            order_total: d("100"),
            order_delivery: d("0"),
            delivery_in_deal: false,
            order_currency: "RUB".into(),
            rounding: true,
        };
        assert_eq!(
            difference_sentence(&diff, Lang::Ru, &names()),
            "Сумма сделки 99,99\u{a0}₽ не равна сумме заказа 100,00\u{a0}₽: разница 0,01\u{a0}₽. Это округление: магазин хранит цены и суммы строк точнее, чем сделка, — исправлять нечего."
        );
    }

    #[test]
    fn two_stages_of_one_name_are_told_apart_by_their_ids() {
        // One name in two letter cases is one name to the eye.
        let stage = |id: &str| match id {
            "S5" => Some("В работе".to_owned()),
            "S6" => Some("в работе".to_owned()),
            _ => None,
        };
        let status = |_: &str| Some("В работе".to_owned());
        let names = Names {
            stage: &stage,
            status: &status,
        };
        let diff = Difference::Status {
            stage_id: "S6".into(),
            status_id: "P".into(),
            expected_stage_id: "S5".into(),
        };
        assert_eq!(
            difference_sentence(&diff, Lang::Ru, &names),
            "Сделка на стадии «в работе (S6)», а статусу заказа «В работе» по настройкам соответствует стадия «В работе (S5)»."
        );
    }

    #[test]
    fn canceled_and_lost_differences_name_the_stage_and_the_status() {
        let canceled = Difference::Canceled {
            stage_id: "WON".into(),
        };
        assert_eq!(
            difference_sentence(&canceled, Lang::Ru, &names()),
            "Заказ отменён, а сделка на стадии «Сделка успешна»."
        );
        let lost = Difference::Lost {
            stage_id: "LOSE".into(),
            status_id: "F".into(),
        };
        assert_eq!(
            difference_sentence(&lost, Lang::En, &names()),
            "The deal is at stage \"LOSE\", but the order is not canceled (status \"Выполнен\")."
        );
    }

    #[test]
    fn price_difference_shows_each_side_in_its_own_currency() {
        let diff = Difference::Price {
            row: 0,
            basket_item_id: 5,
            name: "Mug".into(),
            deal: d("11"),
            deal_currency: "USD".into(),
            order: d("990"),
            order_currency: "RUB".into(),
            per: None,
            units: None,
        };
        assert_eq!(
            difference_sentence(&diff, Lang::En, &names()),
            "\"Mug\": price $11.00 in the deal, ₽990.00 in the order."
        );
    }

    #[test]
    fn a_price_in_other_units_names_the_unit_both_are_per() {
        let diff = Difference::Price {
            row: 0,
            basket_item_id: 5,
            name: "Лак".into(),
            deal: d("799990"),
            deal_currency: "RUB".into(),
            order: d("799.99"),
            order_currency: "RUB".into(),
            per: Some(Unit {
                name: "л".into(),
                code: Some(112),
            }),
            units: None,
        };
        assert_eq!(
            difference_sentence(&diff, Lang::Ru, &names()),
            "«Лак»: цена за л в сделке 799\u{a0}990,00\u{a0}₽, в заказе 799,99\u{a0}₽."
        );
        // In English the unit is named in English.
        assert_eq!(
            difference_sentence(&diff, Lang::En, &names()),
            "\"Лак\": price per l ₽799,990.00 in the deal, ₽799.99 in the order."
        );
    }

    #[test]
    fn a_price_per_a_pack_against_a_price_per_a_piece_names_each_unit() {
        let unit = |name: &str, code| Unit {
            name: name.into(),
            code: Some(code),
        };
        let diff = Difference::Price {
            row: 0,
            basket_item_id: 5,
            name: "Губки".into(),
            deal: d("495"),
            deal_currency: "RUB".into(),
            order: d("99"),
            order_currency: "RUB".into(),
            per: None,
            units: Some((unit("упаковка", 778), unit("шт", 796))),
        };
        assert_eq!(
            difference_sentence(&diff, Lang::Ru, &names()),
            "«Губки»: цена в сделке 495,00\u{a0}₽ за упаковку, в заказе 99,00\u{a0}₽ за шт."
        );
        assert_eq!(
            difference_sentence(&diff, Lang::En, &names()),
            "\"Губки\": price ₽495.00 per pack in the deal, ₽99.00 per pc in the order."
        );
    }

    #[test]
    fn quantity_difference_drops_trailing_zeros() {
        let diff = Difference::Quantity {
            row: 0,
            basket_item_id: 5,
            name: "Чайник".into(),
            deal: d("3.000"),
            order: d("2"),
            unit: Unit::default(),
            order_unit: Unit::default(),
        };
        assert_eq!(
            difference_sentence(&diff, Lang::En, &names()),
            "\"Чайник\": 3 in the deal, 2 in the order."
        );
    }

    #[test]
    fn quantities_in_differences_carry_their_unit() {
        let kg = Unit {
            name: "кг".into(),
            code: Some(166),
        };
        let diff = Difference::Quantity {
            row: 0,
            basket_item_id: 5,
            name: "Гвозди".into(),
            deal: d("2.5"),
            order: d("1"),
            unit: kg.clone(),
            order_unit: kg.clone(),
        };
        assert_eq!(
            difference_sentence(&diff, Lang::Ru, &names()),
            "«Гвозди»: в сделке 2,5 кг, в заказе 1 кг."
        );
        let only_in_order = Difference::MissingInDeal {
            basket_item_id: 6,
            name: "Mug".into(),
            xml_id: None,
            quantity: d("1"),
            unit: Unit {
                name: "шт".into(),
                code: Some(796),
            },
            price: d("10"),
        };
        assert_eq!(
            difference_sentence(&only_in_order, Lang::En, &names()),
            "\"Mug\" (1 pc) is in the order but not in the deal."
        );
    }

    #[test]
    fn a_sum_in_another_currency_says_what_is_not_compared() {
        let diff = Difference::Sum {
            deal: d("295.5"),
            deal_currency: "USD".into(),
            order_total: d("26595"),
            order_delivery: d("0"),
            delivery_in_deal: false,
            order_currency: "RUB".into(),
            rounding: false,
        };
        assert_eq!(
            difference_sentence(&diff, Lang::Ru, &names()),
            "Валюта сделки — USD, валюта заказа — RUB: суммы (295,50\u{a0}$ и 26\u{a0}595,00\u{a0}₽) и цены товаров не сравниваются."
        );
    }
}
