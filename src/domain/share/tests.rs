use super::*;
use crate::domain::audit::{Audit, Score};
use crate::domain::framework::{Action, Period, Phase};
use crate::domain::litmus::{question_count, Answer, LitmusAnswers, ORGANISATION};
use crate::domain::portfolio::KeyAccount;
use crate::domain::text::sample_prose as prose;
use crate::domain::workspace::Workspace;

fn score(v: u8) -> Option<Score> {
    Some(Score::new(v).unwrap())
}

fn scores_link(audit: &Audit, litmus: &LitmusAnswers) -> String {
    ScoresLink::capture(framework(), audit, litmus).encode(framework())
}

fn decoded_scores(link: &str) -> ScoresLink {
    match decode(link) {
        Ok(SharedLink::Scores(s)) => s,
        other => panic!("not a scores link: {other:?}"),
    }
}

/// A framework of two actions, small enough to check the bytes by hand.
fn two_actions() -> Framework {
    let mut fw = framework().clone();
    let action = |id: &str| Action {
        id: id.into(),
        stream: String::new(),
        text: String::new(),
    };
    fw.phases = vec![Phase {
        periods: vec![Period {
            actions: vec![action("X1"), action("X2")],
            ..fw.phases[0].periods[0].clone()
        }],
        ..fw.phases[0].clone()
    }];
    fw
}

#[test]
fn the_format_fixes_the_organisation_test_and_the_action_count() {
    assert_eq!(question_count(ORGANISATION), ORGANISATION_QUESTIONS);
    assert_eq!(framework().actions().count(), 129);
}

#[test]
fn hand_checked_two_action_link() {
    let fw = two_actions();
    let link = ScoresLink {
        states: vec![
            ("X1".into(), ActionState::Scored(Score::new(3).unwrap())),
            ("X2".into(), ActionState::NotApplicable),
        ],
        organisation: [Some(Answer::Yes), None, None, None, Some(Answer::NotSure)],
    };
    // (4·6 + 5)·1024 + (1·4⁴ + 3) = 29955 = 0x7503 → "dQM".
    assert_eq!(link.encode(&fw), "s1.dQM");
    assert_eq!(
        decode_with(&fw, "#s1.dQM"),
        Ok(SharedLink::Scores(link.clone()))
    );
    // 6²·1024 = 0x9000 is one past the largest two-action link.
    assert_eq!(
        decode_with(&fw, "s1.kAA"),
        Err(ShareError::ScoresOutOfRange)
    );
    assert!(decode_with(&fw, "s1.j_8").is_ok());
}

#[test]
fn an_empty_audit_is_all_zeros() {
    let link = scores_link(&Audit::default(), &LitmusAnswers::default());
    assert_eq!(link, format!("s1.{}", "A".repeat(58)));
    let back = decoded_scores(&link);
    assert_eq!(back.scored_count(), 0);
    assert_eq!(back.states.len(), 129);
    assert_eq!(
        SharedLink::Scores(back).summary(),
        "Audit scores: 0 of 129 actions scored, 0 N/A; 0 of 5 organisation litmus answers"
    );
}

#[test]
fn all_threes() {
    let mut audit = Audit::default();
    for a in framework().actions() {
        audit.set_score(&a.id, score(3));
    }
    // Expected value computed independently (Python big integers).
    let link = scores_link(&audit, &LitmusAnswers::default());
    assert_eq!(
        link,
        "s1.jN8RSt0tLDBR_e0KwvlC5EEjOCfwHZbiwBMzMzMzMzMzMzMzMzMzMzMwAA"
    );
    let back = decoded_scores(&link);
    assert_eq!(back.scored_count(), 129);
    assert!(back
        .states
        .iter()
        .all(|(_, s)| *s == ActionState::Scored(Score::new(3).unwrap())));
}

