use super::import::map_header;
use super::*;
use crate::domain::date::IsoDate;
use crate::domain::portfolio::{
    AccountError, AccountId, Category, KeyAccount, MigrationCause, MigrationKind, Portfolio,
    RelationshipStage,
};

const TODAY: &str = "2026-03-31";

fn today() -> IsoDate {
    TODAY.parse().unwrap()
}

fn with(names: &[&str]) -> Portfolio {
    let mut p = Portfolio::default();
    for n in names {
        p.add_account(KeyAccount::new(*n)).unwrap();
    }
    p
}

#[test]
fn three_good_two_bad_rows_with_line_numbers() {
    // Line 1 header; row at line 2; line 3-4 is one row with a quoted
    // two-line note; line 5 bad stage; line 6 no name; line 7 good.
    let csv = "Account Name,Revenue,KAM,Stage,Notes,attr:volume,Favourite colour\n\
               Acme,1000,Dana,Basic,ok,7,blue\n\
               Beta,2000,Eli,cooperative,\"two\nlines\",8,red\n\
               Gamma,3000,Eli,Partner,,5,green\n\
               ,50,Eli,Basic,,5,\n\
               Delta,5,Fay,2,,,\n";
    let plan = plan_import(&Portfolio::default(), csv).unwrap();
    let good: Vec<_> = plan
        .new_rows
        .iter()
        .map(|r| (r.line, r.account.name.as_str()))
        .collect();
    assert_eq!(good, [(2, "Acme"), (3, "Beta"), (7, "Delta")]);
    assert_eq!(plan.new_rows[1].account.notes, "two\nlines");
    assert_eq!(
        plan.new_rows[1].account.current_stage,
        RelationshipStage::Cooperative
    );
    assert_eq!(plan.new_rows[0].account.key_account_manager, "Dana");
    assert_eq!(plan.new_rows[0].account.attractiveness["volume"], 7);
    assert_eq!(plan.new_rows[2].account.revenue, Some(5.0));
    assert_eq!(plan.errors.len(), 2);
    assert_eq!(plan.errors[0].line, 5);
    assert!(matches!(
        plan.errors[0].problems[0],
        RowProblem::UnknownStage { .. }
    ));
    assert_eq!(plan.errors[1].line, 6);
    assert_eq!(plan.errors[1].problems, [RowProblem::MissingName]);
    assert_eq!(plan.unknown_columns, ["Favourite colour"]);
    assert!(plan.errors[0].problems[0].to_string().contains("Partner"));
}

#[test]
fn each_kind_of_bad_row_is_reported() {
    let csv = "name,revenue,category spend,attr:volume,target stage\r\n\
               A,lots,,,\r\n\
               B,1,-3,,\r\n\
               C,1,,11,\r\n\
               D,1,,7.5,\r\n\
               E,1\r\n\
               F,1,,,6\r\n\
               \"G\",1,,3,\"Integrated\"\r\n\
               ,,,,\r\n";
    let plan = plan_import(&Portfolio::default(), csv).unwrap();
    let lines: Vec<u64> = plan.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7]);
    assert!(matches!(
        plan.errors[0].problems[0],
        RowProblem::NotANumber { .. }
    ));
    assert_eq!(
        plan.errors[1].problems,
        [RowProblem::Account(AccountError::Negative {
            field: "category spend"
        })]
    );
    assert!(matches!(
        plan.errors[2].problems[0],
        RowProblem::RatingOutOfRange { .. }
    ));
    assert!(matches!(
        plan.errors[3].problems[0],
        RowProblem::RatingOutOfRange { .. }
    ));
    assert_eq!(
        plan.errors[4].problems,
        [RowProblem::FieldCount {
            expected: 5,
            found: 2
        }]
    );
    assert!(matches!(
        plan.errors[5].problems[0],
        RowProblem::UnknownStage { .. }
    ));
    assert_eq!(plan.new_rows.len(), 1, "blank trailing row is skipped");
    assert_eq!(
        plan.new_rows[0].account.target_stage,
        RelationshipStage::Integrated
    );
}

#[test]
fn rows_breaking_account_rules_are_rejected_by_line_and_the_rest_import() {
    let big = "n".repeat(5_000_000);
    let csv = format!(
        "name,revenue,notes\n\
         Good one,1,fine\n\
         Huge notes,2,{big}\n\
         \0\0\0,3,\n\
         Minus,-5000,\n\
         Good two,4,\"two\nlines\"\n"
    );
    let plan = plan_import(&Portfolio::default(), &csv).unwrap();
    let good: Vec<_> = plan
        .new_rows
        .iter()
        .map(|r| (r.line, r.account.name.as_str()))
        .collect();
    assert_eq!(good, [(2, "Good one"), (6, "Good two")]);
    let bad: Vec<(u64, Vec<String>)> = plan
        .errors
        .iter()
        .map(|e| (e.line, e.problems.iter().map(|p| p.to_string()).collect()))
        .collect();
    assert_eq!(
        bad,
        [
            (
                3,
                vec!["the notes have 5,000,000 characters; at most 10,000".to_string()]
            ),
            (
                4,
                vec![
                    "the name contains control characters (such as NUL), which are not allowed"
                        .to_string()
                ]
            ),
            (5, vec!["revenue cannot be negative".to_string()]),
        ]
    );
    assert_eq!(
        plan.errors[2].problems,
        [RowProblem::Account(AccountError::Negative {
            field: "revenue"
        })]
    );
}

