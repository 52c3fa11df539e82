//! The change history as a hash chain (docs/FORMAT.md §9.2).
//!
//! Entry *n* (1-based, in key order) links to entry *n − 1* by
//! `hash = SHA-256(JSON [prev_hash, n, at, action, target, before, after, reason, merged])`, with
//! [`GENESIS`] before the first. Each entry stores its `seq` (= *n*) and `hash`; changing any
//! entry, dropping one or reordering them breaks every later link. Entries written before the
//! chain existed carry no seal: they are allowed only before the first sealed entry, and are
//! still covered, since the first sealed hash is computed over the chain through them.

use serde_json::Value;

use super::normal::sha256_hex;

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of a history entry, in the order the hash reads them. Any other field (besides
/// `seq` and `hash`) is not covered by the chain, so verify refuses it.
pub const FIELDS: [&str; 7] = ["at", "action", "target", "before", "after", "reason", "merged"];

/// One link of the chain: an entry's position and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// 1-based position in the history.
    pub seq: u64,
    /// Lower-case hex SHA-256.
    pub hash: String,
}

impl Link {
    /// A short form people can compare by eye or write on a signed sheet: `#seq·first 12 hex`.
    pub fn short(&self) -> String {
        format!("#{}·{}", self.seq, &self.hash[..self.hash.len().min(12)])
    }
}

/// The link of `entry` after `prev` (`None`: the first entry).
pub fn next(prev: Option<&Link>, entry: &Value) -> Link {
    let (seq, prev_hash) = match prev {
        Some(link) => (link.seq + 1, link.hash.as_str()),
        None => (1, GENESIS),
    };
    let mut parts = vec![Value::from(prev_hash), Value::from(seq)];
    parts.extend(FIELDS.iter().map(|f| entry.get(*f).filter(|v| !v.is_null()).cloned().unwrap_or(Value::Null)));
    Link { seq, hash: sha256_hex(Value::Array(parts).to_string().as_bytes()) }
}

/// The seal an entry carries, if it has a whole `seq` and a `hash` text.
pub fn stored_link(entry: &Value) -> Option<Link> {
    let seq = entry.get("seq").and_then(whole)?;
    let hash = entry.get("hash").and_then(Value::as_str)?;
    Some(Link { seq, hash: hash.to_string() })
}

fn whole(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| value.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64))
}

/// Writes `link` into `entry` (an object).
pub fn seal(entry: &mut Value, link: &Link) {
    if let Value::Object(fields) = entry {
        fields.insert("seq".into(), link.seq.into());
        fields.insert("hash".into(), link.hash.clone().into());
    }
}

/// The head of a history (its entries in key order) to append after: the last entry's own seal
/// when it has one, otherwise the chain computed through every entry.
pub fn head(entries: &[Value]) -> Option<Link> {
    if let Some(link) = entries.last().and_then(stored_link) {
        return Some(link);
    }
    entries.iter().fold(None, |prev, entry| Some(stored_link(entry).unwrap_or_else(|| next(prev.as_ref(), entry))))
}

/// Where a history stops being trustworthy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// Entry `entry` has no seal (or half of one) after sealed entries.
    Unsealed {
        /// 1-based position.
        entry: u64,
    },
    /// Entry `entry` says it is number `found`: an entry was removed, added or moved.
    Sequence {
        /// 1-based position.
        entry: u64,
        /// What its number is.
        found: u64,
    },
    /// Entry `entry`'s content is not what was sealed.
    Altered {
        /// 1-based position.
        entry: u64,
    },
    /// Entry `entry` has a field the chain does not cover.
    UnknownField {
        /// 1-based position.
        entry: u64,
        /// The field.
        field: String,
    },
    /// Entry `entry` is not an object.
    NotAnEntry {
        /// 1-based position.
        entry: u64,
    },
}

/// What a sound chain holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChainSummary {
    /// Entries in all.
    pub entries: u64,
    /// Of them, entries from before the chain (covered through the first seal).
    pub legacy: u64,
    /// The last link (none for an empty history).
    pub head: Option<Link>,
}