#[test]
fn mixed_with_not_applicable_and_answers() {
    let mut audit = Audit::default();
    audit.set_score("A1.01", score(3));
    audit.set_not_applicable("A1.02", Some("not yet".into()));
    audit.set_score("D3.09", score(1));
    let mut litmus = LitmusAnswers::default();
    for (q, a) in [Answer::Yes, Answer::No, Answer::NotSure]
        .into_iter()
        .enumerate()
    {
        litmus.set_organisation(q, Some(a)).unwrap();
    }
    litmus.set_organisation(4, Some(Answer::Yes)).unwrap();
    let link = scores_link(&audit, &litmus);
    assert_eq!(
        link,
        "s1.jdmBaZsoJymLcz6wK3BTWyxBr6g3Hct9Nr4AAAAAAAAAAAAAAAAAAAAJsQ"
    );
    let back = decoded_scores(&link);
    assert_eq!(back, ScoresLink::capture(framework(), &audit, &litmus));
    assert_eq!(
        SharedLink::Scores(back).summary(),
        "Audit scores: 2 of 129 actions scored, 1 N/A; 4 of 5 organisation litmus answers"
    );
}

#[test]
fn the_largest_scores_link_fits_in_64_characters() {
    let mut audit = Audit::default();
    for a in framework().actions() {
        audit.toggle_not_applicable(&a.id);
    }
    let mut litmus = LitmusAnswers::default();
    for q in 0..ORGANISATION_QUESTIONS {
        litmus.set_organisation(q, Some(Answer::NotSure)).unwrap();
    }
    let link = scores_link(&audit, &litmus);
    assert_eq!(
        link,
        "s1.sBbVnZR4dzxmfWhNc7eTnVFsBjHsJPybcBf______________________w"
    );
    assert!(format!("#{link}").len() <= 64);
    assert_eq!(format!("#{link}").len(), 62);
    assert_eq!(decoded_scores(&link).not_applicable_count(), 129);
}

#[test]
fn applying_keeps_notes_plans_reasons_and_comments() {
    let mut sent = Audit::default();
    sent.set_score("A1.01", score(2));
    sent.toggle_not_applicable("A1.02");
    let mut litmus_sent = LitmusAnswers::default();
    litmus_sent.set_organisation(0, Some(Answer::No)).unwrap();
    let link = decoded_scores(&scores_link(&sent, &litmus_sent));

    let mut audit = Audit::default();
    audit.edit("A1.01", |e| e.note = "evidence".into());
    audit.set_not_applicable("A1.02", Some("merger pending".into()));
    audit.set_score("A1.03", score(1));
    let mut litmus = LitmusAnswers::default();
    litmus.set_organisation_comment(0, "board split").unwrap();
    litmus.set_organisation(1, Some(Answer::Yes)).unwrap();
    link.apply(&mut audit, &mut litmus).unwrap();

    assert_eq!(audit.score("A1.01"), score(2));
    assert_eq!(audit.entry("A1.01").unwrap().note, "evidence");
    assert_eq!(
        audit.entry("A1.02").unwrap().not_applicable.as_deref(),
        Some("merger pending")
    );
    assert_eq!(
        audit.entry("A1.03"),
        None,
        "unscored in the link is cleared"
    );
    assert_eq!(litmus.organisation_answer(0).answer, Some(Answer::No));
    assert_eq!(litmus.organisation_answer(0).comment, "board split");
    assert_eq!(litmus.organisation_answer(1).answer, None);
    assert_eq!(ScoresLink::capture(framework(), &audit, &litmus), link);
}

#[test]
fn damaged_scores_links_give_typed_errors() {
    let good = scores_link(&Audit::default(), &LitmusAnswers::default());
    let cases = [
        (good[..good.len() - 1].to_string(), "cut short"),
        (format!("{good}A"), "extra"),
        (format!("{good}=="), "extra"),
        (format!("s1.{}B", "A".repeat(57)), "characters"),
        (format!("s1.{}*", "A".repeat(57)), "characters"),
        (format!("s1.{}w", "_".repeat(57)), "out of range"),
    ];
    for (link, says) in cases {
        let err = decode(&link).unwrap_err();
        assert!(err.to_string().contains(says), "{link}: {err}");
    }
    assert_eq!(
        decode(&good[..10]),
        Err(ShareError::ScoresLength {
            expected: 58,
            found: 7
        })
    );
}

