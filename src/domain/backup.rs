//! JSON backup of a workspace: everything it holds (audit with notes and
//! plans, snapshots, litmus answers, portfolio with DMU, team, measures and
//! criteria), in the stored document's own format, so a backup opens in any
//! later version through the same schema checks and migrations.

use super::check::{check_workspace, DataProblem};
use super::date::IsoDate;
use super::document::{write_document, StoredDocument, UnknownFields, REVISION_FIELD};
use super::text::{excerpt, slug, thousands};
use super::workspace::{DocumentError, Workspace, WorkspaceRef, SCHEMA_VERSION};

/// The backup file of a workspace: its stored document, indented so people
/// can read it and tools can diff it.
pub fn export(ws: WorkspaceRef<'_>, unknown: &UnknownFields) -> String {
    let compact = write_document(&ws.to_json(), 0, unknown);
    // Re-indenting a document this build just wrote cannot fail; keep it compact if it does.
    serde_json::from_str::<serde_json::Value>(&compact)
        .ok()
        .and_then(|mut v| {
            // The revision belongs to one browser's storage, not to the backup.
            v.as_object_mut()?.remove(REVISION_FIELD);
            serde_json::to_string_pretty(&v).ok()
        })
        .unwrap_or(compact)
}

/// A file name for the backup, e.g. `kam-workbench-acme-plc-2026-11-23.json`.
pub fn file_name(workspace_name: &str, today: &str) -> String {
    format!(
        "kam-workbench-{}-{today}.json",
        slug(workspace_name, '-', "workspace")
    )
}

/// A backup read and checked, shown to the user before it replaces anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Restore {
    pub workspace: Workspace,
    pub unknown: UnknownFields,
    /// Values the model would refuse, each with its path; they are kept.
    pub problems: Vec<DataProblem>,
}

impl Restore {
    /// What restoring would bring, in one line.
    pub fn summary(&self) -> String {
        self.workspace.summary()
    }
}

/// The largest backup file read: far above any workspace a browser can
/// store, so only a wrong file is refused.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Refuses a file too large to be a backup, before it is read.
pub fn check_size(bytes: usize) -> Result<(), String> {
    if bytes > MAX_FILE_BYTES {
        Err(format!(
            "the file has {} bytes, more than any workspace backup ({} at most)",
            thousands(bytes),
            thousands(MAX_FILE_BYTES)
        ))
    } else {
        Ok(())
    }
}

/// Reads a backup file (or any stored document): schema checked, older
/// schemas migrated, every value the model would refuse named with its path.
pub fn read(text: &str) -> Result<Restore, DocumentError> {
    let doc = StoredDocument::parse(text.strip_prefix('\u{feff}').unwrap_or(text))?;
    let mut problems = doc.set_aside;
    problems.extend(check_workspace(&doc.workspace));
    Ok(Restore {
        workspace: doc.workspace,
        unknown: doc.unknown,
        problems,
    })
}

/// What marks a file holding every workspace of a browser.
pub const ALL_KIND: &str = "kam-workbench-workspaces";

/// One stored workspace for the all-workspaces backup: its listed name and
/// its stored text exactly as it is (readable or not).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredWorkspace {
    pub name: String,
    pub stored: String,
}

