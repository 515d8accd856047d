//! The whole app state as one versioned document: what is saved to
//! localStorage, exported and shared.

use super::assessors::Assessors;
use super::audit::Audit;
use super::check::{refused_values, set_aside, DataProblem};
use super::litmus::LitmusAnswers;
use super::portfolio::{name_key, AccountId, Portfolio};
use super::programme::Programme;
use super::snapshot::Snapshots;
use super::text::{excerpt, thousands};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The schema this build writes. Older documents are migrated on load;
/// newer ones are refused rather than half-read.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub schema: u32,
    #[serde(default = "default_name")]
    pub name: String,
    #[serde(default)]
    pub audit: Audit,
    #[serde(default)]
    pub snapshots: Snapshots,
    #[serde(default)]
    pub litmus: LitmusAnswers,
    #[serde(default)]
    pub portfolio: Portfolio,
    /// Schema 2: each assessor's scores, kept after they were merged.
    #[serde(default, skip_serializing_if = "Assessors::is_empty")]
    pub assessors: Assessors,
    /// Schema 2: the programme's start and the drivers at work.
    #[serde(default, skip_serializing_if = "Programme::is_empty")]
    pub programme: Programme,
}

fn default_name() -> String {
    "My KAM programme".to_string()
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            schema: SCHEMA_VERSION,
            name: default_name(),
            audit: Audit::default(),
            snapshots: Snapshots::default(),
            litmus: LitmusAnswers::default(),
            portfolio: Portfolio::default(),
            assessors: Assessors::default(),
            programme: Programme::default(),
        }
    }
}

/// A document as read: the workspace, and what reading it had to do.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadWorkspace {
    pub workspace: Workspace,
    /// The document as read (migrated), every value in it: fields this
    /// version does not know, and values set aside, are kept from it.
    pub raw: serde_json::Value,
    /// `raw` without the values set aside, when there were any.
    pub typed: Option<serde_json::Value>,
    /// Values the model cannot hold, named; they stay in `raw`.
    pub set_aside: Vec<DataProblem>,
}

#[derive(Debug, Clone, Error, PartialEq)]
pub enum DocumentError {
    #[error("the data is not valid JSON ({0})")]
    NotJson(String),
    #[error("the data has no schema version, so it is not a KAM Workbench workspace")]
    NoSchema,
    #[error("the data was written by a newer KAM Workbench (schema {found}; this version reads up to {supported})")]
    NewerSchema { found: u64, supported: u32 },
    #[error("the data does not match schema {schema}: {detail}")]
    Invalid { schema: u32, detail: String },
}

impl Workspace {
    /// Reads a document, migrating older schemas; a value the model cannot
    /// hold (see [`refused_values`]) is an error.
    pub fn from_json(json: &str) -> Result<Self, DocumentError> {
        let read = Self::read_json(json)?;
        match read.set_aside.first() {
            None => Ok(read.workspace),
            Some(p) => Err(DocumentError::Invalid {
                schema: SCHEMA_VERSION,
                detail: p.to_string(),
            }),
        }
    }

