//! A share link (`#s1.…` or `#f1.…`) as anyone may send it: decoding never
//! panics, and what decodes encodes back to a link that decodes the same.
#![no_main]
use kam_workbench::domain::framework;
use kam_workbench::domain::share::{decode, encode_full, SharedLink};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match decode(text) {
        Ok(SharedLink::Scores(scores)) => {
            let again = scores.encode(framework());
            match decode(&again) {
                Ok(SharedLink::Scores(back)) => assert_eq!(back, scores),
                other => panic!("re-encoded scores link does not read back: {other:?}"),
            }
        }
        Ok(SharedLink::Full(full)) => {
            let again = encode_full(&full.workspace, true);
            match decode(&again) {
                Ok(SharedLink::Full(back)) => assert_eq!(back.workspace, full.workspace),
                other => panic!("re-encoded full link does not read back: {other:?}"),
            }
        }
        Err(_) => {}
    }
});