/// The backup file of every workspace. Each readable workspace is written
/// as its own backup would be; one that cannot be read is kept as its text,
/// so the file loses nothing.
pub fn export_all(workspaces: &[StoredWorkspace], today: &str) -> String {
    let items: Vec<serde_json::Value> = workspaces
        .iter()
        .map(|w| {
            let readable = StoredDocument::parse(&w.stored).ok().and_then(|d| {
                serde_json::from_str::<serde_json::Value>(&export(
                    d.workspace.borrowed(),
                    &d.unknown,
                ))
                .ok()
            });
            readable
                .unwrap_or_else(|| serde_json::json!({ "name": w.name, "unreadable": w.stored }))
        })
        .collect();
    let file = serde_json::json!({
        "kind": ALL_KIND,
        "exported": today,
        "workspaces": items,
    });
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// A file name for the backup of every workspace.
pub fn file_name_all(today: &str) -> String {
    format!("kam-workbench-all-workspaces-{today}.json")
}

/// One workspace of an all-workspaces file: ready to import, or why not.
#[derive(Debug, Clone, PartialEq)]
pub enum FileWorkspace {
    Ready(Box<Restore>),
    /// Kept in the file as text because it could not be read when saved,
    /// or not readable now: the reason.
    NotReadable {
        name: String,
        reason: String,
    },
}

impl FileWorkspace {
    pub fn summary(&self) -> String {
        match self {
            FileWorkspace::Ready(r) => r.summary(),
            FileWorkspace::NotReadable { name, reason } => {
                format!("\"{}\" cannot be imported: {reason}", excerpt(name))
            }
        }
    }
}

/// A backup file: one workspace, or every workspace of a browser.
#[derive(Debug, Clone, PartialEq)]
pub enum BackupFile {
    One(Box<Restore>),
    All(Vec<FileWorkspace>),
}

/// Reads any backup file this app writes.
pub fn read_file(text: &str) -> Result<BackupFile, DocumentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| DocumentError::NotJson(e.to_string()))?;
    if value.get("kind").and_then(serde_json::Value::as_str) != Some(ALL_KIND) {
        return read(text).map(|r| BackupFile::One(Box::new(r)));
    }
    let items = value
        .get("workspaces")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| DocumentError::Invalid {
            schema: SCHEMA_VERSION,
            detail: "the file names no workspaces".into(),
        })?;
    Ok(BackupFile::All(
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let name = item
                    .get("name")
                    .and_then(serde_json::Value::as_str)
                    .map_or_else(|| format!("workspace {}", i + 1), str::to_string);
                if item.get("unreadable").is_some() {
                    return FileWorkspace::NotReadable {
                        name,
                        reason: "it could not be read when the backup was made (its text is kept in the file)".into(),
                    };
                }
                match read(&item.to_string()) {
                    Ok(r) => FileWorkspace::Ready(Box::new(r)),
                    Err(e) => FileWorkspace::NotReadable {
                        name,
                        reason: format!("workspaces[{i}]: {e}"),
                    },
                }
            })
            .collect(),
    ))
}

/// Days without a backup after which the app reminds: Safari deletes a
/// site's data after seven days without a visit.
pub const REMIND_AFTER_DAYS: i64 = 7;

/// Whether to remind the user to download a backup, and what to say: only
/// once there is work worth keeping, and never more than once a week.
pub fn reminder(
    ws: WorkspaceRef<'_>,
    last_backup: Option<IsoDate>,
    today: IsoDate,
) -> Option<String> {
    let has_work = ws.audit.scored_count() > 0
        || ws.audit.not_applicable_count() > 0
        || !ws.portfolio.accounts.is_empty()
        || !ws.snapshots.is_empty();
    if !has_work {
        return None;
    }
    match last_backup {
        None => Some("This work has never been backed up.".to_string()),
        Some(last) => {
            let days = today.days_since(last);
            (days >= REMIND_AFTER_DAYS)
                .then(|| format!("The last backup was {days} days ago ({last})."))
        }
    }
}

/// Share of the nominal storage at which the app warns.
pub const WARN_AT_PERCENT: usize = 70;

/// How full storage is, in whole percent (rounded down).
pub fn storage_percent(used_bytes: usize, quota_bytes: usize) -> usize {
    used_bytes.saturating_mul(100) / quota_bytes.max(1)
}

