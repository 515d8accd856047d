//! Every past shape of the stored workspace (`tests/fixtures/`) still opens,
//! migrated to the current schema with its values intact.

use super::StoredDocument;
use crate::domain::backup;
use crate::domain::litmus::Answer;
use crate::domain::workspace::{DocumentError, Workspace, SCHEMA_VERSION};

const FIXTURES: &[(&str, &str)] = &[
    (
        "workspace-schema-1-audit-only.json",
        include_str!("../../../tests/fixtures/workspace-schema-1-audit-only.json"),
    ),
    (
        "workspace-schema-1-litmus-snapshots.json",
        include_str!("../../../tests/fixtures/workspace-schema-1-litmus-snapshots.json"),
    ),
    (
        "workspace-schema-1-portfolio.json",
        include_str!("../../../tests/fixtures/workspace-schema-1-portfolio.json"),
    ),
    (
        "workspace-schema-1-revision.json",
        include_str!("../../../tests/fixtures/workspace-schema-1-revision.json"),
    ),
    (
        "workspace-schema-2.json",
        include_str!("../../../tests/fixtures/workspace-schema-2.json"),
    ),
];

const NEWER: &str = include_str!("../../../tests/fixtures/workspace-schema-99-newer.json");

fn open(name: &str) -> StoredDocument {
    let text = FIXTURES.iter().find(|(n, _)| *n == name).unwrap().1;
    StoredDocument::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn score(ws: &Workspace, id: &str) -> Option<u8> {
    ws.audit.score(id).map(|s| s.value())
}

#[test]
fn every_fixture_migrates_saves_and_reads_back_the_same() {
    for (name, text) in FIXTURES {
        let doc = StoredDocument::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.workspace.schema, SCHEMA_VERSION, "{name}");
        assert_eq!(doc.workspace.name, "Acme plc", "{name}");
        assert_eq!(score(&doc.workspace, "A1.01"), Some(3), "{name}");
        // A save then a read gives the same document.
        let again = StoredDocument::parse(&doc.to_json()).unwrap();
        assert_eq!(again, doc, "{name}");
        // A backup file of the same document reads the same.
        let restore = backup::read(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(restore.workspace, doc.workspace, "{name}");
        assert_eq!(restore.problems, [], "{name}");
    }
}

#[test]
fn each_shape_keeps_what_it_held() {
    let first = open("workspace-schema-1-audit-only.json").workspace;
    assert_eq!(score(&first, "B2.02"), Some(1));
    assert_eq!(score(&first, "D3.04"), Some(0));
    assert!(!first.audit.read_through_done);

    let litmus = open("workspace-schema-1-litmus-snapshots.json").workspace;
    let a = litmus.audit.entry("A1.01").unwrap();
    assert_eq!(a.note, "Board agreed in March");
    assert_eq!(a.plan.owner, "Dana");
    assert_eq!(a.plan.target.map(|s| s.value()), Some(3));
    assert!(litmus.audit.is_not_applicable("B2.04"));
    assert_eq!(litmus.snapshots.len(), 1);
    assert_eq!(litmus.litmus.organisation[0].answer, Some(Answer::Yes));
    assert_eq!(litmus.litmus.organisation[0].comment, "Clear sponsor");
    assert_eq!(litmus.litmus.organisation[1].answer, Some(Answer::NotSure));

    let portfolio = open("workspace-schema-1-portfolio.json").workspace;
    let globex = &portfolio.portfolio.accounts[0];
    assert_eq!(globex.name, "Globex");
    assert_eq!(globex.revenue, Some(1_250_000.5));
    assert!(globex.dmu[0].board_level);
    assert_eq!(portfolio.portfolio.accounts.len(), 2);

    let revision = open("workspace-schema-1-revision.json");
    assert_eq!(revision.revision, 17);
    // A field this version does not know is kept for the next save.
    let saved: serde_json::Value = serde_json::from_str(&revision.to_json()).unwrap();
    assert_eq!(saved["theme"], "dark");
    assert_eq!(saved["schema"], SCHEMA_VERSION);

    let two = open("workspace-schema-2.json").workspace;
    assert_eq!(two.assessors.0[0].name, "Lee (finance)");
    assert_eq!(
        two.programme.start.map(|d| d.to_string()),
        Some("2025-03-01".into())
    );
    assert!(two.programme.drivers.contains("customer-consolidation"));
}

#[test]
fn a_newer_document_is_refused_and_read_only_read() {
    assert!(matches!(
        StoredDocument::parse(NEWER),
        Err(DocumentError::NewerSchema { found: 99, .. })
    ));
    assert!(matches!(
        backup::read(NEWER),
        Err(DocumentError::NewerSchema { .. })
    ));
    let ws = Workspace::from_newer_json(NEWER).unwrap();
    assert_eq!(score(&ws, "A1.01"), Some(2));
}

#[test]
fn every_schema_version_has_a_fixture() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for version in 1..=SCHEMA_VERSION {
        let prefix = format!("workspace-schema-{version}");
        let found: Vec<&String> = names
            .iter()
            .filter(|n| *n == &format!("{prefix}.json") || n.starts_with(&format!("{prefix}-")))
            .collect();
        assert!(
            !found.is_empty(),
            "no fixture for schema {version} in {dir:?}"
        );
        // Each fixture on disk is one this test reads.
        for n in found {
            assert!(FIXTURES.iter().any(|(f, _)| f == n), "{n} is not tested");
        }
    }
}
