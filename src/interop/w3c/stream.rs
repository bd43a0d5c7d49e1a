//! Reading a Web Annotation file one annotation at a time: the annotations of a top-level
//! list, and of the `items` of a page (or of a collection's embedded `first` page), are handed
//! over as they are parsed and their JSON trees freed before the next one. On a 20,000-item
//! collection this halves the import: freeing one tree of a million nodes at the end costs
//! more than parsing it. Everything else at the top level is kept as a `Value`.
//! (`ObjectSeed` reads the top level and a collection's `first` page; `Items` a list.)

use std::fmt;

use serde::Deserialize as _;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Parses `json`, calling `each` with every streamed annotation, and returns the rest: the
/// top-level object without its streamed `items` (and its `first` page likewise), `Null` for
/// a top-level list (every element was handed over), or the top-level string as it is.
///
/// # Errors
///
/// serde_json's error (with line and column) when the file is not JSON, or is a number or
/// `true`/`false`.
pub(super) fn read(json: &str, each: &mut dyn FnMut(Value)) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let rest = ObjectSeed { each }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(rest)
}

/// An object whose `items` are streamed and whose `first` page is read the same way.
struct ObjectSeed<'a> {
    each: &'a mut dyn FnMut(Value),
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Web Annotation: an annotation, a page, a collection or a list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "items" => {
                    map.next_value_seed(Items {
                        each: &mut *self.each,
                    })?;
                }
                "first" => {
                    let page = map.next_value_seed(ObjectSeed {
                        each: &mut *self.each,
                    })?;
                    fields.insert(key, page);
                }
                _ => {
                    fields.insert(key, map.next_value()?);
                }
            }
        }
        Ok(Value::Object(fields))
    }

    // A `first` that is not an object (a link to a page elsewhere): kept as it is.
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Value, E> {
        Ok(Value::String(text.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        Items { each: self.each }.visit_seq(seq)?;
        Ok(Value::Null)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

/// A list whose elements are handed over one by one (non-lists are handed over whole).
struct Items<'a> {
    each: &'a mut dyn FnMut(Value),
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of annotations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Value>()? {
            (self.each)(item);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        (self.each)(value);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(json: &str) -> (Vec<Value>, Option<Value>) {
        let mut seen = Vec::new();
        let rest = read(json, &mut |v| seen.push(v)).unwrap();
        (seen, Some(rest).filter(|rest| !rest.is_null()))
    }

    #[test]
    fn items_of_lists_pages_and_first_pages_are_streamed() {
        let (seen, rest) = streamed(r#"[{"a": 1}, {"a": 2}]"#);
        assert_eq!(seen.len(), 2);
        assert!(rest.is_none());
        let (seen, rest) = streamed(
            r#"{"type": "AnnotationCollection", "first": {"items": [{"a": 1}], "next": "p2"}}"#,
        );
        assert_eq!(seen, [serde_json::json!({"a": 1})]);
        let rest = rest.unwrap();
        assert_eq!(rest["first"]["next"], "p2");
        assert!(rest["first"].get("items").is_none());
        let (seen, rest) = streamed(r#"{"type": "AnnotationCollection", "first": "p1"}"#);
        assert!(seen.is_empty());
        assert_eq!(rest.unwrap()["first"], "p1");
        let (seen, rest) = streamed(r#"{"type": "Annotation", "target": "x"}"#);
        assert!(seen.is_empty());
        assert_eq!(rest.unwrap()["target"], "x");
    }

    #[test]
    fn errors_keep_their_line() {
        let error = read("{\n\"items\": [{\"a\": }]}", &mut |_| {})
            .err()
            .unwrap();
        assert_eq!(error.line(), 2);
    }
}