#[test]
fn a_blank_name_is_reported_once_and_first() {
    let plan = plan_import(&Portfolio::default(), "name,revenue\n ,-1\n").unwrap();
    assert_eq!(
        plan.errors[0].problems,
        [
            RowProblem::MissingName,
            RowProblem::Account(AccountError::Negative { field: "revenue" })
        ]
    );
}

#[test]
fn echoed_cells_are_cut_short() {
    let huge = "x".repeat(2_000_000);
    let csv = format!("name,revenue,stage,attr:volume\nA,{huge},{huge},{huge}\n");
    let plan = plan_import(&Portfolio::default(), &csv).unwrap();
    let problems = &plan.errors[0].problems;
    assert_eq!(problems.len(), 3);
    for p in problems {
        let msg = p.to_string();
        assert!(msg.chars().count() < 120, "{msg}");
        assert!(msg.contains(&format!("{}…", "x".repeat(40))), "{msg}");
    }
}

#[test]
fn files_over_the_limit_are_refused_before_parsing() {
    let p = Portfolio::default();
    let at_limit = format!("name\n{}", "a".repeat(MAX_CSV_BYTES - 5));
    assert_eq!(at_limit.len(), MAX_CSV_BYTES);
    // Read, not refused: its one row is then too long a name.
    let plan = plan_import(&p, &at_limit).unwrap();
    assert!(matches!(
        plan.errors[0].problems[..],
        [RowProblem::Account(AccountError::TooLong {
            field: "name",
            ..
        })]
    ));
    let over = MAX_CSV_BYTES + 1;
    let text = "a".repeat(over);
    let err = plan_import(&p, &text).unwrap_err();
    assert_eq!(
        err,
        CsvError::TooLarge {
            bytes: over,
            max: MAX_CSV_BYTES
        }
    );
    assert_eq!(
        err.to_string(),
        "the file is 10.1 MB; at most 10 MB can be imported at once (split it into several files)"
    );
    // Checked before the UTF-8 check, on the bytes as they come.
    let bytes = vec![0xFF_u8; 13_002_342];
    let err = plan_import_bytes(&p, &bytes).unwrap_err();
    assert!(matches!(err, CsvError::TooLarge { .. }));
    assert!(err.to_string().starts_with("the file is 12.4 MB;"), "{err}");
}

#[test]
fn header_problems() {
    assert_eq!(plan_import(&Portfolio::default(), ""), Err(CsvError::Empty));
    assert_eq!(
        plan_import(&Portfolio::default(), "revenue,kam\n1,x\n"),
        Err(CsvError::NoNameColumn)
    );
    let plan = plan_import(
        &Portfolio::default(),
        " CUSTOMER , Key_Account-Manager ,Sponsor,Name\nA,B,C,D\n",
    )
    .unwrap();
    let a = &plan.new_rows[0].account;
    assert_eq!(
        (a.name.as_str(), a.key_account_manager.as_str()),
        ("A", "B")
    );
    assert_eq!(a.executive_sponsor, "C");
    assert_eq!(plan.repeated_columns, ["Name"]);
    // Rating columns by factor name as well as id.
    let plan = plan_import(
        &Portfolio::default(),
        "name,Attractiveness: Strategic fit,strength:Relationship,self:price\nA,4,5,6\n",
    )
    .unwrap();
    let a = &plan.new_rows[0].account;
    assert_eq!(a.attractiveness["strategic_fit"], 4);
    assert_eq!(a.strength_customer_view["relationship"], 5);
    assert_eq!(a.strength_self_view["price"], 6);
}

#[test]
fn bom_is_stripped_on_import_and_optional_on_export() {
    let plan = plan_import(&Portfolio::default(), "\u{feff}Name,Revenue\nAcme,5\n").unwrap();
    assert_eq!(plan.new_rows[0].account.name, "Acme");
    assert!(plan.unknown_columns.is_empty());
    let plan = plan_import_bytes(&Portfolio::default(), b"\xEF\xBB\xBFName\nAcme\n").unwrap();
    assert_eq!(plan.new_rows[0].account.name, "Acme");
    assert_eq!(
        plan_import_bytes(&Portfolio::default(), b"Name\nAcme\n\xFF\n"),
        Err(CsvError::NotUtf8 { line: 3 })
    );
    let p = with(&["Acme"]);
    assert!(export_csv(&p, true).unwrap().starts_with('\u{feff}'));
    assert!(export_csv(&p, false).unwrap().starts_with("id,name"));
}

