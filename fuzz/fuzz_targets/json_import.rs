//! A backup file or a stored document, as a user may pick any file: reading
//! never panics, and what reads exports to a file that reads the same.
#![no_main]
use kam_workbench::domain::backup;
use kam_workbench::domain::document::StoredDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(doc) = StoredDocument::parse(text) {
        let file = backup::export(doc.workspace.borrowed(), &doc.unknown);
        let back = backup::read(&file).expect("an exported workspace reads back");
        assert_eq!(back.workspace, doc.workspace);
    }
    if let Ok(file) = backup::read_file(text) {
        drop(file);
    }
});
