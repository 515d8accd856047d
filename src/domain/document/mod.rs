//! The stored form of a workspace: the workspace, a revision counter that
//! lets two tabs notice each other's writes, and any fields written by a
//! newer version, kept as they were.

pub mod unknown;

use super::workspace::{DocumentError, Workspace};
use serde::Deserialize;
pub use unknown::UnknownFields;

/// The top-level key of the revision counter. It belongs to the stored
/// document, not to the workspace, so it is never an unknown field.
pub const REVISION_FIELD: &str = "revision";

/// A workspace as read from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    /// Bumped by every write; 0 for a document written before revisions.
    pub revision: u64,
    pub workspace: Workspace,
    pub unknown: UnknownFields,
}

impl StoredDocument {
    /// Reads a stored document (any schema this version can migrate).
    pub fn parse(json: &str) -> Result<Self, DocumentError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| DocumentError::NotJson(e.to_string()))?;
        let revision = value
            .get(REVISION_FIELD)
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        let (workspace, raw) = Workspace::from_value(value)?;
        let known = serde_json::to_value(&workspace).map_err(|e| DocumentError::Invalid {
            schema: workspace.schema,
            detail: e.to_string(),
        })?;
        let unknown = UnknownFields::find(&raw, &known, &[REVISION_FIELD]);
        Ok(StoredDocument {
            revision,
            workspace,
            unknown,
        })
    }

    /// The JSON to store for this document.
    pub fn to_json(&self) -> String {
        write_document(&self.workspace.to_json(), self.revision, &self.unknown)
    }
}

/// The stored JSON for a workspace already serialised as `body` (an object,
/// as `Workspace::to_json` writes it) at `revision`, with the unknown fields
/// put back. The body is reused so a save serialises the workspace once.
pub fn write_document(body: &str, revision: u64, unknown: &UnknownFields) -> String {
    if !unknown.is_empty() {
        if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(body) {
            unknown.reinsert(&mut value);
            if let Some(map) = value.as_object_mut() {
                map.insert(REVISION_FIELD.to_string(), revision.into());
            }
            return value.to_string();
        }
    }
    match body.strip_prefix('{') {
        // `{"revision":N,` + the body's own fields.
        Some(rest) if rest.trim_start() != "}" => {
            format!("{{\"{REVISION_FIELD}\":{revision},{rest}")
        }
        _ => format!("{{\"{REVISION_FIELD}\":{revision}}}"),
    }
}

/// The revision of a stored document, read without building the workspace:
/// checked before every write.
pub fn stored_revision(json: &str) -> Result<u64, DocumentError> {
    // Fast path for what `write_document` writes, so a save does not
    // re-parse megabytes of accounts just to read one number.
    if let Some(rest) = json.strip_prefix(&format!("{{\"{REVISION_FIELD}\":")) {
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if rest[end..].starts_with([',', '}']) {
            if let Ok(revision) = rest[..end].parse() {
                return Ok(revision);
            }
        }
    }
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        revision: u64,
    }
    serde_json::from_str::<Head>(json)
        .map(|h| h.revision)
        .map_err(|e| DocumentError::NotJson(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::Score;

    fn scored() -> Workspace {
        let mut ws = Workspace::default();
        ws.audit.set_score("A1.01", Some(Score::new(3).unwrap()));
        ws
    }

    #[test]
    fn revision_round_trips_and_stays_out_of_the_workspace() {
        let doc = StoredDocument {
            revision: 41,
            workspace: scored(),
            unknown: UnknownFields::default(),
        };
        let json = doc.to_json();
        assert!(json.starts_with("{\"revision\":41,\"schema\":2"), "{json}");
        assert_eq!(stored_revision(&json), Ok(41));
        let back = StoredDocument::parse(&json).unwrap();
        assert_eq!(back, doc);
        assert!(back.unknown.is_empty());
    }

    #[test]
    fn a_document_from_before_revisions_is_revision_0() {
        let old = scored().to_json();
        assert_eq!(stored_revision(&old), Ok(0));
        assert_eq!(StoredDocument::parse(&old).unwrap().revision, 0);
    }

    #[test]
    fn unknown_fields_survive_a_save() {
        let stored = r#"{"revision":3,"schema":1,"theme":"dark",
            "portfolio":{"accounts":[{"id":1,"name":"Acme","tier":"gold"}],"next_id":2}}"#;
        let mut doc = StoredDocument::parse(stored).unwrap();
        assert!(!doc.unknown.is_empty());
        doc.workspace.portfolio.accounts[0].name = "Acme plc".into();
        doc.revision = 4;
        let saved: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        assert_eq!(saved["theme"], "dark");
        assert_eq!(saved["revision"], 4);
        assert_eq!(saved["portfolio"]["accounts"][0]["tier"], "gold");
        assert_eq!(saved["portfolio"]["accounts"][0]["name"], "Acme plc");
    }

    #[test]
    fn revision_is_read_from_the_head_or_from_anywhere() {
        assert_eq!(stored_revision(r#"{"revision":12,"schema":1}"#), Ok(12));
        assert_eq!(stored_revision(r#"{"revision":12}"#), Ok(12));
        assert_eq!(stored_revision(r#"{"schema":1,"revision":5}"#), Ok(5));
        assert_eq!(stored_revision(r#"{ "revision" : 6 }"#), Ok(6));
        for bad in [
            r#"{"revision":-1,"schema":1}"#,
            r#"{"revision":99999999999999999999999}"#,
        ] {
            assert!(
                matches!(stored_revision(bad), Err(DocumentError::NotJson(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn amounts_come_back_to_the_last_digit() {
        // Without serde_json's float_roundtrip, this came back one unit in the last place off.
        let mut ws = Workspace::default();
        let mut acme = crate::domain::portfolio::KeyAccount::new("Acme");
        acme.revenue = Some(981_185_800.290_645_7);
        acme.category_spend = Some(0.1 + 0.2);
        ws.portfolio.add_account(acme).unwrap();
        let doc = StoredDocument {
            revision: 1,
            workspace: ws,
            unknown: UnknownFields::default(),
        };
        assert_eq!(StoredDocument::parse(&doc.to_json()).unwrap(), doc);
    }

    #[test]
    fn revision_of_garbage_is_an_error() {
        assert!(matches!(
            stored_revision("not json"),
            Err(DocumentError::NotJson(_))
        ));
    }

    #[test]
    fn write_document_handles_an_empty_object() {
        assert_eq!(
            write_document("{}", 2, &UnknownFields::default()),
            r#"{"revision":2}"#
        );
    }
}
