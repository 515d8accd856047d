//! Workspaces, one per organisation assessed: a small index document lists
//! them (id and name), and each workspace is a document of its own, so one
//! damaged workspace never takes another down. The index is only a list:
//! when it is lost or damaged it is rebuilt from the workspaces themselves.

use super::date::IsoDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// The schema of the index document.
pub const INDEX_SCHEMA: u32 = 1;

/// Longest workspace name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// The name a workspace gets when nobody named it.
pub const DEFAULT_NAME: &str = "My KAM programme";

/// A workspace's id: short, stable, safe in a storage key (`w1`, `w2`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WorkspaceId(String);

impl WorkspaceId {
    /// Reads an id from a storage key or the session: letters, digits and
    /// `-` only, 1 to 40 of them.
    pub fn parse(text: &str) -> Option<WorkspaceId> {
        let ok = !text.is_empty()
            && text.len() <= 40
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        ok.then(|| WorkspaceId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WorkspaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: WorkspaceId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<IsoDate>,
}

/// The list of workspaces, in the order the user sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceIndex {
    pub schema: u32,
    /// The number in the next new id; never reused, so an id deleted in one
    /// tab is not handed to a new workspace in another.
    pub next: u64,
    pub workspaces: Vec<IndexEntry>,
}

impl Default for WorkspaceIndex {
    fn default() -> Self {
        WorkspaceIndex {
            schema: INDEX_SCHEMA,
            next: 1,
            workspaces: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum IndexError {
    #[error("the list of workspaces is not valid JSON ({0})")]
    NotJson(String),
    #[error("the list of workspaces was written by a newer KAM Workbench (schema {0})")]
    Newer(u64),
}

/// Why a name is refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name has {0} characters; at most {MAX_NAME_CHARS}")]
    TooLong(usize),
    #[error("the name contains control characters (such as a line break), which are not allowed")]
    ControlCharacters,
}

/// A workspace name as the user typed it, trimmed and checked.
pub fn check_name(name: &str) -> Result<String, NameError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 {
        Err(NameError::Empty)
    } else if chars > MAX_NAME_CHARS {
        Err(NameError::TooLong(chars))
    } else if name.chars().any(char::is_control) {
        Err(NameError::ControlCharacters)
    } else {
        Ok(name.to_string())
    }
}

impl WorkspaceIndex {
    pub fn parse(json: &str) -> Result<WorkspaceIndex, IndexError> {
        let index: WorkspaceIndex =
            serde_json::from_str(json).map_err(|e| IndexError::NotJson(e.to_string()))?;
        if index.schema > INDEX_SCHEMA {
            return Err(IndexError::Newer(index.schema.into()));
        }
        Ok(index)
    }

    pub fn to_json(&self) -> String {
        // Plain structs with string keys: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn get(&self, id: &WorkspaceId) -> Option<&IndexEntry> {
        self.workspaces.iter().find(|e| &e.id == id)
    }

    pub fn contains(&self, id: &WorkspaceId) -> bool {
        self.get(id).is_some()
    }

    /// A fresh id, never handed out before by this index.
    pub fn new_id(&mut self) -> WorkspaceId {
        loop {
            let id = WorkspaceId(format!("w{}", self.next));
            self.next += 1;
            if !self.contains(&id) {
                return id;
            }
        }
    }

    /// Adds a workspace at the end; returns its id.
    pub fn add(&mut self, name: &str, created: Option<IsoDate>) -> WorkspaceId {
        let id = self.new_id();
        self.workspaces.push(IndexEntry {
            id: id.clone(),
            name: name.to_string(),
            created,
        });
        id
    }

    /// Lists a workspace found in storage but missing from the index, or
    /// corrects the name of one listed. Returns true when something changed.
    pub fn upsert(&mut self, id: &WorkspaceId, name: &str) -> bool {
        if let Some(n) = id
            .as_str()
            .strip_prefix('w')
            .and_then(|n| n.parse::<u64>().ok())
        {
            self.next = self.next.max(n + 1);
        }
        match self.workspaces.iter_mut().find(|e| &e.id == id) {
            Some(e) if e.name == name => false,
            Some(e) => {
                e.name = name.to_string();
                true
            }
            None => {
                self.workspaces.push(IndexEntry {
                    id: id.clone(),
                    name: name.to_string(),
                    created: None,
                });
                true
            }
        }
    }