/// A plain warning when stored data nears the browser's limit.
pub fn storage_warning(used_bytes: usize, quota_bytes: usize) -> Option<String> {
    let percent = storage_percent(used_bytes, quota_bytes);
    (percent >= WARN_AT_PERCENT).then(|| {
        format!(
            "Storage is {percent} % full: download a backup, and remove what you no longer need (old snapshots, accounts), before saving starts to fail."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{PlanStatus, Score};
    use crate::domain::litmus::Answer;
    use crate::domain::portfolio::{DmuMember, KeyAccount};

    fn everything() -> Workspace {
        let mut ws = Workspace {
            name: "Acme plc".into(),
            ..Workspace::default()
        };
        ws.audit.set_score("A1.01", Some(Score::new(3).unwrap()));
        ws.audit
            .set_not_applicable("B2.04", Some("no overseas arm".into()));
        ws.audit.edit("C1.02", |e| {
            e.note = "Board agreed in March".into();
            e.plan.owner = "Dana".into();
            e.plan.status = PlanStatus::InProgress;
        });
        ws.audit.read_through_done = true;
        ws.litmus.set_organisation(0, Some(Answer::Yes)).unwrap();
        let mut acme = KeyAccount::new("Globex");
        acme.revenue = Some(1_250_000.5);
        acme.dmu.push(DmuMember {
            name: "Sam".into(),
            board_level: true,
            ..DmuMember::default()
        });
        ws.portfolio.add_account(acme).unwrap();
        let fw = crate::domain::framework();
        let lee = crate::domain::share::ScoresLink::capture(fw, &ws.audit, &ws.litmus);
        ws.assessors
            .0
            .push(crate::domain::assessors::AssessorScores {
                name: "Lee (finance)".into(),
                link: lee.encode(fw),
                added: "2026-12-01".parse().ok(),
            });
        ws.programme.start = "2025-03-01".parse().ok();
        ws.programme.drivers.insert("mature-market".into());
        ws
    }

    #[test]
    fn a_backup_restores_everything_exactly() {
        let ws = everything();
        let file = export(ws.borrowed(), &UnknownFields::default());
        assert!(file.contains("\n  \"schema\": 2"), "indented: {file}");
        assert!(file.contains("Lee (finance)") && file.contains("2025-03-01"));
        assert!(!file.contains("\"revision\""));
        let back = read(&file).unwrap();
        assert_eq!(back.workspace, ws);
        assert_eq!(back.problems, []);
        assert_eq!(
            back.summary(),
            "\"Acme plc\": 1 action scored, 1 note, 1 account, 0 snapshots"
        );
        // A backup of the restored workspace is the same file.
        assert_eq!(export(back.workspace.borrowed(), &back.unknown), file);
    }

    #[test]
    fn every_workspace_travels_in_one_file_and_nothing_is_lost() {
        let acme = everything();
        let mut globex = Workspace {
            name: "Globex".into(),
            ..Workspace::default()
        };
        globex
            .audit
            .set_score("D3.01", Some(Score::new(1).unwrap()));
        let stored = |ws: &Workspace| StoredWorkspace {
            name: ws.name.clone(),
            stored: write_document(&ws.to_json(), 7, &UnknownFields::default()),
        };
        let broken = StoredWorkspace {
            name: "Initech".into(),
            stored: "{\"schema\":2,\"audit\":".into(),
        };
        let file = export_all(
            &[stored(&acme), broken.clone(), stored(&globex)],
            "2026-12-04",
        );
        let BackupFile::All(items) = read_file(&file).unwrap() else {
            panic!("not read as all workspaces: {file}");
        };
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[0], FileWorkspace::Ready(r) if r.workspace == acme));
        assert!(matches!(&items[2], FileWorkspace::Ready(r) if r.workspace == globex));
        assert!(items[1]
            .summary()
            .starts_with("\"Initech\" cannot be imported"));
        // The unreadable text is in the file, exactly.
        let value: serde_json::Value = serde_json::from_str(&file).unwrap();
        assert_eq!(value["workspaces"][1]["unreadable"], broken.stored);
        // A one-workspace file is still read as one.
        let one = export(acme.borrowed(), &UnknownFields::default());
        assert!(matches!(read_file(&one), Ok(BackupFile::One(r)) if r.workspace == acme));
        assert_eq!(
            file_name_all("2026-12-04"),
            "kam-workbench-all-workspaces-2026-12-04.json"
        );
    }

    #[test]
    fn a_damaged_entry_of_an_all_workspaces_file_is_named_with_its_place() {
        let file = format!(
            r#"{{"kind":"{ALL_KIND}","workspaces":[{{"schema":2,"name":"A","audit":{{"entries":{{"A1.01":{{"note":7}}}}}}}}]}}"#
        );
        let BackupFile::All(items) = read_file(&file).unwrap() else {
            panic!("not all");
        };
        let summary = items[0].summary();
        assert!(summary.contains("workspaces[0]"), "{summary}");
        assert!(matches!(
            read_file(&format!(r#"{{"kind":"{ALL_KIND}"}}"#)),
            Err(DocumentError::Invalid { .. })
        ));
    }

    #[test]
    fn fields_of_a_newer_version_travel_with_the_backup() {
        let stored = r#"{"revision":9,"schema":1,"theme":"dark"}"#;
        let restore = read(stored).unwrap();
        let file = export(restore.workspace.borrowed(), &restore.unknown);
        let v: serde_json::Value = serde_json::from_str(&file).unwrap();
        assert_eq!(v["theme"], "dark");
    }

    #[test]
    fn a_bad_file_says_why_and_problems_are_named_with_their_path() {
        assert!(matches!(read("not json"), Err(DocumentError::NotJson(_))));
        assert_eq!(read("{}"), Err(DocumentError::NoSchema));
        assert!(matches!(
            read(r#"{"schema":7}"#),
            Err(DocumentError::NewerSchema { found: 7, .. })
        ));
        let with_bom = "\u{feff}{\"schema\":1,\"portfolio\":{\"next_id\":2,\"accounts\":[{\"id\":1,\"name\":\"Acme\",\"category_spend\":-5}]}}";
        let restore = read(with_bom).unwrap();
        let paths: Vec<&str> = restore.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["portfolio.accounts[0].category_spend"]);
    }

    #[test]
    fn a_reminder_comes_after_seven_days_and_only_for_real_work() {
        let day = |d: &str| d.parse::<IsoDate>().unwrap();
        let today = day("2026-11-23");
        assert_eq!(reminder(Workspace::default().borrowed(), None, today), None);
        let ws = everything();
        assert_eq!(
            reminder(ws.borrowed(), None, today).as_deref(),
            Some("This work has never been backed up.")
        );
        assert_eq!(
            reminder(ws.borrowed(), Some(day("2026-11-17")), today),
            None
        );
        assert_eq!(
            reminder(ws.borrowed(), Some(day("2026-11-16")), today).as_deref(),
            Some("The last backup was 7 days ago (2026-11-16).")
        );
        // A backup dated in the future (a changed clock) does not nag.
        assert_eq!(
            reminder(ws.borrowed(), Some(day("2026-12-01")), today),
            None
        );
    }

    #[test]
    fn a_file_far_too_large_is_refused_before_it_is_read() {
        assert_eq!(check_size(MAX_FILE_BYTES), Ok(()));
        assert_eq!(
            check_size(MAX_FILE_BYTES + 1),
            Err("the file has 16,777,217 bytes, more than any workspace backup (16,777,216 at most)".to_string())
        );
    }

    #[test]
    fn storage_warns_from_70_percent() {
        assert_eq!(storage_warning(69, 100), None);
        assert!(storage_warning(70, 100)
            .unwrap()
            .starts_with("Storage is 70 % full"));
        assert!(
            storage_warning(5, 0).is_some(),
            "no known quota: warn rather than divide by 0"
        );
    }

    #[test]
    fn file_names_carry_the_workspace_and_the_day() {
        assert_eq!(
            file_name(&everything().name, "2026-11-23"),
            "kam-workbench-acme-plc-2026-11-23.json"
        );
        assert_eq!(
            file_name("  ", "2026-11-23"),
            "kam-workbench-workspace-2026-11-23.json"
        );
    }
}
