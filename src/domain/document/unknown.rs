//! Fields a newer version wrote that this version's model does not know.
//!
//! serde ignores unknown keys on load, so without this they would vanish on
//! the next save. [`UnknownFields::find`] diffs the stored JSON against the
//! model's own serialisation; [`UnknownFields::reinsert`] puts the difference
//! back into a freshly serialised document.
//!
//! Array elements are located by their `"id"` when they have one, since
//! accounts are deleted and reordered between load and save; otherwise by
//! position.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One step from a parent value to a child.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Step {
    /// The member of an object with this key.
    Key(String),
    /// The array element whose `"id"` has this JSON text (`3`, `"a"`).
    Id(String),
    /// The array element at this position.
    Index(usize),
}

/// An unknown key, its value, and where its object sits.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    parent: Vec<Step>,
    key: String,
    value: Value,
}

/// Fields a stored document had that this version's model does not write,
/// kept so saving does not drop them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnknownFields {
    /// In document order (depth first through `raw`).
    fields: Vec<Field>,
}

impl UnknownFields {
    /// Every object key present in `raw` (the document as read, after
    /// migrations) but absent at the same place in `known` (the typed model
    /// re-serialised with `serde_json::to_value`), with its value.
    ///
    /// Top-level keys named in `ignore_top_level` are handled outside the
    /// model (e.g. `"revision"`) and are neither recorded nor descended into.
    ///
    /// Empty values (`null`, `""`, `[]`, `{}`) are not recorded: the model
    /// skips its own empty fields when serialising, so they would show up as
    /// unknown and only resurrect stale values. Where `raw` and `known`
    /// differ in type, nothing below that point is compared.
    pub fn find(raw: &Value, known: &Value, ignore_top_level: &[&str]) -> Self {
        let mut fields = Vec::new();
        collect(raw, known, ignore_top_level, &mut Vec::new(), &mut fields);
        UnknownFields { fields }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Readable paths for messages, in document order, e.g.
    /// `portfolio.accounts[id=3].tier`, `plan.items[2].colour`,
    /// `audit.entries.A1\.01.colour`.
    ///
    /// Keys are joined with `.`; within a key `\`, `.`, `[` and `"` are
    /// escaped with `\`, and the empty key is written `""`. An array element
    /// is `[id=X]` (X its id as JSON, so `[id="3"]` is a string id) or
    /// `[i]` (its position).
    pub fn paths(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| {
                let mut s = String::new();
                for step in &f.parent {
                    match step {
                        Step::Key(k) => push_key(&mut s, k),
                        Step::Id(id) => {
                            s.push_str("[id=");
                            s.push_str(id);
                            s.push(']');
                        }
                        Step::Index(i) => {
                            s.push('[');
                            s.push_str(&i.to_string());
                            s.push(']');
                        }
                    }
                }
                push_key(&mut s, &f.key);
                s
            })
            .collect()
    }