#[test]
fn formula_cells_are_neutralised_but_numbers_are_not() {
    let mut p = Portfolio::default();
    let mut a = KeyAccount::new("=HYPERLINK(\"http://x\")");
    a.sector = "+cmd".into();
    a.country = "-2+3".into();
    a.key_account_manager = "@SUM(A1)".into();
    a.notes = "\tTab".into();
    a.executive_sponsor = "'quoted".into();
    a.plan_owner = "Plain".into();
    a.revenue = Some(5.0);
    a.category_spend = Some(1234.5);
    p.add_account(a.clone()).unwrap();
    let out = export_csv(&p, false).unwrap();
    let row = out.lines().nth(1).unwrap();
    assert!(row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{row}");
    assert!(row.contains(",'+cmd,"), "{row}");
    assert!(row.contains(",'-2+3,"), "{row}");
    assert!(row.contains("'@SUM(A1)"), "{row}");
    assert!(row.contains("''quoted"), "{row}");
    assert!(row.contains(",Plain,"), "{row}");
    assert!(row.contains(",5,1234.5,"), "numbers stay numbers: {row}");
    // And back: the quote comes off again.
    let plan = plan_import(&Portfolio::default(), &out).unwrap();
    let b = &plan.new_rows[0].account;
    assert_eq!(b.name, a.name);
    assert_eq!(b.sector, "+cmd");
    assert_eq!(b.country, "-2+3");
    assert_eq!(b.key_account_manager, "@SUM(A1)");
    assert_eq!(b.notes, "Tab", "text is trimmed on import");
    assert_eq!(b.executive_sponsor, "'quoted");
    assert_eq!(b.revenue, Some(5.0));
    // A user's own leading quote is kept.
    let plan = plan_import(&Portfolio::default(), "name\n'Acme\n").unwrap();
    assert_eq!(plan.new_rows[0].account.name, "'Acme");
}

#[test]
fn duplicates_within_file_and_against_existing() {
    let p = with(&["Acme Ltd"]);
    let csv = "name,revenue\n  ACME ltd ,1\nBeta,2\nbeta,3\nacme LTD,4\n";
    let plan = plan_import(&p, csv).unwrap();
    assert_eq!(plan.new_rows.len(), 1);
    assert_eq!(plan.new_rows[0].line, 3);
    let dups: Vec<(u64, DuplicateOf)> =
        plan.duplicates.iter().map(|d| (d.row.line, d.of)).collect();
    assert_eq!(
        dups,
        [
            (2, DuplicateOf::Existing(AccountId(1))),
            (4, DuplicateOf::EarlierRow(3)),
            (5, DuplicateOf::EarlierRow(2)),
        ]
    );
}

#[test]
fn skip_policy_leaves_existing_untouched() {
    let mut p = with(&["Acme"]);
    p.update_account(AccountId(1), today(), |a| a.revenue = Some(10.0))
        .unwrap();
    let plan = plan_import(&p, "name,revenue\nacme,99\nBeta,2\nBETA,3\n").unwrap();
    let s = apply(&mut p, &plan, DuplicatePolicy::Skip, today()).unwrap();
    assert_eq!(s.added.len(), 1);
    assert_eq!(s.skipped, [2, 4]);
    assert!(s.replaced.is_empty());
    assert_eq!(p.accounts.len(), 2);
    assert_eq!(p.get(AccountId(1)).unwrap().revenue, Some(10.0));
    assert_eq!(p.get(s.added[0]).unwrap().revenue, Some(2.0));
}

#[test]
fn replace_policy_keeps_id_and_records_migrations() {
    let mut p = Portfolio::default();
    let mut acme = KeyAccount::new("Acme");
    acme.sector = "Food".into();
    acme.attractiveness.insert("volume".into(), 9);
    acme.strength_customer_view.insert("quality".into(), 2);
    acme.strength_self_view.insert("quality".into(), 8);
    acme.team.push(Default::default());
    let id = p.add_account(acme).unwrap();
    let csv = "name,revenue,stage,attr:volume,strength:quality,self:quality\n\
               ACME,500,Basic,9,8,\n\
               New,1,,,,\n\
               new,2,,,,\n";
    let plan = plan_import(&p, csv).unwrap();
    let s = apply(&mut p, &plan, DuplicatePolicy::Replace, today()).unwrap();
    assert_eq!(p.accounts.len(), 2);
    let a = p.get(id).unwrap();
    assert_eq!(a.name, "ACME");
    assert_eq!(a.revenue, Some(500.0));
    assert_eq!(a.sector, "Food", "columns absent from the file are kept");
    assert_eq!(a.team.len(), 1);
    assert!(
        a.strength_self_view.is_empty(),
        "blank rating cell clears it"
    );
    assert_eq!(s.replaced, [id, s.added[0]]);
    // Within the file the last row wins.
    assert_eq!(p.get(s.added[0]).unwrap().revenue, Some(2.0));
    let kinds: Vec<_> = s.migrations.iter().map(|m| &m.kind).collect();
    assert_eq!(
        kinds,
        [
            &MigrationKind::Category {
                from: Some(Category::Star),
                to: Some(Category::Strategic)
            },
            &MigrationKind::Stage {
                from: RelationshipStage::Exploratory,
                to: RelationshipStage::Basic
            }
        ]
    );
    assert!(s
        .migrations
        .iter()
        .all(|m| m.cause == MigrationCause::Import && m.date == today()));
    assert_eq!(p.migrations.len(), 2);
}

#[test]
fn keep_both_policy_adds_everything() {
    let mut p = with(&["Acme"]);
    let plan = plan_import(&p, "name\nAcme\nacme\n").unwrap();
    let s = apply(&mut p, &plan, DuplicatePolicy::KeepBoth, today()).unwrap();
    assert_eq!(s.added, [AccountId(2), AccountId(3)]);
    assert_eq!(p.accounts.len(), 3);
}

#[test]
fn replace_survives_an_account_removed_since_planning() {
    let mut p = with(&["Acme"]);
    let plan = plan_import(&p, "name\nacme\n").unwrap();
    p.remove_account(AccountId(1)).unwrap();
    let s = apply(&mut p, &plan, DuplicatePolicy::Replace, today()).unwrap();
    assert_eq!(s.added, [AccountId(2)]);
}

#[test]
fn export_import_round_trip_of_all_fields() {
    let mut p = Portfolio::default();
    let mut a = KeyAccount::new("Acme, \"the\" company; Europe");
    a.sector = "Food".into();
    a.country = "Deutschland ü".into();
    a.revenue = Some(1234567.89);
    a.category_spend = Some(5e6);
    a.key_account_manager = "Dana".into();
    a.executive_sponsor = "Kim".into();
    a.plan_owner = "Lee".into();
    a.current_stage = RelationshipStage::Interdependent;
    a.target_stage = RelationshipStage::Integrated;
    a.notes = "multi\r\nline".into();
    a.attractiveness = [("volume".to_string(), 7), ("legacy".to_string(), 3)].into();
    a.strength_customer_view = [("quality".to_string(), 0)].into();
    a.strength_self_view = [("price".to_string(), 10)].into();
    p.add_account(a.clone()).unwrap();
    let out = export_csv(&p, true).unwrap();
    let mut q = Portfolio::default();
    let plan = plan_import(&q, &out).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert!(
        plan.unknown_columns.is_empty(),
        "{:?}",
        plan.unknown_columns
    );
    apply(&mut q, &plan, DuplicatePolicy::Skip, today()).unwrap();
    assert_eq!(q.accounts, p.accounts);
    assert_eq!(export_csv(&q, true).unwrap(), out);
}

#[test]
fn ten_thousand_rows_import_then_reimport_as_duplicates() {
    let mut p = Portfolio::default();
    let mut csv = String::from("name,revenue,kam,attr:volume,strength:quality\n");
    for i in 0..10_000 {
        csv.push_str(&format!(
            "Account {i},{i}.5,KAM {},{},{}\n",
            i % 40,
            i % 11,
            i % 7
        ));
    }
    let plan = plan_import(&p, &csv).unwrap();
    assert_eq!(plan.new_rows.len(), 10_000);
    assert!(plan.errors.is_empty());
    apply(&mut p, &plan, DuplicatePolicy::Skip, today()).unwrap();
    // Every row landed with its own values, in file order.
    for (i, a) in (0u32..).zip(&p.accounts) {
        assert_eq!(a.name, format!("Account {i}"));
        assert_eq!(a.revenue, Some(f64::from(i) + 0.5));
        assert_eq!(a.key_account_manager, format!("KAM {}", i % 40));
        assert_eq!(a.attractiveness["volume"], (i % 11) as u8);
        assert_eq!(a.strength_customer_view["quality"], (i % 7) as u8);
    }
    let again = plan_import(&p, &csv).unwrap();
    assert_eq!(again.duplicates.len(), 10_000);
    assert!(again
        .duplicates
        .iter()
        .zip(&p.accounts)
        .all(|(d, a)| d.of == DuplicateOf::Existing(a.id)));
    let s = apply(&mut p, &again, DuplicatePolicy::Replace, today()).unwrap();
    assert_eq!(s.replaced.len(), 10_000);
    assert_eq!(p.accounts.len(), 10_000);
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn names_survive_export_and_import(
            names in proptest::collection::vec("[a-zA-Z0-9 ,\"'=+@\\-ü€]{1,16}", 1..8),
            breaks in "[\t\r\n]{0,3}",
        ) {
            let mut p = Portfolio::default();
            let mut expected = Vec::new();
            for n in &names {
                if n.trim().is_empty() {
                    continue;
                }
                // Line breaks and tabs are allowed in notes only.
                let mut a = KeyAccount::new(n.clone());
                a.notes = format!("{breaks}{n}{breaks}");
                p.add_account(a).unwrap();
                expected.push(n.trim().to_string());
            }
            let out = export_csv(&p, true).unwrap();
            let mut q = Portfolio::default();
            let plan = plan_import(&q, &out).unwrap();
            prop_assert!(plan.errors.is_empty(), "{:?}", plan.errors);
            apply(&mut q, &plan, DuplicatePolicy::KeepBoth, today()).unwrap();
            let got: Vec<String> = q.accounts.iter().map(|a| a.name.clone()).collect();
            prop_assert_eq!(&got, &expected);
            let notes: Vec<String> = q.accounts.iter().map(|a| a.notes.clone()).collect();
            prop_assert_eq!(notes, expected);
        }

        /// Whatever the separator, a file written with it is read with it:
        /// names and notes holding any separator, quotes and line ends, and
        /// amounts written as that file writes numbers.
        #[test]
        fn any_separator_is_detected_and_read(
            rows in proptest::collection::vec(
                ("[a-zA-Z0-9 ,;\"'ü€]{1,12}", "[a-z ,;\t\"\n]{0,12}", 0u32..10_000_000, 0u8..100),
                1..6,
            ),
            which in 0usize..3,
            grouped in any::<bool>(),
        ) {
            let separator = [Separator::Comma, Separator::Semicolon, Separator::Tab][which];
            let mut w = ::csv::WriterBuilder::new().delimiter(separator.byte()).from_writer(Vec::new());
            w.write_record(["Name", "Notes", "Revenue"]).unwrap();
            let mut expected = Vec::new();
            for (i, (name, notes, whole, cents)) in rows.iter().enumerate() {
                let name = format!("{i} {name}");
                let amount = f64::from(*whole) + f64::from(*cents) / 100.0;
                let mut digits = whole.to_string();
                if grouped {
                    let group = if separator.decimal_mark() == ',' { '.' } else { ',' };
                    let mut out = String::new();
                    for (k, c) in digits.chars().enumerate() {
                        if k > 0 && (digits.len() - k) % 3 == 0 {
                            out.push(group);
                        }
                        out.push(c);
                    }
                    digits = out;
                }
                let written = format!("{digits}{}{cents:02}", separator.decimal_mark());
                w.write_record([name.as_str(), notes.as_str(), written.as_str()]).unwrap();
                expected.push((name.trim().to_string(), notes.trim().to_string(), Some(amount)));
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            prop_assert_eq!(Separator::detect(&text), separator);
            let plan = plan_import(&Portfolio::default(), &text).unwrap();
            prop_assert!(plan.errors.is_empty(), "{:?}\n{}", plan.errors, text);
            let got: Vec<(String, String, Option<f64>)> = plan
                .new_rows
                .iter()
                .map(|r| (r.account.name.clone(), r.account.notes.clone(), r.account.revenue))
                .collect();
            prop_assert_eq!(got, expected);
        }

        /// Any text at all: planning never panics, every row is accounted
        /// for once, and no row is read past a line where a quote broke.
        #[test]
        fn any_text_plans_and_every_line_is_accounted_for(text in "[ab\",;\n\r]{0,60}") {
            let csv = format!("name,notes\n{text}");
            if let Ok(plan) = plan_import(&Portfolio::default(), &csv) {
                let mut lines: Vec<u64> = plan.new_rows.iter().map(|r| r.line)
                    .chain(plan.duplicates.iter().map(|d| d.row.line))
                    .chain(plan.errors.iter().map(|e| e.line))
                    .collect();
                let n = lines.len();
                lines.sort_unstable();
                lines.dedup();
                prop_assert_eq!(lines.len(), n, "a line read twice");
                prop_assert!(lines.iter().all(|&l| l >= 2));
                let rejected = rejected_rows_csv(&csv, &plan.errors).unwrap();
                prop_assert!(rejected.starts_with("name,notes\r\n"));
            }
        }
    }
}

#[test]
fn unknown_headers_are_listed_even_without_a_name_column() {
    let p = Portfolio::default();
    let csv = "Client,Turnover,Region\r\nAcme,100,North\r\n";
    assert_eq!(plan_import(&p, csv).unwrap_err(), CsvError::NoNameColumn);
    assert_eq!(unknown_headers(&p, csv).unwrap(), vec!["Client", "Region"]);
}

#[test]
fn renamed_headers_import_and_keep_line_numbers() {
    let p = Portfolio::default();
    let csv = "\u{feff}\"Client, legal\",Turnover,Region\r\nAcme,100,North\r\n,5,South\r\nBeta,\"1,5\",East\r\n";
    let renamed = rename_headers(
        csv,
        &[
            ("Client, legal".into(), "name".into()),
            ("Region".into(), "country".into()),
        ],
    )
    .unwrap();
    assert!(
        renamed.starts_with("name,Turnover,country\r\nAcme,100,North\r\n"),
        "{renamed}"
    );
    let plan = plan_import(&p, &renamed).unwrap();
    assert_eq!(plan.new_rows.len(), 1);
    assert_eq!(plan.new_rows[0].account.country, "North");
    assert_eq!(plan.new_rows[0].account.revenue, Some(100.0));
    let lines: Vec<u64> = plan.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 4]);
}

