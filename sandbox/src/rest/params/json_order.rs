//! The key order of the objects whose order matters, read from a JSON body (a JSON object
//! parsed into `serde_json::Map` forgets it).

use serde_json::{Map, Value};

use super::{ORDERED, order_key};

/// Records the key order of the `ORDERED` objects of a JSON body.
pub fn record_json_order(body: &[u8], into: &mut Map<String, Value>) {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Value>, A::Error> {
            let mut keys = vec![];
            while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                keys.push(Value::String(key));
            }
            Ok(keys)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Value>, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(vec![])
        }
    }
    struct Top<'m>(&'m mut Map<String, Value>);
    impl<'de> Visitor<'de> for Top<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if ORDERED.iter().any(|o| o.eq_ignore_ascii_case(&key)) {
                    let keys = map.next_value_seed(KeySeed)?;
                    if !keys.is_empty() {
                        self.0.insert(order_key(&key), Value::Array(keys));
                    }
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }
    struct KeySeed;
    impl<'de> serde::de::DeserializeSeed<'de> for KeySeed {
        type Value = Vec<Value>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Value>, D::Error> {
            d.deserialize_any(KeysOrNothing)
        }
    }
    struct KeysOrNothing;
    impl<'de> Visitor<'de> for KeysOrNothing {
        type Value = Vec<Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("anything")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Value>, A::Error> {
            Keys.visit_map(map)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Vec<Value>, A::Error> {
            Keys.visit_seq(seq)
        }
        fn visit_str<E>(self, _: &str) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_bool<E>(self, _: bool) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_i64<E>(self, _: i64) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_u64<E>(self, _: u64) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_f64<E>(self, _: f64) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
        fn visit_unit<E>(self) -> Result<Vec<Value>, E> {
            Ok(vec![])
        }
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let _ = de.deserialize_map(Top(into));
}