    /// The fields the model does not read at all, without known fields it
    /// only skipped as default (a stage left at "exploratory"), for
    /// messages. `known` is the model's own serialisation that `find` was
    /// given, and `reads` says whether a document still reads.
    ///
    /// A field is known when a value of another type in its place stops the
    /// document reading (an object, then a string: a known field refuses at
    /// least one); unknown fields are ignored whatever they hold. Whether the
    /// model reads a key is a property of the type at that place, the same
    /// for every element of one array, so one field is probed per place
    /// (`portfolio.accounts[*].current_stage` once, not once per account):
    /// each probe reads the whole document, and probing per field made a
    /// portfolio of 3,000 accounts take seconds to open. The places are tried
    /// in halves, so a document whose fields are all unknown takes two reads.
    /// A field inside a known object the model left out as empty (a plan
    /// with only its default status) goes with that object: kept, not named.
    pub fn not_read(&self, known: &Value, reads: impl Fn(&Value) -> bool) -> UnknownFields {
        // One representative per place: the parent path with array elements
        // left unnamed, and the key.
        let mut place_of: HashMap<(Vec<Option<&str>>, &str), usize> = HashMap::new();
        let mut representatives: Vec<&Field> = Vec::new();
        let places: Vec<usize> = self
            .fields
            .iter()
            .map(|f| {
                let shape = f
                    .parent
                    .iter()
                    .map(|step| match step {
                        Step::Key(k) => Some(k.as_str()),
                        Step::Id(_) | Step::Index(_) => None,
                    })
                    .collect();
                *place_of.entry((shape, f.key.as_str())).or_insert_with(|| {
                    representatives.push(f);
                    representatives.len() - 1
                })
            })
            .collect();
        let probe = |tried: &[usize]| -> bool {
            let probes = [
                Value::Object(Map::from_iter([("\u{0}probe".to_string(), Value::Null)])),
                Value::String("\u{0}probe".to_string()),
            ];
            probes.into_iter().all(|p| {
                let swapped = UnknownFields {
                    fields: tried
                        .iter()
                        .map(|&i| Field {
                            value: p.clone(),
                            ..representatives[i].clone()
                        })
                        .collect(),
                };
                let mut doc = known.clone();
                swapped.reinsert(&mut doc);
                reads(&doc)
            })
        };
        fn halve(places: &[usize], probe: &dyn Fn(&[usize]) -> bool, unread: &mut Vec<bool>) {
            if places.is_empty() {
                return;
            }
            if probe(places) {
                for &i in places {
                    unread[i] = true;
                }
            } else if places.len() > 1 {
                let (a, b) = places.split_at(places.len() / 2);
                halve(a, probe, unread);
                halve(b, probe, unread);
            }
        }
        let mut unread = vec![false; representatives.len()];
        let all: Vec<usize> = (0..representatives.len()).collect();
        halve(&all, &probe, &mut unread);
        UnknownFields {
            fields: self
                .fields
                .iter()
                .zip(places)
                .filter(|(_, place)| unread[*place])
                .map(|(f, _)| f.clone())
                .collect(),
        }
    }

    /// Without the fields of `candidates` that the model reads (not in `unread`, see
    /// [`UnknownFields::not_read`]) and that hold a plain value: a string, number or boolean the
    /// model read and did not write is at the model's default, so it is the model's to write.
    /// An object or array is kept: it may hold fields the model does not know.
    pub fn without_read_values(&self, candidates: &UnknownFields, unread: &UnknownFields) -> Self {
        // A place and key name one field of a document; looked up, not searched, so a portfolio
        // of thousands of accounts each with such a field is not compared pair by pair.
        fn places(u: &UnknownFields) -> HashSet<(&[Step], &str)> {
            u.fields
                .iter()
                .map(|f| (&f.parent[..], &f.key[..]))
                .collect()
        }
        let (candidates, unread) = (places(candidates), places(unread));
        let read = |f: &Field| {
            let place = (&f.parent[..], &f.key[..]);
            !matches!(f.value, Value::Object(_) | Value::Array(_))
                && candidates.contains(&place)
                && !unread.contains(&place)
        };
        UnknownFields {
            fields: self.fields.iter().filter(|f| !read(f)).cloned().collect(),
        }
    }

    /// Puts each kept field back into `out` (a freshly serialised document)
    /// where its parent still exists and the key is absent. A field whose
    /// parent is gone (its account was deleted) is dropped, and a key the
    /// model now writes is never overwritten.
    ///
    /// A recorded value may occasionally be a known field the model skipped
    /// as default (e.g. a `0`); putting it back only where the key is absent
    /// is harmless, since loading reads it as that same default.
    pub fn reinsert(&self, out: &mut Value) {
        if self.fields.is_empty() {
            return;
        }
        // Group by parent first so each array's id index is built once, not
        // once per field: 10,000 accounts each with a field stays linear.
        let mut root = Tree::default();
        for f in &self.fields {
            let mut node = &mut root;
            for step in &f.parent {
                node = node.below.entry(step).or_default();
            }
            node.here.push((&f.key, &f.value));
        }
        root.apply(out);
    }
}