#[test]
fn prefixes_and_versions() {
    for not_a_link in [
        "", "#", "#/audit", "s1", "x1.AAAA", "s.AAA", "s01x.AA", "#s-1.A", "s01.AA", "S1.AA",
    ] {
        assert_eq!(
            decode(not_a_link),
            Err(ShareError::NotALink),
            "{not_a_link}"
        );
    }
    assert_eq!(
        decode("#s2.AAAA"),
        Err(ShareError::NewerFormat { found: "s2".into() })
    );
    assert!(decode("f7.AAAA")
        .unwrap_err()
        .to_string()
        .contains("newer KAM Workbench"));
    assert_eq!(decode("s0.AAAA"), Err(ShareError::NotALink));
}

fn sample_workspace() -> Workspace {
    let mut ws = Workspace {
        name: "Acme programme".into(),
        ..Workspace::default()
    };
    ws.audit.set_score("A1.01", score(3));
    ws.audit.set_score("B2.02", score(1));
    ws.audit
        .edit("B2.02", |e| e.note = "needs a sponsor".into());
    ws.litmus.set_organisation(0, Some(Answer::Yes)).unwrap();
    let mut a = KeyAccount::new("Globex");
    a.key_account_manager = "Dana".into();
    let id = ws.portfolio.add_account(a).unwrap();
    ws.litmus.set_customer(id, 0, Some(Answer::No)).unwrap();
    ws.litmus
        .set_manager("Dana", id, 1, Some(Answer::Yes))
        .unwrap();
    ws
}

fn decoded_full(link: &str) -> FullLink {
    match decode(link) {
        Ok(SharedLink::Full(f)) => *f,
        other => panic!("not a full link: {other:?}"),
    }
}

#[test]
fn full_link_round_trips_with_and_without_the_portfolio() {
    let ws = sample_workspace();
    let link = encode_full(&ws, true);
    assert!(link.starts_with("f1."));
    let back = decoded_full(&format!("#{link}"));
    assert_eq!(back.workspace, ws);
    assert_eq!(back.problems, []);
    assert_eq!(
        SharedLink::Full(Box::new(back)).summary(),
        "Workspace \"Acme programme\": 2 actions scored, 1 note, 1 account, 0 snapshots"
    );

    let back = decoded_full(&encode_full(&ws, false)).workspace;
    assert!(back.portfolio.accounts.is_empty());
    assert!(back.litmus.customers.is_empty() && back.litmus.managers.is_empty());
    assert_eq!(back.litmus.organisation, ws.litmus.organisation);
    assert_eq!(back.audit, ws.audit);
}

#[test]
fn full_links_report_problems_without_refusing() {
    let mut ws = sample_workspace();
    ws.portfolio.accounts[0].revenue = Some(-1.0);
    let back = decoded_full(&encode_full(&ws, true));
    assert_eq!(back.workspace, ws);
    assert_eq!(back.problems.len(), 1);
    assert!(back.problems[0].message.contains("negative"));
}

fn packed(bytes: &[u8]) -> String {
    use base64::Engine;
    let z = miniz_oxide::deflate::compress_to_vec(bytes, 9);
    format!(
        "f1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(z)
    )
}