    /// Reads a document, migrating older schemas, with the values set aside.
    pub fn read_json(json: &str) -> Result<ReadWorkspace, DocumentError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| DocumentError::NotJson(e.to_string()))?;
        Self::from_value(value)
    }

    /// Reads a parsed document, migrating older schemas. A value the model
    /// cannot hold is set aside and named, so the rest loads.
    pub fn from_value(value: serde_json::Value) -> Result<ReadWorkspace, DocumentError> {
        let schema = value
            .get("schema")
            .and_then(serde_json::Value::as_u64)
            .ok_or(DocumentError::NoSchema)?;
        if schema > SCHEMA_VERSION as u64 {
            return Err(DocumentError::NewerSchema {
                found: schema,
                supported: SCHEMA_VERSION,
            });
        }
        let raw = migrate(value, schema);
        let invalid = |e: serde_json::Error| DocumentError::Invalid {
            schema: SCHEMA_VERSION,
            detail: e.to_string(),
        };
        let refused = refused_values(&raw);
        // Copied only when something must be set aside: `raw` keeps it.
        let typed = (!refused.is_empty()).then(|| {
            let mut typed = raw.clone();
            set_aside(&mut typed, &refused);
            typed
        });
        let workspace = Workspace::deserialize(typed.as_ref().unwrap_or(&raw)).map_err(invalid)?;
        let set_aside = refused.into_iter().map(|r| r.problem).collect();
        Ok(ReadWorkspace {
            workspace,
            raw,
            typed,
            set_aside,
        })
    }

    /// Reads what this version understands of a document written by a
    /// newer one, to show it read-only: never to be saved back.
    pub fn from_newer_json(json: &str) -> Result<Self, DocumentError> {
        let mut value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| DocumentError::NotJson(e.to_string()))?;
        if let Some(map) = value.as_object_mut() {
            map.insert("schema".into(), SCHEMA_VERSION.into());
        }
        Workspace::deserialize(&value).map_err(|e| DocumentError::Invalid {
            schema: SCHEMA_VERSION,
            detail: e.to_string(),
        })
    }

    /// See [`manager_customers`].
    pub fn manager_customers(&self) -> Vec<(String, Vec<AccountId>)> {
        manager_customers(&self.portfolio, &self.litmus)
    }

    /// The workspace borrowed as the stored document writes it.
    pub fn borrowed(&self) -> WorkspaceRef<'_> {
        WorkspaceRef {
            schema: self.schema,
            name: &self.name,
            audit: &self.audit,
            snapshots: &self.snapshots,
            litmus: &self.litmus,
            portfolio: &self.portfolio,
            assessors: &self.assessors,
            programme: &self.programme,
        }
    }

    pub fn to_json(&self) -> String {
        self.borrowed().to_json()
    }

    /// See [`WorkspaceRef::summary`].
    pub fn summary(&self) -> String {
        self.borrowed().summary()
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Each key account manager with the ids of the accounts they manage, as
/// the portfolio records them; managers who only appear in litmus answers
/// or time allocations are listed with no customers.
pub fn manager_customers(
    portfolio: &Portfolio,
    litmus: &LitmusAnswers,
) -> Vec<(String, Vec<AccountId>)> {
    // Each name keyed once: comparing every manager with every account by `same_name` made
    // the keys of a large portfolio again for each manager.
    let mut by_key: BTreeMap<String, (String, Vec<AccountId>)> = BTreeMap::new();
    for a in &portfolio.accounts {
        let m = a.key_account_manager.trim();
        if !m.is_empty() {
            by_key
                .entry(name_key(m))
                .or_insert_with(|| (m.to_string(), Vec::new()))
                .1
                .push(a.id);
        }
    }
    let mut known: BTreeSet<String> = by_key.keys().cloned().collect();
    let mut out: Vec<(String, Vec<AccountId>)> = by_key.into_values().collect();
    let others = litmus.managers.keys().cloned().chain(
        portfolio
            .manager_times
            .iter()
            .map(|t| t.manager.trim().to_string()),
    );
    for name in others {
        let key = name_key(&name);
        if !key.is_empty() && known.insert(key) {
            out.push((name, Vec::new()));
        }
    }
    out
}

/// A workspace whose parts live apart (the app keeps one signal per part),
/// borrowed to be written as one document, exactly as `Workspace` writes.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct WorkspaceRef<'a> {
    pub schema: u32,
    pub name: &'a str,
    pub audit: &'a Audit,
    pub snapshots: &'a Snapshots,
    pub litmus: &'a LitmusAnswers,
    pub portfolio: &'a Portfolio,
    #[serde(skip_serializing_if = "Assessors::is_empty")]
    pub assessors: &'a Assessors,
    #[serde(skip_serializing_if = "Programme::is_empty")]
    pub programme: &'a Programme,
}

