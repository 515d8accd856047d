//! The stored form of a workspace: the workspace, a revision counter that
//! lets two tabs notice each other's writes, and any fields written by a
//! newer version, kept as they were.

pub mod unknown;

use super::check::DataProblem;
use super::workspace::{DocumentError, ReadWorkspace, Workspace};
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
    /// Fields this version does not know, and values set aside, written
    /// back with every save.
    pub unknown: UnknownFields,
    /// Where the fields this version does not know are, for messages.
    pub unknown_paths: Vec<String>,
    /// Values the model cannot hold (a score of 7), named; kept in `unknown`.
    pub set_aside: Vec<DataProblem>,
    /// The workspace as `Workspace::to_json` writes it: what a save compares with, made once.
    pub body: String,
}

impl StoredDocument {
    /// Reads a stored document (any schema this version can migrate).
    pub fn parse(json: &str) -> Result<Self, DocumentError> {
        let (revision, read) = read(json)?;
        // What this version wrote, read back whole: nothing unknown, nothing set aside. Found by
        // writing the workspace again, which a save needs anyway, instead of comparing the two
        // as trees (most of the work of reading, and of the code run at start).
        let body = read.workspace.to_json();
        if read.set_aside.is_empty() && as_written(json, revision) == Some(&body[1..]) {
            return Ok(StoredDocument {
                revision,
                workspace: read.workspace,
                unknown: UnknownFields::default(),
                unknown_paths: Vec::new(),
                set_aside: Vec::new(),
                body,
            });
        }
        Self::compared(revision, read, body)
    }

    /// The document read field by field against what the model holds: the fields this version
    /// does not know, and the values it set aside, are kept to be written back; `body` is the
    /// workspace as `Workspace::to_json` writes it. Not inlined:
    /// the browser compiles a function whole the first time it runs, and a returning user's
    /// start does not come here.
    #[inline(never)]
    fn compared(revision: u64, read: ReadWorkspace, body: String) -> Result<Self, DocumentError> {
        let known = serde_json::to_value(&read.workspace).map_err(|e| DocumentError::Invalid {
            schema: read.workspace.schema,
            detail: e.to_string(),
        })?;
        // Kept from the document as read, set-aside values included (but for plain values the
        // model reads, below)…
        let unknown = UnknownFields::find(&read.raw, &known, &[REVISION_FIELD]);
        // …and named apart from them (named as refused values), leaving out
        // known fields the model skips as default.
        let without_set_aside;
        let not_set_aside = match &read.typed {
            None => &unknown,
            Some(typed) => {
                without_set_aside = UnknownFields::find(typed, &known, &[REVISION_FIELD]);
                &without_set_aside
            }
        };
        let unread = (!not_set_aside.is_empty())
            .then(|| not_set_aside.not_read(&known, |doc| Workspace::deserialize(doc).is_ok()));
        // Known fields the model left out as default are its own to write: not kept.
        let kept = unread
            .as_ref()
            .map(|unread| unknown.without_read_values(not_set_aside, unread));
        let unknown_paths = unread.map_or_else(Vec::new, |unread| unread.paths());
        let unknown = kept.unwrap_or(unknown);
        Ok(StoredDocument {
            revision,
            workspace: read.workspace,
            unknown,
            unknown_paths,
            set_aside: read.set_aside,
            body,
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

/// The revision and the workspace of a stored document.
fn read(json: &str) -> Result<(u64, ReadWorkspace), DocumentError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| DocumentError::NotJson(e.to_string()))?;
    let revision = value
        .get(REVISION_FIELD)
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    Ok((revision, Workspace::from_value(value)?))
}

/// What follows the opening brace in `json` if it is a document as `write_document` writes it
/// with no unknown fields, at `revision`: the body's fields, then its closing brace.
fn as_written(json: &str, revision: u64) -> Option<&str> {
    json.strip_prefix(&format!("{{\"{REVISION_FIELD}\":{revision},"))
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
            unknown_paths: Vec::new(),
            set_aside: Vec::new(),
            body: scored().to_json(),
        };
        let json = doc.to_json();
        assert!(json.starts_with("{\"revision\":41,\"schema\":2"), "{json}");
        assert_eq!(stored_revision(&json), Ok(41));
        let back = StoredDocument::parse(&json).unwrap();
        assert_eq!(back, doc);
        assert!(back.unknown.is_empty());
    }