/// Depth-first diff of `raw` against `known`; `path` leads to both.
fn collect(
    raw: &Value,
    known: &Value,
    ignore: &[&str],
    path: &mut Vec<Step>,
    found: &mut Vec<Field>,
) {
    match (raw, known) {
        (Value::Object(r), Value::Object(k)) => {
            for (key, rv) in r {
                if ignore.contains(&key.as_str()) {
                    continue;
                }
                match k.get(key) {
                    Some(kv) if is_container(rv) => {
                        path.push(Step::Key(key.clone()));
                        collect(rv, kv, &[], path, found);
                        path.pop();
                    }
                    Some(_) => {}
                    None if !is_empty(rv) => found.push(Field {
                        parent: path.clone(),
                        key: key.clone(),
                        value: rv.clone(),
                    }),
                    None => {}
                }
            }
        }
        (Value::Array(r), Value::Array(k)) => {
            if !r.iter().any(is_container) {
                return;
            }
            let by_id = index_by_id(k);
            for (i, rv) in r.iter().enumerate() {
                if !is_container(rv) {
                    continue;
                }
                if let Some((step, kv)) = match_element(i, rv, k, &by_id) {
                    path.push(step);
                    collect(rv, kv, &[], path, found);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// The element of `known` that raw element `i` (`rv`) corresponds to.
fn match_element<'k>(
    i: usize,
    rv: &Value,
    known: &'k [Value],
    by_id: &HashMap<String, usize>,
) -> Option<(Step, &'k Value)> {
    match id_of(rv) {
        Some(id) => match by_id.get(&id).and_then(|&j| known.get(j)) {
            Some(kv) => Some((Step::Id(id), kv)),
            // No element with this id: deleted, unless this model writes no
            // ids here at all (the id is itself a newer field), in which
            // case position is all there is to go on.
            None => known
                .get(i)
                .filter(|kv| id_of(kv).is_none())
                .map(|kv| (Step::Index(i), kv)),
        },
        None => known.get(i).map(|kv| (Step::Index(i), kv)),
    }
}

/// The JSON text of an element's `"id"`, if it is an object with a string or
/// number id. JSON text keeps `3` and `"3"` apart.
fn id_of(v: &Value) -> Option<String> {
    match v.as_object()?.get("id")? {
        id @ (Value::String(_) | Value::Number(_)) => Some(id.to_string()),
        _ => None,
    }
}

/// Position of each id in `items`; the first wins if an id repeats.
fn index_by_id(items: &[Value]) -> HashMap<String, usize> {
    let mut by_id = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(id) = id_of(item) {
            by_id.entry(id).or_insert(i);
        }
    }
    by_id
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Object(_) | Value::Array(_))
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

fn push_key(s: &mut String, key: &str) {
    // Also after `[...]`: `accounts[id=3].tier`.
    if !s.is_empty() {
        s.push('.');
    }
    if key.is_empty() {
        s.push_str("\"\"");
        return;
    }
    for c in key.chars() {
        if matches!(c, '\\' | '.' | '[' | '"') {
            s.push('\\');
        }
        s.push(c);
    }
}

/// The kept fields grouped by parent path. A `BTreeMap` so that when two
/// steps reach the same element the outcome does not depend on hashing.
#[derive(Default)]
struct Tree<'a> {
    here: Vec<(&'a str, &'a Value)>,
    below: BTreeMap<&'a Step, Tree<'a>>,
}

impl Tree<'_> {
    fn apply(&self, out: &mut Value) {
        match out {
            Value::Object(map) => {
                for &(key, value) in &self.here {
                    insert_if_absent(map, key, value);
                }
                for (step, child) in &self.below {
                    if let Step::Key(k) = step {
                        if let Some(v) = map.get_mut(k.as_str()) {
                            child.apply(v);
                        }
                    }
                }
            }
            Value::Array(items) => {
                let by_id = if self.below.keys().any(|s| matches!(s, Step::Id(_))) {
                    index_by_id(items)
                } else {
                    HashMap::new()
                };
                for (step, child) in &self.below {
                    let at = match step {
                        Step::Index(i) => Some(*i),
                        Step::Id(id) => by_id.get(id).copied(),
                        Step::Key(_) => None,
                    };
                    if let Some(item) = at.and_then(|j| items.get_mut(j)) {
                        child.apply(item);
                    }
                }
            }
            _ => {}
        }
    }
}

fn insert_if_absent(map: &mut Map<String, Value>, key: &str, value: &Value) {
    if !map.contains_key(key) {
        map.insert(key.to_string(), value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `find` then `reinsert` into `out`.
    fn round_trip(raw: &Value, known: &Value, out: &mut Value) -> UnknownFields {
        let unknown = UnknownFields::find(raw, known, &[]);
        unknown.reinsert(out);
        unknown
    }

    #[test]
    fn unknown_top_level_field_is_kept() {
        let raw = json!({"schema": 1, "theme": "dark"});
        let known = json!({"schema": 1});
        let mut out = known.clone();
        let unknown = round_trip(&raw, &known, &mut out);
        assert_eq!(unknown.paths(), ["theme"]);
        assert_eq!(out, raw);
    }

    #[test]
    fn account_field_follows_its_account_when_others_move_or_go() {
        let raw = json!({"portfolio": {"accounts": [
            {"id": 1, "name": "A", "tier": "gold"},
            {"id": 2, "name": "B", "tier": "silver"},
            {"id": 3, "name": "C", "tier": "bronze"},
        ]}});
        let known = json!({"portfolio": {"accounts": [
            {"id": 1, "name": "A"}, {"id": 2, "name": "B"}, {"id": 3, "name": "C"},
        ]}});
        let unknown = UnknownFields::find(&raw, &known, &[]);
        // Account 1 deleted, 3 moved to the front.
        let mut out = json!({"portfolio": {"accounts": [
            {"id": 3, "name": "C"}, {"id": 2, "name": "B"},
        ]}});
        unknown.reinsert(&mut out);
        assert_eq!(
            out,
            json!({"portfolio": {"accounts": [
                {"id": 3, "name": "C", "tier": "bronze"},
                {"id": 2, "name": "B", "tier": "silver"},
            ]}})
        );
    }

    #[test]
    fn field_of_a_deleted_account_is_dropped() {
        let raw = json!({"accounts": [{"id": 7, "tier": "gold"}]});
        let known = json!({"accounts": [{"id": 7}]});
        let unknown = UnknownFields::find(&raw, &known, &[]);
        // A new account at the same index must not inherit the field.
        let mut out = json!({"accounts": [{"id": 8}]});
        unknown.reinsert(&mut out);
        assert_eq!(out, json!({"accounts": [{"id": 8}]}));
        let mut emptied = json!({"accounts": []});
        unknown.reinsert(&mut emptied);
        assert_eq!(emptied, json!({"accounts": []}));
    }

    #[test]
    fn a_raw_id_the_model_does_not_write_matches_by_position() {
        let raw = json!({"items": [{"id": "x", "n": 1}, {"id": "y", "n": 2}]});
        let known = json!({"items": [{"n": 1}, {"n": 2}]});
        let mut out = known.clone();
        let unknown = round_trip(&raw, &known, &mut out);
        assert_eq!(unknown.paths(), ["items[0].id", "items[1].id"]);
        assert_eq!(out, raw);
    }

    #[test]
    fn a_key_the_model_now_writes_is_not_overwritten() {
        let raw = json!({"a": {"colour": "red"}, "accounts": [{"id": 1, "tier": "gold"}]});
        let known = json!({"a": {}, "accounts": [{"id": 1}]});
        let unknown = UnknownFields::find(&raw, &known, &[]);
        let mut out = json!({"a": {"colour": "blue"}, "accounts": [{"id": 1, "tier": 2}]});
        unknown.reinsert(&mut out);
        assert_eq!(
            out,
            json!({"a": {"colour": "blue"}, "accounts": [{"id": 1, "tier": 2}]})
        );
    }

    #[test]
    fn empty_values_are_not_recorded() {
        let raw = json!({"a": null, "b": "", "c": [], "d": {}, "e": 0, "f": false,
            "g": {"h": null, "i": [""]}});
        let known = json!({"g": {}});
        let unknown = UnknownFields::find(&raw, &known, &[]);
        // Zero and false are values, and `[""]` is not empty.
        assert_eq!(unknown.paths(), ["e", "f", "g.i"]);
        let mut out = json!({});
        unknown.reinsert(&mut out);
        assert_eq!(out, json!({"e": 0, "f": false}));
    }

    #[test]
    fn ignored_top_level_keys_are_not_recorded() {
        let raw = json!({"revision": 4, "x": {"revision": 5}});
        let known = json!({"x": {}});
        let unknown = UnknownFields::find(&raw, &known, &["revision"]);
        // Only the top level is the caller's.
        assert_eq!(unknown.paths(), ["x.revision"]);
        assert!(UnknownFields::find(&raw, &raw, &["revision"]).is_empty());
        assert!(UnknownFields::find(&json!({"revision": 4}), &json!({}), &["revision"]).is_empty());
    }

    #[test]
    fn deep_nesting_is_followed() {
        let raw = json!({"audit": {"entries": {"A1.01": {
            "score": 3,
            "actions": [{"id": "p1", "text": "t", "due": {"day": 4, "tz": "UTC"}}],
            "colour": "teal",
        }}}});
        let known = json!({"audit": {"entries": {"A1.01": {
            "score": 3,
            "actions": [{"id": "p1", "text": "t", "due": {"day": 4}}],
        }}}});
        let mut out = known.clone();
        let unknown = round_trip(&raw, &known, &mut out);
        assert_eq!(
            unknown.paths(),
            [
                r#"audit.entries.A1\.01.actions[id="p1"].due.tz"#,
                r"audit.entries.A1\.01.colour",
            ]
        );
        assert_eq!(out, raw);
    }

    #[test]
    fn type_mismatch_stops_the_descent() {
        let raw = json!({"a": {"b": 1}, "c": [{"d": 1}]});
        let known = json!({"a": [1], "c": {"e": 2}});
        assert!(UnknownFields::find(&raw, &known, &[]).is_empty());
        // Nor does `reinsert` write into a parent of the wrong type.
        let unknown = UnknownFields::find(&raw, &json!({"a": {}, "c": [{}]}), &[]);
        let mut out = json!({"a": [], "c": {}});
        unknown.reinsert(&mut out);
        assert_eq!(out, json!({"a": [], "c": {}}));
    }

    #[test]
    fn each_place_is_probed_once_however_many_elements_it_has() {
        // 1,000 accounts, each with a field the model reads (left out of
        // `known` as a default would be) and every tenth with one it does not.
        let accounts: Vec<Value> = (0..1000)
            .map(|i| {
                let mut a = json!({"id": i, "stage": "first"});
                if i % 10 == 0 {
                    a["tier"] = json!("gold");
                }
                a
            })
            .collect();
        let raw = json!({"accounts": accounts});
        let known = json!({"accounts": (0..1000).map(|i| json!({"id": i})).collect::<Vec<_>>()});
        let unknown = UnknownFields::find(&raw, &known, &[]);
        assert_eq!(unknown.paths().len(), 1100);
        // The model: accounts read "stage" as a string and nothing else.
        let reads_calls = std::cell::Cell::new(0);
        let reads = |doc: &Value| {
            reads_calls.set(reads_calls.get() + 1);
            doc["accounts"].as_array().is_some_and(|a| {
                a.iter()
                    .all(|x| x.get("stage").is_none_or(Value::is_string))
            })
        };
        let named = unknown.not_read(&known, reads);
        assert_eq!(named.paths().len(), 100);
        assert!(named.paths().iter().all(|p| p.ends_with("].tier")));
        // Two places, so at most the whole set and each place, two probes each.
        assert!(reads_calls.get() <= 6, "{} reads", reads_calls.get());
    }

    #[test]
    fn paths_are_readable_and_unambiguous() {
        let raw = json!({
            "portfolio": {"accounts": [{"id": 3, "tier": "gold"}, {"id": "3", "tier": "x"}]},
            "list": [{"k": 1}, {"k": 2, "new": true}],
            "odd": {"a.b": 1, "[c]": 2, "": 3, "d\\\"": 4},
        });
        let known = json!({
            "portfolio": {"accounts": [{"id": 3}, {"id": "3"}]},
            "list": [{"k": 1}, {"k": 2}],
            "odd": {},
        });
        let unknown = UnknownFields::find(&raw, &known, &[]);
        let mut paths = unknown.paths();
        paths.sort();
        assert_eq!(
            paths,
            [
                "list[1].new",
                "odd.\"\"",
                r"odd.\[c]",
                r"odd.a\.b",
                r#"odd.d\\\""#,
                r#"portfolio.accounts[id="3"].tier"#,
                "portfolio.accounts[id=3].tier",
            ]
        );
    }

    #[test]
    fn many_accounts_round_trip() {
        let n = 10_000;
        let raw = json!({"accounts": (0..n).map(|i| json!({"id": i, "tier": i % 3 + 1})).collect::<Vec<_>>()});
        let known = json!({"accounts": (0..n).map(|i| json!({"id": i})).collect::<Vec<_>>()});
        let unknown = UnknownFields::find(&raw, &known, &[]);
        assert_eq!(unknown.paths().len(), n);
        // Reversed, so nothing matches by position.
        let mut out =
            json!({"accounts": (0..n).rev().map(|i| json!({"id": i})).collect::<Vec<_>>()});
        unknown.reinsert(&mut out);
        let expected = json!({"accounts": (0..n).rev().map(|i| json!({"id": i, "tier": i % 3 + 1})).collect::<Vec<_>>()});
        assert_eq!(out, expected);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        fn key() -> impl Strategy<Value = String> + Clone {
            prop::sample::select(vec!["a", "b", "c.d", "e[0]", "", "f\\"]).prop_map(String::from)
        }

        fn leaf() -> impl Strategy<Value = Value> {
            prop_oneof![
                Just(Value::Null),
                Just(json!("")),
                Just(json!([])),
                Just(json!({})),
                any::<i32>().prop_map(Value::from),
                any::<bool>().prop_map(Value::from),
                prop::sample::select(vec!["x", "y z"]).prop_map(Value::from),
            ]
        }

        fn document() -> impl Strategy<Value = Value> {
            let value = leaf().prop_recursive(4, 64, 5, |inner| {
                let object = prop::collection::btree_map(key(), inner.clone(), 0..5);
                prop_oneof![
                    object
                        .clone()
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                    prop::collection::vec(inner, 0..4).prop_map(Value::Array),
                    // Elements with unique ids, as accounts have.
                    prop::collection::vec(object, 0..4).prop_map(|items| {
                        Value::Array(
                            items
                                .into_iter()
                                .enumerate()
                                .map(|(i, m)| {
                                    let mut o: Map<String, Value> = m.into_iter().collect();
                                    o.insert("id".into(), json!(i * 7 + 1));
                                    Value::Object(o)
                                })
                                .collect(),
                        )
                    }),
                ]
            });
            prop::collection::btree_map(key(), value, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
        }

        /// Walks `raw` dropping each key whose next `drop` bit is set, giving
        /// (`known`: those keys removed, `expected`: only the empty ones
        /// removed). A dropped key's subtree consumes no bits.
        fn split(raw: &Value, drop: &mut impl Iterator<Item = bool>) -> (Value, Value) {
            match raw {
                Value::Object(m) => {
                    let (mut known, mut expected) = (Map::new(), Map::new());
                    for (k, v) in m {
                        if drop.next().unwrap_or(false) {
                            if !is_empty(v) {
                                expected.insert(k.clone(), v.clone());
                            }
                        } else {
                            let (kv, ev) = split(v, drop);
                            known.insert(k.clone(), kv);
                            expected.insert(k.clone(), ev);
                        }
                    }
                    (Value::Object(known), Value::Object(expected))
                }
                Value::Array(items) => {
                    let (known, expected) = items.iter().map(|v| split(v, drop)).unzip();
                    (Value::Array(known), Value::Array(expected))
                }
                v => (v.clone(), v.clone()),
            }
        }

        proptest! {
            #[test]
            fn find_then_reinsert_restores_raw_minus_empties(
                raw in document(),
                bits in prop::collection::vec(any::<bool>(), 1..40),
            ) {
                let (known, expected) = split(&raw, &mut bits.into_iter().cycle());
                let unknown = UnknownFields::find(&raw, &known, &[]);
                let mut out = known.clone();
                unknown.reinsert(&mut out);
                prop_assert_eq!(&out, &expected);
                prop_assert!(UnknownFields::find(&raw, &raw, &[]).is_empty());
            }
        }
    }
}
