//! Structured data as one tree, whatever it was written in: JSON, YAML or a JavaScript
//! object literal become texts, lists and maps that keep the author's order (the order of
//! a ladder's roles is meaning). Nesting deeper than `MAX_DEPTH` is refused, so reading
//! stays linear in the input and a hostile file cannot exhaust the stack.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Deeper than any ladder nests (company › department › family › role › competency ›
/// level › criteria is seven).
pub const MAX_DEPTH: usize = crate::ladder::limits::Bound::Nesting.limit() as usize;

#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// A string, number or boolean as written; `null` is the empty text.
    Text(String),
    List(Vec<Data>),
    /// Keys in the order written.
    Map(Vec<(String, Data)>),
}

impl Data {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Data::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(String, Data)]> {
        match self {
            Data::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// Nothing written anywhere inside (an empty template cell).
    pub fn is_blank(&self) -> bool {
        match self {
            Data::Text(text) => text.trim().is_empty(),
            Data::List(items) => items.iter().all(Data::is_blank),
            Data::Map(entries) => entries.iter().all(|(_, value)| value.is_blank()),
        }
    }
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Data, D::Error> {
        Seed { depth: 0 }.deserialize(deserializer)
    }
}

/// Reads one value `depth` containers deep.
#[derive(Clone, Copy)]
struct Seed {
    depth: usize,
}

impl Seed {
    fn deeper<E: de::Error>(self) -> Result<Seed, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(Seed { depth: self.depth + 1 })
    }
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Data;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Data, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = Data;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("text, a number, a list or a map")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Data, E> {
        Ok(Data::Text(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Data, E> {
        Ok(Data::Text(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Data, E> {
        Ok(Data::Text(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Data, E> {
        Ok(Data::Text(number(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Data, E> {
        Ok(Data::Text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Data, E> {
        Ok(Data::Text(value))
    }

    fn visit_unit<E>(self) -> Result<Data, E> {
        Ok(Data::Text(String::new()))
    }

    fn visit_none<E>(self) -> Result<Data, E> {
        Ok(Data::Text(String::new()))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Data, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Data, A::Error> {
        let inner = self.deeper()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Data::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Data, A::Error> {
        let inner = self.deeper()?;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(inner)? {
            let Data::Text(key) = key else {
                return Err(de::Error::custom("a map key is a list or a map"));
            };
            entries.push((key, map.next_value_seed(inner)?));
        }
        Ok(Data::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_written_and_bounds_the_depth() {
        let data: Data = serde_json::from_str(r#"{"b": 1, "a": [true, null, 2.5]}"#).unwrap();
        let Data::Map(entries) = data else { panic!("a map") };
        assert_eq!(entries[0].0, "b");
        assert_eq!(
            entries[1].1,
            Data::List(vec![Data::Text("true".into()), Data::Text(String::new()), Data::Text("2.5".into())])
        );
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(serde_json::from_str::<Data>(&deep).unwrap_err().to_string().contains("nested deeper"));
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(serde_json::from_str::<Data>(&fine).is_ok());
    }
}