/// Checks the chain over `entries` (in key order): every seal recomputed.
pub fn verify(entries: &[Value]) -> Result<ChainSummary, ChainBreak> {
    let mut prev: Option<Link> = None;
    let mut summary = ChainSummary::default();
    let mut sealed_seen = false;
    for (index, entry) in entries.iter().enumerate() {
        let position = index as u64 + 1;
        let Value::Object(fields) = entry else { return Err(ChainBreak::NotAnEntry { entry: position }) };
        if let Some(field) = fields.keys().find(|k| !FIELDS.contains(&k.as_str()) && *k != "seq" && *k != "hash") {
            return Err(ChainBreak::UnknownField { entry: position, field: field.clone() });
        }
        let expected = next(prev.as_ref(), entry);
        match stored_link(entry) {
            Some(link) => {
                sealed_seen = true;
                if link.seq != expected.seq {
                    return Err(ChainBreak::Sequence { entry: position, found: link.seq });
                }
                if link.hash != expected.hash {
                    return Err(ChainBreak::Altered { entry: position });
                }
            }
            None if !sealed_seen && !fields.contains_key("seq") && !fields.contains_key("hash") => summary.legacy += 1,
            None => return Err(ChainBreak::Unsealed { entry: position }),
        }
        prev = Some(expected);
    }
    summary.entries = entries.len() as u64;
    summary.head = prev;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(n: u32) -> Value {
        json!({"at": format!("2026-01-0{n}T00:00:00Z"), "action": "org.create", "target": format!("b{n}"), "after": "{}"})
    }

    /// A history of `n` entries sealed as the store writes them.
    fn sealed(n: u32) -> Vec<Value> {
        let mut entries: Vec<Value> = Vec::new();
        for i in 1..=n {
            let mut e = entry(i);
            let link = next(head(&entries).as_ref(), &e);
            seal(&mut e, &link);
            entries.push(e);
        }
        entries
    }

    #[test]
    fn a_sealed_history_verifies_and_names_its_head() {
        let entries = sealed(4);
        let summary = verify(&entries).unwrap();
        assert_eq!((summary.entries, summary.legacy), (4, 0));
        assert_eq!(summary.head, stored_link(&entries[3]));
        assert_eq!(verify(&[]).unwrap(), ChainSummary::default());
    }

    #[test]
    fn every_kind_of_tampering_is_found_at_its_entry() {
        type Tamper = fn(&mut Vec<Value>);
        let cases: [(&str, Tamper, ChainBreak); 7] = [
            ("edit a field", |h| h[1]["after"] = json!("{\"x\":1}"), ChainBreak::Altered { entry: 2 }),
            ("edit a reason in", |h| h[2]["reason"] = json!("改"), ChainBreak::Altered { entry: 3 }),
            ("drop an entry", |h| drop(h.remove(1)), ChainBreak::Sequence { entry: 2, found: 3 }),
            ("swap two", |h| h.swap(0, 1), ChainBreak::Sequence { entry: 1, found: 2 }),
            ("strip a seal", |h| drop(h[2].as_object_mut().unwrap().remove("hash")), ChainBreak::Unsealed { entry: 3 }),
            (
                "add a field",
                |h| drop(h[0].as_object_mut().unwrap().insert("note".into(), json!(1))),
                ChainBreak::UnknownField { entry: 1, field: "note".into() },
            ),
            ("replace by a number", |h| h[3] = json!(7), ChainBreak::NotAnEntry { entry: 4 }),
        ];
        for (what, tamper, expected) in cases {
            let mut entries = sealed(4);
            tamper(&mut entries);
            assert_eq!(verify(&entries), Err(expected), "{what}");
        }
    }

    #[test]
    fn a_resealed_edit_still_breaks_the_next_link() {
        let mut entries = sealed(3);
        entries[0]["target"] = json!("forged");
        let link = next(None, &entries[0]);
        seal(&mut entries[0], &link);
        assert_eq!(verify(&entries), Err(ChainBreak::Altered { entry: 2 }));
    }

    #[test]
    fn entries_from_before_the_chain_are_covered_by_the_first_seal() {
        let mut entries = vec![entry(1), entry(2)];
        for i in 3..=4 {
            let mut e = entry(i);
            let link = next(head(&entries).as_ref(), &e);
            seal(&mut e, &link);
            entries.push(e);
        }
        let summary = verify(&entries).unwrap();
        assert_eq!((summary.entries, summary.legacy), (4, 2));
        assert_eq!(stored_link(&entries[2]).unwrap().seq, 3);

        let mut edited = entries.clone();
        edited[0]["action"] = json!("org.delete");
        assert_eq!(verify(&edited), Err(ChainBreak::Altered { entry: 3 }));
    }

    #[test]
    fn seq_read_back_as_a_float_still_verifies() {
        let mut entries = sealed(2);
        entries[1]["seq"] = json!(2.0);
        assert!(verify(&entries).is_ok());
        assert_eq!(Link { seq: 12, hash: "abcdef0123456789".into() }.short(), "#12·abcdef012345");
    }
}