    /// Reading what this version wrote by writing it again gives what comparing it field by
    /// field gives; anything else it wrote differently is compared.
    #[test]
    fn a_document_read_back_whole_is_read_as_when_compared() {
        let mut ws = scored();
        ws.audit
            .edit("A1.02", |e| e.note = "Board sponsor named".into());
        let mut acme = crate::domain::portfolio::KeyAccount::new("Acme \"plc\"");
        acme.revenue = Some(0.1 + 0.2);
        ws.portfolio.add_account(acme).unwrap();
        for (revision, ws) in [(0, Workspace::default()), (7, scored()), (12, ws)] {
            let json = write_document(&ws.to_json(), revision, &UnknownFields::default());
            let exact = StoredDocument::parse(&json).unwrap();
            assert_eq!(exact.body, ws.to_json(), "{json}");
            // Read back whole…
            assert_eq!(
                as_written(&json, revision),
                Some(&exact.body[1..]),
                "{json}"
            );
            // …as when compared.
            let (r, read) = read(&json).unwrap();
            let compared = StoredDocument::compared(r, read, ws.to_json()).unwrap();
            assert_eq!(exact, compared, "{json}");
            // The same document written another way (a space after the revision) is compared.
            let spaced = json.replacen(',', ", ", 1);
            assert_ne!(as_written(&spaced, revision), Some(&exact.body[1..]));
            assert_eq!(
                StoredDocument::parse(&spaced).unwrap(),
                compared,
                "{spaced}"
            );
        }
        let unknown = r#"{"revision":3,"schema":2,"theme":"dark"}"#;
        let doc = StoredDocument::parse(unknown).unwrap();
        assert_ne!(as_written(unknown, 3), Some(&doc.body[1..]));
        assert!(!doc.unknown.is_empty());
    }

    /// A plain value the model reads and leaves out as default (an account's stage written as
    /// "exploratory") is not kept: once saved, the document is as this version writes it. An
    /// object the model left out is kept, with the fields it does not know.
    #[test]
    fn a_known_default_is_not_kept_but_an_object_with_unknown_fields_is() {
        let stored = r#"{"revision":2,"schema":2,
            "audit":{"entries":{"A1.01":{"score":2,"plan":{"colour":"red"}},"A1.02":{"score":7}}},
            "portfolio":{"accounts":[{"id":1,"name":"Acme","current_stage":"exploratory"}],"next_id":2}}"#;
        let doc = StoredDocument::parse(stored).unwrap();
        let saved = doc.to_json();
        assert!(!saved.contains("current_stage"), "{saved}");
        let again: serde_json::Value = serde_json::from_str(&saved).unwrap();
        assert_eq!(again["audit"]["entries"]["A1.01"]["plan"]["colour"], "red");
        assert_eq!(again["audit"]["entries"]["A1.02"]["score"], 7);
        let back = StoredDocument::parse(&saved).unwrap();
        assert_eq!(back.workspace, doc.workspace);