#[test]
fn damaged_full_links_give_typed_errors() {
    assert_eq!(decode("f1.@@@"), Err(ShareError::BadCharacters));
    assert_eq!(decode("f1.AAAA"), Err(ShareError::Damaged));
    assert_eq!(decode(&packed(&[0xff, 0xfe])), Err(ShareError::Damaged));
    assert!(matches!(
        decode(&packed(b"{\"schema\":1")),
        Err(ShareError::Document(DocumentError::NotJson(_)))
    ));
    assert!(matches!(
        decode(&packed(b"{\"schema\":3}")),
        Err(ShareError::Document(DocumentError::NewerSchema { .. }))
    ));
    assert!(matches!(
        decode(&packed(
            br#"{"schema":1,"audit":{"entries":{"A1.01":{"score":7}}}}"#
        )),
        Err(ShareError::Document(DocumentError::Invalid { .. }))
    ));
    // A small link that unpacks past the limit (a deflate bomb).
    let bomb = packed(&vec![b' '; MAX_UNPACKED_BYTES + 1]);
    assert!(bomb.len() < 20_000, "{}", bomb.len());
    let err = decode(&bomb).unwrap_err();
    assert_eq!(
        err,
        ShareError::TooLarge {
            limit: MAX_UNPACKED_BYTES
        }
    );
    assert!(err.to_string().contains("8,388,608 bytes"), "{err}");
}

#[test]
fn scores_only_reading_takes_scores_links_and_names_the_others() {
    let mut audit = Audit::default();
    audit.set_score("A1.01", score(3));
    let link = scores_link(&audit, &LitmusAnswers::default());
    assert_eq!(
        decode_scores(framework(), &format!("#{link}")),
        Ok(decoded_scores(&link))
    );
    let ws = Workspace {
        audit,
        ..Workspace::default()
    };
    let full = encode_full(&ws, true);
    assert!(matches!(decode(&full), Ok(SharedLink::Full(_))));
    assert_eq!(
        decode_scores(framework(), &full),
        Err(ShareError::NotScores)
    );
    assert_eq!(
        decode_scores(framework(), "s2.abc"),
        Err(ShareError::NewerFormat { found: "s2".into() })
    );
    assert_eq!(
        decode_scores(framework(), "hello"),
        Err(ShareError::NotALink)
    );
    // A damaged scores link: the same reason either way.
    let damaged = &link[..link.len() - 1];
    assert!(matches!(
        decode_scores(framework(), damaged),
        Err(ShareError::ScoresLength { .. })
    ));
    assert_eq!(
        decode_scores(framework(), damaged).unwrap_err(),
        decode(damaged).unwrap_err()
    );
}

#[test]
fn long_links() {
    assert!(!is_long_link(&"x".repeat(LONG_LINK_CHARS)));
    assert!(is_long_link(&"é".repeat(LONG_LINK_CHARS + 1)));
}

