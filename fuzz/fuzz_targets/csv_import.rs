//! A CSV file of accounts, as exported by any spreadsheet: planning and
//! applying never panic, and importing the same file twice adds nothing new.
#![no_main]
use kam_workbench::domain::csv::{apply, plan_import_bytes, DuplicatePolicy};
use kam_workbench::domain::portfolio::Portfolio;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut portfolio = Portfolio::default();
    let Ok(plan) = plan_import_bytes(&portfolio, bytes) else {
        return;
    };
    let today = "2026-12-04".parse().expect("a valid date");
    if let Ok(summary) = apply(&mut portfolio, &plan, DuplicatePolicy::Skip, today) {
        drop(summary);
        // The same file again finds nothing new: every row it imported is now a duplicate.
        let again =
            plan_import_bytes(&portfolio, bytes).expect("a file that planned once plans again");
        assert!(
            again.new_rows.is_empty(),
            "{} rows new a second time",
            again.new_rows.len()
        );
    }
});