impl WorkspaceRef<'_> {
    /// What the workspace holds, in one line, e.g. before it replaces another:
    /// `"Acme plc": 12 actions scored, 3 notes, 40 accounts, 2 snapshots`.
    pub fn summary(&self) -> String {
        let notes = self
            .audit
            .entries
            .values()
            .filter(|e| !e.note.trim().is_empty())
            .count();
        format!(
            "\"{}\": {} scored, {}, {}, {}",
            excerpt(self.name.trim()),
            counted(self.audit.scored_count(), "action", "actions"),
            counted(notes, "note", "notes"),
            counted(self.portfolio.accounts.len(), "account", "accounts"),
            counted(self.snapshots.len(), "snapshot", "snapshots"),
        )
    }

    pub fn to_json(&self) -> String {
        // Serialising plain structs with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Brings a document of an older schema up to `SCHEMA_VERSION`, one step
/// at a time; each step is tested on a fixture of its version
/// (`tests/fixtures/`).
fn migrate(mut value: serde_json::Value, from: u64) -> serde_json::Value {
    if from < 2 {
        // Schema 2 added `assessors` and `programme`, both empty by default:
        // the step only records the version, so the next one can rely on it.
        if let Some(map) = value.as_object_mut() {
            map.insert("schema".into(), 2.into());
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::Score;

    #[test]
    fn round_trip() {
        let mut ws = Workspace::default();
        ws.audit.set_score("B1.04", Some(Score::new(2).unwrap()));
        let back = Workspace::from_json(&ws.to_json()).unwrap();
        assert_eq!(back, ws);
        assert!(ws.to_json().contains("\"schema\":2"));
    }

    #[test]
    fn bad_documents_give_typed_errors() {
        assert!(matches!(
            Workspace::from_json("{nope"),
            Err(DocumentError::NotJson(_))
        ));
        assert_eq!(Workspace::from_json("{}"), Err(DocumentError::NoSchema));
        assert_eq!(
            Workspace::from_json(r#"{"schema": 9}"#),
            Err(DocumentError::NewerSchema {
                found: 9,
                supported: 2
            })
        );
        let out_of_range = r#"{"schema":1,"audit":{"entries":{"A1.01":{"score":7}}}}"#;
        let err = Workspace::from_json(out_of_range).unwrap_err();
        assert!(matches!(err, DocumentError::Invalid { .. }));
        assert!(err.to_string().contains("0, 1, 2 or 3"), "{err}");
    }

    #[test]
    fn manager_customers_follow_the_portfolio() {
        use crate::domain::litmus::Answer;
        use crate::domain::portfolio::KeyAccount;
        let mut ws = Workspace::default();
        let mut a = KeyAccount::new("Acme");
        a.key_account_manager = "Dana".into();
        let mut b = KeyAccount::new("Globex");
        b.key_account_manager = " dana ".into();
        let mut c = KeyAccount::new("Initech");
        c.key_account_manager = "Lee".into();
        let ia = ws.portfolio.add_account(a).unwrap();
        let ib = ws.portfolio.add_account(b).unwrap();
        let ic = ws.portfolio.add_account(c).unwrap();
        ws.litmus
            .set_manager("Sam", AccountId(99), 0, Some(Answer::Yes))
            .unwrap();
        let mc = ws.manager_customers();
        assert_eq!(
            mc,
            vec![
                ("Dana".to_string(), vec![ia, ib]),
                ("Lee".to_string(), vec![ic]),
                ("Sam".to_string(), vec![]),
            ]
        );
        // Beyond ASCII, one name whatever its case: no second "Müller".
        ws.portfolio.accounts[2].key_account_manager = "Müller".into();
        ws.litmus
            .set_manager("MÜLLER ", AccountId(99), 0, Some(Answer::Yes))
            .unwrap();
        let names: Vec<String> = ws.manager_customers().into_iter().map(|m| m.0).collect();
        assert_eq!(names, ["Dana", "Müller", "Sam"]);
    }

    #[test]
    fn the_borrowed_form_writes_the_same_document() {
        let mut ws = Workspace::default();
        ws.audit.set_score("C2.03", Some(Score::new(1).unwrap()));
        ws.name = "Acme programme".into();
        assert_eq!(ws.to_json(), serde_json::to_string(&ws).unwrap());
        assert_eq!(Workspace::from_json(&ws.borrowed().to_json()).unwrap(), ws);
    }

    #[test]
    fn a_newer_document_is_read_as_far_as_known() {
        let json = r#"{"schema":3,"name":"Acme","audit":{"entries":{"A1.01":{"score":2}}},"hologram":true}"#;
        assert!(matches!(
            Workspace::from_json(json),
            Err(DocumentError::NewerSchema { found: 3, .. })
        ));
        let ws = Workspace::from_newer_json(json).unwrap();
        assert_eq!(ws.name, "Acme");
        assert_eq!(ws.audit.score("A1.01").map(Score::value), Some(2));
    }

    #[test]
    fn missing_sections_default() {
        let ws = Workspace::from_json(r#"{"schema":1}"#).unwrap();
        assert_eq!(ws.audit, Audit::default());
        assert_eq!(ws.name, "My KAM programme");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::domain::litmus::Answer;
    use crate::domain::portfolio::{same_name, KeyAccount, ManagerTime};
    use proptest::prelude::*;

    /// Each manager compared with every account by `same_name`: what the keyed grouping must give.
    fn manager_customers_pairwise(
        portfolio: &Portfolio,
        litmus: &LitmusAnswers,
    ) -> Vec<(String, Vec<AccountId>)> {
        let mut out: Vec<(String, Vec<AccountId>)> = portfolio
            .managers()
            .into_iter()
            .map(|m| {
                let ids = portfolio
                    .accounts
                    .iter()
                    .filter(|a| same_name(&a.key_account_manager, &m))
                    .map(|a| a.id)
                    .collect();
                (m, ids)
            })
            .collect();
        let mut others: Vec<String> = litmus.managers.keys().cloned().collect();
        others.extend(
            portfolio
                .manager_times
                .iter()
                .map(|t| t.manager.trim().into()),
        );
        for name in others {
            if !name.trim().is_empty() && !out.iter().any(|(m, _)| same_name(m, &name)) {
                out.push((name, Vec::new()));
            }
        }
        out
    }

    const NAMES: [&str; 8] = [
        "Dana", " dana ", "Lee", "Müller", "MÜLLER", "Straße", "STRASSE", "  ",
    ];

    proptest! {
        #[test]
        fn manager_customers_group_as_comparing_every_pair_would(
            on_accounts in proptest::collection::vec(0usize..NAMES.len(), 0..40),
            in_litmus in proptest::collection::vec(0usize..NAMES.len(), 0..6),
            in_times in proptest::collection::vec(0usize..NAMES.len(), 0..6),
        ) {
            let mut ws = Workspace::default();
            for (i, &n) in on_accounts.iter().enumerate() {
                let mut a = KeyAccount::new(format!("Account {i}"));
                a.key_account_manager = NAMES[n].into();
                ws.portfolio.add_account(a).unwrap();
            }
            for &n in &in_litmus {
                if !NAMES[n].trim().is_empty() {
                    ws.litmus.set_manager(NAMES[n], AccountId(99), 0, Some(Answer::Yes)).unwrap();
                }
            }
            for &n in &in_times {
                ws.portfolio.manager_times.push(ManagerTime {
                    manager: NAMES[n].into(),
                    shares: Default::default(),
                });
            }
            prop_assert_eq!(
                manager_customers(&ws.portfolio, &ws.litmus),
                manager_customers_pairwise(&ws.portfolio, &ws.litmus)
            );
        }
    }
}