/// Prints the figures quoted for issue 10 (`cargo test link_lengths -- --nocapture`).
#[test]
fn link_lengths() {
    let fw = framework();
    let mut ws = Workspace::default();
    let empty_scores = scores_link(&ws.audit, &ws.litmus).len() + 1;
    let empty_full = encode_full(&ws, true).len() + 1;
    for (i, a) in fw.actions().enumerate() {
        ws.audit.set_score(&a.id, score((i % 4) as u8));
    }
    let full_audit_scores = scores_link(&ws.audit, &ws.litmus).len() + 1;
    let full_audit = encode_full(&ws, true).len() + 1;
    for (i, a) in fw.actions().enumerate() {
        ws.audit.edit(&a.id, |e| e.note = prose(i as u64, 200));
    }
    let with_notes = encode_full(&ws, true).len() + 1;
    let mut big = Workspace::default();
    for i in 0..300 {
        let mut a = KeyAccount::new(format!("Customer {i:03} {}", prose(i, 12).trim()));
        a.sector = ["Retail", "Energy", "Health"][i as usize % 3].into();
        a.key_account_manager = ["Dana", "Lee", "Sam", "Kim"][i as usize % 4].into();
        a.revenue = Some(10_000.0 + 137.0 * i as f64);
        big.portfolio.add_account(a).unwrap();
    }
    let accounts = encode_full(&big, true).len() + 1;
    let accounts_left_out = encode_full(&big, false).len() + 1;
    println!("link lengths with '#': empty scores {empty_scores}, empty full {empty_full}, full audit scores {full_audit_scores}, full audit full {full_audit}, + 200-char notes {with_notes}, 300 accounts {accounts} (without portfolio {accounts_left_out})");
    assert_eq!(empty_scores, 62);
    assert_eq!(full_audit_scores, 62);
    assert!(!is_long_link(&"x".repeat(full_audit)));
    assert!(is_long_link(&"x".repeat(with_notes)));
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn state() -> impl Strategy<Value = ActionState> {
        prop_oneof![
            Just(ActionState::Unscored),
            (0u8..=3).prop_map(|v| ActionState::Scored(Score::new(v).unwrap())),
            Just(ActionState::NotApplicable),
        ]
    }

    fn answer() -> impl Strategy<Value = Option<Answer>> {
        proptest::option::of(prop_oneof![
            Just(Answer::Yes),
            Just(Answer::No),
            Just(Answer::NotSure)
        ])
    }

    fn action_id(i: usize) -> String {
        framework().actions().nth(i % 129).unwrap().id.clone()
    }

    /// Random entries: (action, score, N/A reason, note).
    fn entries() -> impl Strategy<Value = Vec<(usize, Option<u8>, Option<String>, String)>> {
        proptest::collection::vec(
            (
                0usize..129,
                proptest::option::of(0u8..=3),
                proptest::option::of("[a-z ]{0,12}"),
                "[a-zA-Z0-9 ,.é€\n]{0,30}",
            ),
            0..40,
        )
    }

    fn audit_from(entries: &[(usize, Option<u8>, Option<String>, String)]) -> Audit {
        let mut audit = Audit::default();
        for (i, s, na, note) in entries {
            let id = action_id(*i);
            audit.set_score(&id, s.map(|v| Score::new(v).unwrap()));
            if na.is_some() {
                audit.set_not_applicable(&id, na.clone());
            }
            audit.edit(&id, |e| e.note = note.clone());
        }
        audit
    }

    fn litmus_from(answers: &[Option<Answer>]) -> LitmusAnswers {
        let mut litmus = LitmusAnswers::default();
        for (q, a) in answers.iter().enumerate() {
            litmus.set_organisation(q, *a).unwrap();
        }
        litmus
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn scores_links_round_trip(
            states in proptest::collection::vec(state(), 129),
            organisation in proptest::array::uniform5(answer()),
        ) {
            let link = ScoresLink {
                states: framework().actions().map(|a| a.id.clone()).zip(states).collect(),
                organisation,
            };
            let text = link.encode(framework());
            prop_assert!(text.len() < 64, "{}", text);
            prop_assert_eq!(decode(&text), Ok(SharedLink::Scores(link)));
        }

        #[test]
        fn audits_survive_a_scores_link(
            entries in entries(),
            answers in proptest::collection::vec(answer(), 5),
        ) {
            let audit = audit_from(&entries);
            let litmus = litmus_from(&answers);
            let sent = ScoresLink::capture(framework(), &audit, &litmus);
            let got = decoded_scores(&sent.encode(framework()));
            prop_assert_eq!(&got, &sent);
            let mut applied = Audit::default();
            let mut applied_litmus = LitmusAnswers::default();
            got.apply(&mut applied, &mut applied_litmus).unwrap();
            prop_assert_eq!(ScoresLink::capture(framework(), &applied, &applied_litmus), sent);
            // Onto the same audit: nothing changes (reasons and notes kept).
            let (mut same, mut same_litmus) = (audit.clone(), litmus.clone());
            got.apply(&mut same, &mut same_litmus).unwrap();
            prop_assert_eq!(same, audit);
            prop_assert_eq!(same_litmus, litmus);
        }

        // Whole amounts: serde_json (without `float_roundtrip`) may read an
        // arbitrary f64 back one ulp off, in stored documents as much as here.
        #[test]
        fn workspaces_survive_a_full_link(
            name in "[A-Za-z0-9 '&é]{0,30}",
            entries in entries(),
            answers in proptest::collection::vec(answer(), 5),
            accounts in proptest::collection::vec(("[A-Z][a-z]{0,10}", "[A-Za-z]{0,8}", proptest::option::of((0u32..1_000_000_000).prop_map(f64::from))), 0..5),
            include_portfolio in any::<bool>(),
        ) {
            let mut ws = Workspace { name, ..Workspace::default() };
            ws.audit = audit_from(&entries);
            ws.litmus = litmus_from(&answers);
            for (name, manager, revenue) in accounts {
                let mut a = KeyAccount::new(name);
                a.key_account_manager = manager;
                a.revenue = revenue;
                let id = ws.portfolio.add_account(a).unwrap();
                ws.litmus.set_customer(id, 1, Some(Answer::Yes)).unwrap();
            }
            let got = decoded_full(&encode_full(&ws, include_portfolio));
            let expected = if include_portfolio { ws } else { without_portfolio(&ws) };
            prop_assert_eq!(got.workspace, expected);
            prop_assert_eq!(got.problems, vec![]);
        }

        // The backup file is the other codec a workspace goes through.
        #[test]
        fn workspaces_survive_a_backup_file(
            name in "[A-Za-z0-9 '&é\"\\\\]{0,30}",
            entries in entries(),
            answers in proptest::collection::vec(answer(), 5),
            accounts in proptest::collection::vec(("[A-Z][a-z]{0,10}", proptest::option::of((0u32..1_000_000_000).prop_map(f64::from))), 0..5),
            cut in any::<prop::sample::Index>(),
        ) {
            use crate::domain::backup;
            use crate::domain::document::UnknownFields;
            let mut ws = Workspace { name, ..Workspace::default() };
            ws.audit = audit_from(&entries);
            ws.litmus = litmus_from(&answers);
            for (name, revenue) in accounts {
                let mut a = KeyAccount::new(name);
                a.revenue = revenue;
                ws.portfolio.add_account(a).unwrap();
            }
            let file = backup::export(ws.borrowed(), &UnknownFields::default());
            let back = backup::read(&file).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back.workspace, ws);
            prop_assert_eq!(back.problems, vec![]);
            // A file cut short is an error, never a panic (nor a partial restore).
            let short = &file[..file.floor_char_boundary(cut.index(file.len()))];
            prop_assert!(backup::read(short).is_err());
        }

        #[test]
        fn random_text_never_panics(text in "[#sf1.A-Za-z0-9_=+/-]{0,80}|\\PC{0,40}") {
            let _ = decode(&text);
        }

        #[test]
        fn changed_scores_links_never_panic(
            states in proptest::collection::vec(state(), 129),
            cut in 0usize..70,
            at in 0usize..61,
            c in "[A-Za-z0-9_=+/-]",
        ) {
            let link = ScoresLink {
                states: framework().actions().map(|a| a.id.clone()).zip(states).collect(),
                organisation: [None; 5],
            }.encode(framework());
            let _ = decode(&link[..cut.min(link.len())]);
            let mut changed = link.clone();
            changed.replace_range(at..at + 1, &c);
            if let Ok(SharedLink::Scores(s)) = decode(&changed) {
                // A change that still decodes is a different, valid link.
                prop_assert_eq!(s.encode(framework()), changed);
            }
        }

        #[test]
        fn changed_full_links_never_panic(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..4),
            cut in any::<prop::sample::Index>(),
            at in any::<prop::sample::Index>(),
            c in "[A-Za-z0-9_]",
        ) {
            use base64::Engine;
            let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            let link = encode_full(&sample_workspace(), true);
            let mut bytes = engine.decode(&link[3..]).unwrap();
            for (i, bit) in &flips {
                let i = i.index(bytes.len());
                bytes[i] ^= 1 << bit;
            }
            let _ = decode(&format!("f1.{}", engine.encode(&bytes)));
            let _ = decode(&link[..cut.index(link.len())]);
            let mut changed = link.clone();
            let at = 3 + at.index(link.len() - 3);
            changed.replace_range(at..at + 1, &c);
            let _ = decode(&changed);
        }
    }
}