#[test]
fn every_mapping_target_is_recognised() {
    let p = Portfolio::default();
    for (header, _) in mapping_targets(&p) {
        assert!(map_header(&p, &header).is_some(), "{header}");
    }
    assert!(mapping_targets(&p)
        .iter()
        .any(|(h, l)| h == "attr:volume" && l == "Attractiveness: Volume"));
}

#[test]
fn renaming_an_empty_file_is_an_error() {
    assert_eq!(rename_headers("", &[]), Err(CsvError::Empty));
}

#[test]
fn excel_semicolon_and_tab_files_are_read_by_their_separator() {
    let p = Portfolio::default();
    // As Excel saves "CSV" in a German or French locale.
    let semi =
        "\u{feff}Name;Umsatz;KAM;Notes\r\nAcme GmbH;1200;Dana;\"a; b, c\"\r\nBeta SA;;Eli;\r\n";
    let plan = plan_import(&p, semi).unwrap();
    assert_eq!(plan.separator, Separator::Semicolon);
    assert_eq!(plan.separator.label(), "semicolon");
    let got: Vec<(&str, &str, &str)> = plan
        .new_rows
        .iter()
        .map(|r| {
            (
                r.account.name.as_str(),
                r.account.key_account_manager.as_str(),
                r.account.notes.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("Acme GmbH", "Dana", "a; b, c"), ("Beta SA", "Eli", "")]
    );
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(plan.unknown_columns, ["Umsatz"]);

    let tab = plan_import(&p, "Name\tCountry\nAcme\tUK\n").unwrap();
    assert_eq!(tab.separator, Separator::Tab);
    assert_eq!(tab.new_rows[0].account.country, "UK");

    // Separators inside quotes don't count; comma when there is none or a tie.
    assert_eq!(
        Separator::detect("\"Notes; more; still\",Name\nx;y,Acme\n"),
        Separator::Comma
    );
    assert_eq!(
        Separator::detect("\"a,b,c\";Name;x\n1,2,3,4,5\n"),
        Separator::Semicolon
    );
    assert_eq!(Separator::detect("Name\nAcme;Beta\n"), Separator::Comma);
    assert_eq!(Separator::detect("a,b;c\n"), Separator::Comma);
    assert_eq!(Separator::detect(""), Separator::Comma);
    let comma = plan_import(&p, "Name,Country\nAcme;Beta,UK\n").unwrap();
    assert_eq!(comma.separator, Separator::Comma);
    assert_eq!(comma.new_rows[0].account.name, "Acme;Beta");
}

#[test]
fn header_mapping_keeps_the_files_separator() {
    let p = Portfolio::default();
    let csv = "Client;Turnover;Region\r\nAcme;100;North\r\n";
    assert_eq!(plan_import(&p, csv).unwrap_err(), CsvError::NoNameColumn);
    assert_eq!(unknown_headers(&p, csv).unwrap(), ["Client", "Region"]);
    let renamed = rename_headers(csv, &[("Client".into(), "name".into())]).unwrap();
    assert_eq!(renamed, "name;Turnover;Region\r\nAcme;100;North\r\n");
    let plan = plan_import(&p, &renamed).unwrap();
    assert_eq!(plan.separator, Separator::Semicolon);
    assert_eq!(plan.new_rows[0].account.name, "Acme");
}

#[test]
fn a_blank_revenue_is_not_entered_both_ways() {
    let mut p = Portfolio::default();
    let mut a = KeyAccount::new("Acme");
    a.revenue = Some(100.0);
    let acme = p.add_account(a).unwrap();
    p.add_account(KeyAccount::new("Beta")).unwrap();
    let out = export_csv(&p, false).unwrap();
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(rows[0].starts_with("1,Acme,,,100,"), "{}", rows[0]);
    assert!(rows[1].starts_with("2,Beta,,,,"), "{}", rows[1]);
    let plan = plan_import(&Portfolio::default(), &out).unwrap();
    let revenues: Vec<Option<f64>> = plan.new_rows.iter().map(|r| r.account.revenue).collect();
    assert_eq!(revenues, [Some(100.0), None]);
    // A replace from a file whose revenue cell is blank clears it: the file
    // says "not entered", as a blank rating cell says "not rated".
    let plan = plan_import(&p, "name,revenue\nacme,\n").unwrap();
    apply(&mut p, &plan, DuplicatePolicy::Replace, today()).unwrap();
    assert_eq!(p.get(acme).unwrap().revenue, None);
}

#[test]
fn the_import_count_follows_the_duplicate_choice() {
    let mut p = with(&["Acme", "Beta"]);
    let csv = "name,revenue\nacme,1\nNew one,2\nbeta,3\nNew two,4\nnew TWO,5\nbad,lots\n";
    let plan = plan_import(&p, csv).unwrap();
    assert_eq!((plan.new_rows.len(), plan.duplicates.len()), (2, 3));
    assert_eq!(plan.rows_to_import(DuplicatePolicy::Skip), 2);
    assert_eq!(plan.rows_to_import(DuplicatePolicy::Replace), 5);
    assert_eq!(plan.rows_to_import(DuplicatePolicy::KeepBoth), 5);
    let why: Vec<String> = plan.duplicates.iter().map(|d| d.of.describe()).collect();
    assert_eq!(
        why,
        [
            "already in the portfolio",
            "already in the portfolio",
            "same name as line 5"
        ]
    );
    // The count is what apply then does.
    let mut q = p.clone();
    let s = apply(&mut q, &plan, DuplicatePolicy::Skip, today()).unwrap();
    assert_eq!(s.added.len() + s.replaced.len(), 2);
    let s = apply(&mut p, &plan, DuplicatePolicy::Replace, today()).unwrap();
    assert_eq!(s.added.len() + s.replaced.len(), 5);
}

#[test]
fn rejected_rows_download_as_the_file_wrote_them() {
    let csv = "\u{feff}Name;Revenue;Notes\r\n\
               Acme;1;ok\r\n\
               ;5;\"no\r\nname\"\r\n\
               Beta;lots;\"x; y\"\r\n\
               \r\n\
               Gamma;2;\r\n\
               Delta;-1;\r\n\
               Short;3\n\
               Epsilon;4;last";
    let plan = plan_import(&Portfolio::default(), csv).unwrap();
    let lines: Vec<u64> = plan.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 5, 8, 9]);
    let rejected = rejected_rows_csv(csv, &plan.errors).unwrap();
    assert_eq!(
        rejected,
        "\u{feff}Name;Revenue;Notes\r\n;5;\"no\r\nname\"\r\nBeta;lots;\"x; y\"\r\nDelta;-1;\r\nShort;3\r\n"
    );
    // Fixed or not, the file reads again with the same problems.
    let again = plan_import(&Portfolio::default(), &rejected).unwrap();
    let problems = |p: &ImportPlan| -> Vec<Vec<RowProblem>> {
        p.errors.iter().map(|e| e.problems.clone()).collect()
    };
    assert_eq!(problems(&again), problems(&plan));
    assert!(again.new_rows.is_empty());
    // No errors: the header alone.
    assert_eq!(rejected_rows_csv("name\nAcme\n", &[]).unwrap(), "name\r\n");
    assert_eq!(rejected_rows_csv("", &[]), Err(CsvError::Empty));
}

