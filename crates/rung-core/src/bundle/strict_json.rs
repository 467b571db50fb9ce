//! JSON with every key once. serde_json keeps the last of two equal keys without a word,
//! so a bundle could show a reader one score and import another; a bundle is read
//! through this first, and any object with a key twice is refused by name.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The first key found twice in one object, if any (`Err` when the bytes are not JSON).
pub fn first_duplicate_key(bytes: &[u8]) -> Result<Option<String>, serde_json::Error> {
    match serde_json::from_slice::<Unique>(bytes) {
        Ok(_) => Ok(None),
        Err(error) => match error.to_string().strip_prefix(DUPLICATE) {
            Some(rest) => Ok(Some(rest.split(DUPLICATE_END).next().unwrap_or_default().to_owned())),
            None => Err(error),
        },
    }
}

const DUPLICATE: &str = "duplicate key: ";
const DUPLICATE_END: &str = "\u{0}";

/// Any JSON value, read only to see that no object repeats a key.
struct Unique;

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("{DUPLICATE}{key}{DUPLICATE_END}")));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
}

#[cfg(test)]
mod tests {
    use super::first_duplicate_key;

    #[test]
    fn a_key_twice_anywhere_is_found() {
        assert_eq!(first_duplicate_key(br#"{"a": 1, "b": [{"c": 1}]}"#).unwrap(), None);
        assert_eq!(first_duplicate_key(br#"{"a": 1, "a": 2}"#).unwrap().as_deref(), Some("a"));
        let nested = br#"{"scorecards": [{"ratings": [{"score": 1, "notes": "", "score": 4}]}]}"#;
        assert_eq!(first_duplicate_key(nested).unwrap().as_deref(), Some("score"));
        assert!(first_duplicate_key(b"{not json").is_err());
    }
}