        let stage_only = r#"{"revision":2,"schema":2,
            "portfolio":{"accounts":[{"id":1,"name":"Acme","current_stage":"exploratory"}],"next_id":2}}"#;
        let doc = StoredDocument::parse(stage_only).unwrap();
        assert!(
            doc.unknown.is_empty() && doc.unknown_paths.is_empty(),
            "{doc:?}"
        );
        let saved = doc.to_json();
        assert_eq!(as_written(&saved, 2), Some(&doc.body[1..]));
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
            body: ws.to_json(),
            workspace: ws,
            unknown: UnknownFields::default(),
            unknown_paths: Vec::new(),
            set_aside: Vec::new(),
        };
        assert_eq!(StoredDocument::parse(&doc.to_json()).unwrap(), doc);
    }

    #[test]
    fn a_score_the_model_cannot_hold_is_set_aside_named_and_kept() {
        let stored = r#"{"revision":5,"schema":2,"theme":"dark",
            "audit":{"entries":{"A1.01":{"score":7,"note":"kept"},"A1.02":{"score":2},
                "A1.03":{"score":"high","plan":{"owner":"Dana","target":9}},"A1.04":{"score":null}}},
            "snapshots":[{"id":1,"label":"Q1","taken_at":"2026-01-01","audit":{"entries":{"B1.01":{"score":4}}}}],
            "portfolio":{"accounts":[{"id":1,"name":"Acme","revenue":-5,"tier":"gold"}],"next_id":2}}"#;
        let doc = StoredDocument::parse(stored).unwrap();
        let paths: Vec<&str> = doc.set_aside.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "audit.entries.A1.01.score",
                "audit.entries.A1.03.score",
                "audit.entries.A1.03.plan.target",
                "snapshots[0].audit.entries.B1.01.score"
            ]
        );
        assert_eq!(
            doc.set_aside[0].message,
            "A1.01, the score: a score must be 0, 1, 2 or 3, not 7. It shows as not set, and the stored value is kept until you set it"
        );
        assert!(doc.set_aside[1]
            .message
            .contains("\"high\" is not a score from 0 to 3"));
        assert!(doc.set_aside[3]
            .message
            .starts_with("snapshot \"Q1\", B1.01"));
        // The rest loads; the set-aside values show as not set.
        let audit = &doc.workspace.audit;
        assert_eq!(audit.score("A1.01"), None);
        assert_eq!(audit.entry("A1.01").unwrap().note, "kept");
        assert_eq!(audit.score("A1.02").map(Score::value), Some(2));
        assert_eq!(audit.entry("A1.03").unwrap().plan.owner, "Dana");
        // Only the fields this version does not know are named as such.
        assert_eq!(
            doc.unknown_paths,
            ["portfolio.accounts[id=1].tier", "theme"]
        );
        // Saved without an edit, every value set aside or unknown is written back.
        let saved: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        let entries = &saved["audit"]["entries"];
        assert_eq!(entries["A1.01"]["score"], 7);
        assert_eq!(entries["A1.03"]["score"], "high");
        assert_eq!(entries["A1.03"]["plan"]["target"], 9);
        assert_eq!(
            saved["snapshots"][0]["audit"]["entries"]["B1.01"]["score"],
            4
        );
        assert_eq!(saved["theme"], "dark");
        assert_eq!(saved["portfolio"]["accounts"][0]["revenue"], -5.0);
        // Once the user scores the action, the new score is what is saved.
        let mut edited = doc.clone();
        edited
            .workspace
            .audit
            .set_score("A1.01", Some(Score::new(1).unwrap()));
        let saved: serde_json::Value = serde_json::from_str(&edited.to_json()).unwrap();
        assert_eq!(saved["audit"]["entries"]["A1.01"]["score"], 1);
        assert_eq!(saved["audit"]["entries"]["A1.03"]["score"], "high");
        // Read strictly (tests, fixtures), the same document is refused.
        let err = Workspace::from_json(stored).unwrap_err();
        assert!(err.to_string().contains("not 7"), "{err}");
    }

    #[test]
    fn a_known_field_left_at_its_default_is_not_named_unknown() {
        // As schema 1 wrote an account at the first stage: the model now
        // leaves the default stage out, so it differs from what it writes.
        let stored = r#"{"schema":1,"portfolio":{"accounts":[
            {"id":1,"name":"Acme","current_stage":"exploratory","target_stage":"basic","tier":"gold",
             "dmu":[{"name":"Sam","hat":"red"}]},
            {"id":2,"name":"Beta","current_stage":"exploratory","colour":{"r":1},"tags":["x"]}],"next_id":3},
            "audit":{"entries":{"A1.01":{"score":1,"plan":{"status":"not_started"}}}}}"#;
        let doc = StoredDocument::parse(stored).unwrap();
        assert_eq!(
            doc.unknown_paths,
            [
                "portfolio.accounts[id=1].dmu[0].hat",
                "portfolio.accounts[id=1].tier",
                "portfolio.accounts[id=2].colour",
                "portfolio.accounts[id=2].tags"
            ]
        );
        // Kept all the same, the known ones included.
        let saved: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        assert_eq!(saved["portfolio"]["accounts"][1]["colour"]["r"], 1);
        assert_eq!(saved["portfolio"]["accounts"][0]["dmu"][0]["hat"], "red");
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