#[test]
fn numbers_read_with_the_files_decimal_mark() {
    let p = Portfolio::default();
    // As Excel writes them where the comma is the decimal mark.
    let semi = "Name;Revenue;Category spend;attr:volume\r\n\
                Acme;1.234,5;2.000.000;7,0\r\n\
                Beta;12,75;1 500,25;\r\n\
                Gamma;1234.5;,5;\r\n\
                Delta;1,234.5;;\r\n\
                Eps;12.34.5;;\r\n";
    let plan = plan_import(&p, semi).unwrap();
    let read: Vec<(&str, Option<f64>, Option<f64>)> = plan
        .new_rows
        .iter()
        .map(|r| {
            (
                r.account.name.as_str(),
                r.account.revenue,
                r.account.category_spend,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("Acme", Some(1234.5), Some(2_000_000.0)),
            ("Beta", Some(12.75), Some(1500.25)),
            // A plain point number is not ambiguous: read as written.
            ("Gamma", Some(1234.5), Some(0.5)),
        ]
    );
    assert_eq!(plan.new_rows[0].account.attractiveness["volume"], 7);
    let bad: Vec<(u64, String)> = plan
        .errors
        .iter()
        .map(|e| (e.line, e.problems[0].to_string()))
        .collect();
    assert_eq!(
        bad,
        [
            (
                5,
                "revenue: \"1,234.5\" is not a number (such as 1.234,5)".to_string()
            ),
            (
                6,
                "revenue: \"12.34.5\" is not a number (such as 1.234,5)".to_string()
            ),
        ]
    );
    // A comma file: the comma only groups thousands; a decimal comma is refused, not guessed.
    let comma = "Name,Revenue\nAcme,\"1,234.5\"\nBeta,\"1,5\"\nGamma,\"1,234,567\"\n";
    let plan = plan_import(&p, comma).unwrap();
    let revenues: Vec<Option<f64>> = plan.new_rows.iter().map(|r| r.account.revenue).collect();
    assert_eq!(revenues, [Some(1234.5), Some(1_234_567.0)]);
    assert_eq!(
        plan.errors[0].problems[0].to_string(),
        "revenue: \"1,5\" is not a number (such as 1,234.5)"
    );
    assert_eq!(plan.errors[0].line, 3);
}

#[test]
fn number_grouping_must_be_in_threes() {
    use super::import::parse_number;
    let semi = Separator::Semicolon;
    let comma = Separator::Comma;
    for (text, sep, want) in [
        ("1.234.567,891", semi, Some(1_234_567.891)),
        ("+3", semi, Some(3.0)),
        ("-12,75", semi, Some(-12.75)),
        ("'-5", comma, Some(-5.0)),
        ("1\u{a0}234", comma, Some(1234.0)),
        ("12.345", semi, Some(12_345.0)),
        ("12.34", semi, Some(12.34)),
        ("1234.567,5", semi, None),
        ("1.23.456", semi, None),
        (".234,5", semi, None),
        ("1,", semi, None),
        ("1,2,3", semi, None),
        ("1 234.5", semi, None),
        ("-", comma, None),
        ("", comma, None),
        ("inf", comma, None),
        ("1e400", comma, None),
    ] {
        assert_eq!(
            parse_number(text, sep),
            want,
            "{text:?} in a {} file",
            sep.label()
        );
    }
    assert_eq!(
        Separator::Semicolon.describe(),
        "Fields separated by semicolons (detected from the header row); numbers read with a decimal comma, as in 1.234,5."
    );
}

#[test]
fn a_quote_never_closed_costs_its_row_only() {
    let p = Portfolio::default();
    let csv = "Name,Revenue\r\nAcme,1\r\n\"Beta,2\r\nGamma,3\r\nDelta,4\r\n";
    let plan = plan_import(&p, csv).unwrap();
    let names: Vec<(u64, &str)> = plan
        .new_rows
        .iter()
        .map(|r| (r.line, r.account.name.as_str()))
        .collect();
    assert_eq!(names, [(2, "Acme"), (4, "Gamma"), (5, "Delta")]);
    assert_eq!(plan.errors.len(), 1);
    assert_eq!(plan.errors[0].line, 3);
    assert_eq!(
        plan.errors[0].problems,
        [RowProblem::UnclosedQuote { opened: 3 }]
    );
    assert!(plan.errors[0].problems[0]
        .to_string()
        .starts_with("a quote (\") opened on line 3 is never closed"));
    // The row as written goes to the download, and reads the same way again.
    let rejected = rejected_rows_csv(csv, &plan.errors).unwrap();
    assert_eq!(rejected, "Name,Revenue\r\n\"Beta,2\r\n");
    let again = plan_import(&p, &rejected).unwrap();
    assert_eq!(again.errors[0].line, 2);
    assert_eq!(
        again.errors[0].problems,
        [RowProblem::UnclosedQuote { opened: 2 }]
    );

    // A quote left open that a later row's quote closes: that row is not swallowed.
    let csv = "name,notes\nA,\"oops\n\nB,\"x, y\"\nC,ok\n";
    let plan = plan_import(&p, csv).unwrap();
    let names: Vec<&str> = plan
        .new_rows
        .iter()
        .map(|r| r.account.name.as_str())
        .collect();
    assert_eq!(names, ["B", "C"]);
    assert_eq!(plan.new_rows[0].account.notes, "x, y");
    assert_eq!(
        plan.errors[0].problems,
        [RowProblem::QuoteRunsOver {
            opened: 2,
            closed: 4
        }]
    );
    assert_eq!(plan.errors[0].line, 2);
    // A quoted cell over several lines, closed properly, is one cell.
    let plan = plan_import(&p, "name,notes\nA,\"two\nlines\"\nB,x\n").unwrap();
    assert!(plan.errors.is_empty());
    assert_eq!(plan.new_rows[0].account.notes, "two\nlines");
    assert_eq!(plan.new_rows[1].line, 4);
    // Lines are counted past a quote that runs over, whatever ends them
    // (found by the property test below: a lone \r, then \n).
    let plan = plan_import(&p, "name,notes\n\"\ra\n\"\"\";").unwrap();
    let mut lines: Vec<u64> = plan.errors.iter().map(|e| e.line).collect();
    lines.extend(plan.new_rows.iter().map(|r| r.line));
    lines.sort_unstable();
    assert_eq!(lines, [2, 3, 4]);
    // In the header nothing can be told apart: the file is refused.
    assert_eq!(
        plan_import(&p, "\"Name,Revenue\nAcme,1\n"),
        Err(CsvError::HeaderQuote { line: 1 })
    );
    assert_eq!(
        unknown_headers(&p, "\"Name,Revenue\nAcme,1\n"),
        Err(CsvError::HeaderQuote { line: 1 })
    );
}

#[test]
fn a_header_alone_is_a_plan_with_no_rows() {
    let p = Portfolio::default();
    for csv in [
        "Name,Revenue",
        "Name,Revenue\r\n",
        "\u{feff}Name;Revenue\r\n\r\n\r\n",
    ] {
        let plan = plan_import(&p, csv).unwrap();
        assert!(plan.has_no_rows(), "{csv:?}");
        assert!(plan.is_empty());
    }
    let plan = plan_import(&p, "Name\n,\n ,\nbad\u{0}\n").unwrap();
    assert!(!plan.has_no_rows(), "a row with an error is a row");
}

#[test]
fn files_are_read_as_text_or_refused_with_what_they_are() {
    let p = Portfolio::default();
    let utf16 = |text: &str, le: bool| -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            out.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    };
    // Excel's "Unicode Text": UTF-16 with a BOM, tab separated.
    for le in [true, false] {
        let plan = plan_import_bytes(&p, &utf16("Name\tCountry\r\nMüller AG\tDE\r\n", le)).unwrap();
        assert_eq!(plan.separator, Separator::Tab);
        assert_eq!(plan.new_rows[0].account.name, "Müller AG");
    }
    let mut broken = utf16("Name\r\nA\r\n", true);
    broken.extend([0x00, 0xD8, 0x41, 0x00]);
    assert_eq!(
        plan_import_bytes(&p, &broken),
        Err(CsvError::NotUtf16 { line: 3 })
    );
    let mut workbook = b"PK\x03\x04".to_vec();
    workbook.extend([0x14, 0, 6, 0, 8, 0, 0, 0]);
    let err = plan_import_bytes(&p, &workbook).unwrap_err();
    assert_eq!(err.to_string(), "the file is a spreadsheet workbook (.xlsx or .ods), not CSV: save it as \"CSV UTF-8\" and import that");
    assert!(matches!(
        plan_import_bytes(&p, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"),
        Err(CsvError::Workbook { kind: ".xls" })
    ));
    // Binary garbage: the first byte that is not text, by line.
    let garbage: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let line = 1 + garbage
        .iter()
        .take(std::str::from_utf8(&garbage).unwrap_err().valid_up_to())
        .filter(|&&b| b == b'\n')
        .count() as u64;
    assert_eq!(
        plan_import_bytes(&p, &garbage),
        Err(CsvError::NotUtf8 { line })
    );
}
