use crate::model::unit::Unit;

use super::fixtures::d;

fn unit(code: Option<u64>, name: &str) -> Unit {
    Unit {
        name: name.into(),
        code,
    }
}

#[test]
fn quantities_convert_exactly_between_units_of_one_kind() {
    let (g, kg) = (unit(Some(163), "г"), unit(Some(166), "кг"));
    assert_eq!(g.convert(d("2500"), &kg), Some(d("2.5")));
    assert_eq!(kg.convert(d("0.5"), &g), Some(d("500")));
    let (cm, m) = (unit(None, "см"), unit(None, "м"));
    assert_eq!(cm.convert(d("40"), &m), Some(d("0.4")));
    assert_eq!(
        unit(Some(161), "mg").convert(d("1"), &unit(Some(168), "t")),
        Some(d("0.000000001"))
    );
}

#[test]
fn units_of_different_kinds_or_unknown_ones_do_not_convert() {
    let kg = unit(Some(166), "кг");
    assert_eq!(kg.convert(d("1"), &unit(Some(112), "л")), None);
    assert_eq!(kg.convert(d("1"), &unit(Some(796), "шт")), None);
    assert_eq!(unit(None, "упак").convert(d("1"), &kg), None);
}