    /// Takes a workspace out of the list; returns where it was, for undo.
    pub fn remove(&mut self, id: &WorkspaceId) -> Option<(usize, IndexEntry)> {
        let at = self.workspaces.iter().position(|e| &e.id == id)?;
        Some((at, self.workspaces.remove(at)))
    }

    /// Puts a removed workspace back where it was (or at the end).
    pub fn reinsert(&mut self, at: usize, entry: IndexEntry) {
        if self.contains(&entry.id) {
            return;
        }
        let at = at.min(self.workspaces.len());
        self.workspaces.insert(at, entry);
    }

    /// `base`, or `base (2)`, `base (3)`… : a name no listed workspace has,
    /// so two clients are never confused in the switcher.
    pub fn unique_name(&self, base: &str) -> String {
        let taken = |n: &str| {
            self.workspaces
                .iter()
                .any(|e| e.name.trim().to_lowercase() == n.to_lowercase())
        };
        let base = base.trim();
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|i| format!("{base} ({i})"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_new_and_never_reused() {
        let mut index = WorkspaceIndex::default();
        let a = index.add("Acme", None);
        let b = index.add("Globex", None);
        assert_eq!((a.as_str(), b.as_str()), ("w1", "w2"));
        index.remove(&b);
        assert_eq!(index.add("Initech", None).as_str(), "w3");
    }

    #[test]
    fn upsert_lists_what_storage_holds_and_keeps_ids_ahead() {
        let mut index = WorkspaceIndex::default();
        let w7 = WorkspaceId::parse("w7").unwrap();
        assert!(index.upsert(&w7, "Found"));
        assert!(!index.upsert(&w7, "Found"));
        assert!(index.upsert(&w7, "Renamed"));
        assert_eq!(index.get(&w7).unwrap().name, "Renamed");
        assert_eq!(index.add("Next", None).as_str(), "w8");
    }

    #[test]
    fn removed_workspaces_go_back_where_they_were() {
        let mut index = WorkspaceIndex::default();
        for n in ["A", "B", "C"] {
            index.add(n, None);
        }
        let (at, entry) = index.remove(&WorkspaceId::parse("w2").unwrap()).unwrap();
        assert_eq!(at, 1);
        index.reinsert(at, entry.clone());
        index.reinsert(at, entry);
        let names: Vec<&str> = index.workspaces.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
    }

    #[test]
    fn names_are_made_unique_whatever_the_case() {
        let mut index = WorkspaceIndex::default();
        index.add("Acme", None);
        index.add("acme (2)", None);
        assert_eq!(index.unique_name("ACME"), "ACME (3)");
        assert_eq!(index.unique_name("Globex"), "Globex");
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(check_name("  Acme plc "), Ok("Acme plc".into()));
        assert_eq!(check_name("   "), Err(NameError::Empty));
        assert_eq!(check_name(&"x".repeat(201)), Err(NameError::TooLong(201)));
        assert_eq!(check_name("a\nb"), Err(NameError::ControlCharacters));
    }

    #[test]
    fn the_index_round_trips_and_refuses_newer_or_broken_data() {
        let mut index = WorkspaceIndex::default();
        index.add("Acme", "2026-12-04".parse().ok());
        assert_eq!(WorkspaceIndex::parse(&index.to_json()), Ok(index));
        assert!(matches!(
            WorkspaceIndex::parse("{"),
            Err(IndexError::NotJson(_))
        ));
        assert_eq!(
            WorkspaceIndex::parse(r#"{"schema":9,"next":1,"workspaces":[]}"#),
            Err(IndexError::Newer(9))
        );
    }

    #[test]
    fn ids_are_safe_in_keys() {
        assert!(WorkspaceId::parse("w12").is_some());
        for bad in ["", "w/1", "a b", &"w".repeat(41)] {
            assert_eq!(WorkspaceId::parse(bad), None, "{bad}");
        }
    }
}
