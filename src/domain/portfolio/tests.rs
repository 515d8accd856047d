use super::*;
use crate::domain::date::IsoDate;
use std::collections::BTreeMap;

const DAY1: &str = "2026-01-15";
const DAY2: &str = "2026-02-20";
const DAY3: &str = "2026-03-31";

fn d(date: &str) -> IsoDate {
    date.parse().unwrap()
}

fn f(id: &str, w: u32) -> Factor {
    Factor::new(id, id, w)
}

fn ratings(pairs: &[(&str, u8)]) -> Ratings {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// All factors of both default axes rated `attr` / `strength`.
fn rated(name: &str, attr: u8, strength: u8) -> KeyAccount {
    let c = Criteria::default();
    let mut a = KeyAccount::new(name);
    a.attractiveness = c
        .attractiveness
        .iter()
        .map(|f| (f.id.clone(), attr))
        .collect();
    a.strength_customer_view = c
        .strength
        .iter()
        .map(|f| (f.id.clone(), strength))
        .collect();
    a
}

#[test]
fn weights_must_sum_to_exactly_100() {
    assert_eq!(
        validate_weights(&[f("a", 50), f("b", 49)]),
        Err(WeightsError::Sum { actual: 99 })
    );
    assert_eq!(validate_weights(&[f("a", 50), f("b", 50)]), Ok(()));
    assert_eq!(
        validate_weights(&[f("a", 50), f("b", 51)]),
        Err(WeightsError::Sum { actual: 101 })
    );
    assert_eq!(validate_weights(&[]), Err(WeightsError::Empty));
    assert_eq!(
        validate_weights(&[f("a", 50), f("a", 50)]),
        Err(WeightsError::DuplicateId("a".into()))
    );
    assert_eq!(validate_weights(&[f(" ", 100)]), Err(WeightsError::EmptyId));
    assert!(WeightsError::Sum { actual: 99 }.to_string().contains("99"));
    assert_eq!(
        validate_weights(&Criteria::default().attractiveness),
        Ok(())
    );
    assert_eq!(validate_weights(&Criteria::default().strength), Ok(()));
}

#[test]
fn weighted_score_by_hand() {
    let fs = [f("a", 30), f("b", 25), f("c", 25), f("d", 20)];
    // 0.30*8 + 0.25*6 + 0.25*4 + 0.20*10 = 2.4 + 1.5 + 1.0 + 2.0 = 6.9
    let r = ratings(&[("a", 8), ("b", 6), ("c", 4), ("d", 10)]);
    let s = weighted_score(&r, &fs).unwrap().unwrap();
    assert!((s - 6.9).abs() < 1e-9, "{s}");
    assert!(unrated_factors(&r, &fs).is_empty());
}

#[test]
fn unrated_factors_are_missing_not_zero() {
    let fs = [f("a", 30), f("b", 25), f("c", 25), f("d", 20)];
    // Only a and d: (30*8 + 20*10) / 50 = 8.8, not 4.4 as zeros would give.
    let r = ratings(&[("a", 8), ("d", 10), ("gone", 0)]);
    let s = weighted_score(&r, &fs).unwrap().unwrap();
    assert!((s - 8.8).abs() < 1e-9, "{s}");
    assert_eq!(unrated_factors(&r, &fs), vec!["b", "c"]);
    assert_eq!(weighted_score(&Ratings::new(), &fs), Ok(None));
    // Only a zero-weight factor rated: nothing to weigh.
    let fz = [f("a", 0), f("b", 100)];
    assert_eq!(weighted_score(&ratings(&[("a", 7)]), &fz), Ok(None));
    // Out-of-range rating and bad weights are errors, not scores.
    assert!(matches!(
        weighted_score(&ratings(&[("a", 11)]), &fs),
        Err(ScoreError::RatingOutOfRange { value: 11, .. })
    ));
    assert_eq!(
        weighted_score(&r, &[f("a", 90)]),
        Err(ScoreError::Weights(WeightsError::Sum { actual: 90 }))
    );
}

#[test]
fn strength_gap_is_self_minus_customer() {
    let fs = [f("a", 60), f("b", 40)];
    let g = strength_gap(
        &ratings(&[("a", 4), ("b", 7)]),
        &ratings(&[("a", 8), ("b", 6)]),
        &fs,
    )
    .unwrap();
    assert_eq!(g.factors[0].gap, 4);
    assert_eq!(g.factors[1].gap, -1);
    // 0.6*4 + 0.4*(-1) = 2.0
    assert!((g.overall.unwrap() - 2.0).abs() < 1e-9);
    // Self view only partly given: only common factors count.
    let g = strength_gap(&ratings(&[("a", 4), ("b", 7)]), &ratings(&[("b", 9)]), &fs).unwrap();
    assert_eq!(g.factors.len(), 1);
    assert!((g.overall.unwrap() - 2.0).abs() < 1e-9);
    let g = strength_gap(&ratings(&[("a", 4)]), &Ratings::new(), &fs).unwrap();
    assert_eq!(g.overall, None);
}

#[test]
fn quadrant_boundary_at_the_split_counts_as_high() {
    assert_eq!(categorise(5.0, 5.0, 5.0), Category::Strategic);
    assert_eq!(categorise(5.0, 4.999, 5.0), Category::Star);
    assert_eq!(categorise(4.999, 5.0, 5.0), Category::Status);
    assert_eq!(categorise(4.999, 4.999, 5.0), Category::Streamline);
    assert_eq!(categorise(10.0, 0.0, 5.0), Category::Star);
    // Custom split.
    assert_eq!(categorise(6.0, 6.0, 6.5), Category::Streamline);
    assert_eq!(categorise(6.5, 6.5, 6.5), Category::Strategic);
    assert_eq!(categorise(7.0, 6.4, 6.5), Category::Star);
    assert_eq!(categorise(f64::NAN, 9.0, 5.0), Category::Status);
    assert_eq!(validate_split(0.0), Err(SplitError(0.0)));
    assert_eq!(validate_split(10.0), Err(SplitError(10.0)));
    assert!(matches!(validate_split(f64::NAN), Err(SplitError(v)) if v.is_nan()));
    assert_eq!(validate_split(0.5), Ok(()));
}

#[test]
fn account_category_needs_both_axes_rated() {
    let p = Portfolio::default();
    let mut a = rated("Acme", 5, 5);
    assert_eq!(p.category(&a), Some(Category::Strategic));
    assert!(p.fully_rated(&a));
    a.strength_customer_view.clear();
    assert_eq!(p.category(&a), None);
    assert!(!p.fully_rated(&a));
    // The self view never places the account.
    a.strength_self_view = ratings(&[("quality", 9)]);
    assert_eq!(p.category(&a), None);
}

#[test]
fn share_of_wallet_never_divides_by_zero() {
    let mut a = KeyAccount::new("Acme");
    a.revenue = Some(250.0);
    assert_eq!(a.share_of_wallet(), None);
    a.category_spend = Some(0.0);
    assert_eq!(a.share_of_wallet(), None);
    a.category_spend = Some(-5.0);
    assert_eq!(a.share_of_wallet(), None);
    a.category_spend = Some(1000.0);
    assert_eq!(a.share_of_wallet(), Some(0.25));
    assert!(!a.share_of_wallet_implausible());
    a.category_spend = Some(200.0);
    assert_eq!(a.share_of_wallet(), Some(1.25));
    assert!(a.share_of_wallet_implausible());
    assert!(a.flags().contains(&AccountFlag::ShareOfWalletOver100));
}

#[test]
fn quarters_parse_order_and_serialise() {
    let q: Quarter = "2026-Q1".parse().unwrap();
    assert_eq!((q.year(), q.quarter()), (2026, 1));
    assert_eq!(q.to_string(), "2026-Q1");
    assert!("2025-q4".parse::<Quarter>().unwrap() < q);
    for bad in [
        "2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "2026-Q12", "", "abcd-Q1",
    ] {
        assert_eq!(
            bad.parse::<Quarter>(),
            Err(QuarterError(bad.into())),
            "{bad}"
        );
    }
    assert_eq!(serde_json::to_string(&q).unwrap(), "\"2026-Q1\"");
    let err = serde_json::from_str::<Quarter>("\"2026-Q9\"").unwrap_err();
    assert!(
        err.to_string()
            .contains("\"2026-Q9\" is not a quarter: write it like 2026-Q1"),
        "{err}"
    );
}

#[test]
fn stages_order_and_parse() {
    assert!(RelationshipStage::Exploratory < RelationshipStage::Integrated);
    assert_eq!("cooperative".parse(), Ok(RelationshipStage::Cooperative));
    assert_eq!(" 4 ".parse(), Ok(RelationshipStage::Interdependent));
    assert_eq!(
        "partner".parse::<RelationshipStage>(),
        Err(StageError("partner".into()))
    );
}

#[test]
fn ids_are_never_reused() {
    let mut p = Portfolio::default();
    let a = p.add_account(KeyAccount::new("A")).unwrap();
    let b = p.add_account(KeyAccount::new("B")).unwrap();
    assert_eq!((a, b), (AccountId(1), AccountId(2)));
    p.remove_account(b).unwrap();
    let c = p.add_account(KeyAccount::new("C")).unwrap();
    assert_eq!(c, AccountId(3));
    assert_eq!(
        p.add_account(KeyAccount::new("  ")),
        Err(PortfolioError::Account(AccountError::EmptyName))
    );
}

#[test]
fn remove_says_where_the_account_was() {
    let mut p = Portfolio::default();
    let ids: Vec<_> = ["A", "B", "C"]
        .iter()
        .map(|n| p.add_account(KeyAccount::new(*n)).unwrap())
        .collect();
    let (i, acc) = p.remove_account(ids[1]).unwrap();
    assert_eq!((i, acc.name.as_str()), (1, "B"));
    assert!(p.get(ids[1]).is_none());
    assert_eq!(
        p.remove_account(ids[1]),
        Err(PortfolioError::UnknownAccount(ids[1]))
    );
}

#[test]
fn update_records_category_and_stage_migrations() {
    let mut p = Portfolio::default();
    let id = p.add_account(rated("Acme", 8, 3)).unwrap();
    assert_eq!(p.category(p.get(id).unwrap()), Some(Category::Star));
    let recs = p
        .update_account(id, d(DAY1), |a| {
            for v in a.strength_customer_view.values_mut() {
                *v = 7;
            }
            a.current_stage = RelationshipStage::Cooperative;
        })
        .unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(
        recs[0].kind,
        MigrationKind::Category {
            from: Some(Category::Star),
            to: Some(Category::Strategic)
        }
    );
    assert_eq!(
        recs[1].kind,
        MigrationKind::Stage {
            from: RelationshipStage::Exploratory,
            to: RelationshipStage::Cooperative
        }
    );
    assert!(recs
        .iter()
        .all(|r| r.date == d(DAY1) && r.account == id && r.account_name == "Acme"));
    assert_eq!(p.migrations.len(), 2);
    // A change that moves nothing records nothing.
    let recs = p
        .update_account(id, d(DAY2), |a| a.notes = "x".into())
        .unwrap();
    assert!(recs.is_empty());
    // Target stage is a plan, not a migration.
    let recs = p
        .update_account(id, d(DAY2), |a| {
            a.target_stage = RelationshipStage::Integrated
        })
        .unwrap();
    assert!(recs.is_empty());
    // Unrating is a category change to None.
    let recs = p
        .update_account(id, d(DAY3), |a| a.attractiveness.clear())
        .unwrap();
    assert_eq!(
        recs[0].kind,
        MigrationKind::Category {
            from: Some(Category::Strategic),
            to: None
        }
    );
}

#[test]
fn invalid_updates_roll_back() {
    let mut p = Portfolio::default();
    let id = p.add_account(rated("Acme", 8, 3)).unwrap();
    let err = p
        .update_account(id, d(DAY1), |a| {
            a.attractiveness.insert("volume".into(), 11);
            a.name = "Changed".into();
        })
        .unwrap_err();
    assert!(matches!(
        err,
        PortfolioError::Account(AccountError::RatingOutOfRange { value: 11, .. })
    ));
    assert_eq!(p.get(id).unwrap().name, "Acme");
    assert_eq!(
        p.update_account(AccountId(99), d(DAY1), |_| {}),
        Err(PortfolioError::UnknownAccount(AccountId(99)))
    );
    // The id can't be changed through the closure.
    p.update_account(id, d(DAY1), |a| a.id = AccountId(42))
        .unwrap();
    assert!(p.get(id).is_some());
    assert!(p.migrations.is_empty());
}

#[test]
fn problems_lists_every_problem_and_validate_the_first() {
    let mut a = KeyAccount::new("\0\0\0");
    a.revenue = Some(-5000.0);
    a.category_spend = Some(f64::NAN);
    a.sector = "x".repeat(MAX_LINE_CHARS + 1);
    a.notes = "ok\nwith\ttabs\r\n".into();
    a.attractiveness = ratings(&[("volume", 200), ("growth", 11), ("fit", 10)]);
    a.team.push(TeamMember {
        name: "Bell\u{7}".into(),
        ..TeamMember::default()
    });
    let got = a.problems();
    assert_eq!(
        got,
        [
            AccountError::ControlCharacters { field: "name" },
            AccountError::TooLong {
                field: "sector",
                chars: 201,
                max: 200
            },
            AccountError::ControlCharacters {
                field: "team member name"
            },
            AccountError::RatingOutOfRange {
                view: RatingView::Attractiveness,
                factor: "growth".into(),
                value: 11
            },
            AccountError::RatingOutOfRange {
                view: RatingView::Attractiveness,
                factor: "volume".into(),
                value: 200
            },
            AccountError::Negative { field: "revenue" },
            AccountError::NotFinite {
                field: "category spend"
            },
        ]
    );
    assert_eq!(a.validate(), Err(got[0].clone()));
    assert_eq!(
        got[0].to_string(),
        "the name contains control characters (such as NUL), which are not allowed"
    );
    assert_eq!(got[2].field(), "team");
    assert_eq!(got[6].field(), "category_spend");
    // Characters, not bytes: 200 three-byte characters are fine.
    assert!(KeyAccount::new("€".repeat(MAX_NAME_CHARS))
        .problems()
        .is_empty());
    let mut b = KeyAccount::new("y".repeat(5_000_000));
    b.notes = "n".repeat(MAX_NOTES_CHARS + 1);
    let msgs: Vec<String> = b.problems().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "the name has 5,000,000 characters; at most 200",
            "the notes have 10,001 characters; at most 10,000"
        ]
    );
    b.notes = "a\0b".into();
    assert_eq!(
        b.problems()[1].to_string(),
        "the notes contain control characters (such as NUL), which are not allowed"
    );
    assert_eq!(
        KeyAccount::new(" ").problems(),
        [AccountError::EmptyName],
        "blank is empty, not a control character"
    );
}

#[test]
fn numbers_and_excerpts_for_messages() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(12_345_678), "12,345,678");
    assert_eq!(excerpt("short"), "short");
    assert_eq!(excerpt("a\0b"), "a\u{fffd}b");
    let long = excerpt(&"z".repeat(5_000_000));
    assert_eq!(long.chars().count(), EXCERPT_CHARS + 1);
    assert!(long.ends_with('…'));
}

#[test]
fn a_bad_stored_value_does_not_block_edits() {
    let mut p: Portfolio = serde_json::from_str(
        r#"{"accounts":[{"id":1,"name":"Acme","category_spend":-5}],"next_id":2}"#,
    )
    .unwrap();
    let id = AccountId(1);
    let neg = AccountError::Negative {
        field: "category spend",
    };
    assert_eq!(p.get(id).unwrap().problems(), std::slice::from_ref(&neg));
    // Another field: goes through, the old problem stays.
    p.update_account(id, d(DAY1), |a| a.name = "Acme Ltd".into())
        .unwrap();
    assert_eq!(p.get(id).unwrap().name, "Acme Ltd");
    // Still bad but no worse: not a new problem.
    p.update_account(id, d(DAY1), |a| a.category_spend = Some(-7.0))
        .unwrap();
    // A new problem is refused, and it is the one reported.
    let err = p
        .update_account(id, d(DAY1), |a| {
            a.attractiveness.insert("volume".into(), 11);
        })
        .unwrap_err();
    assert_eq!(
        err,
        PortfolioError::Account(AccountError::RatingOutOfRange {
            view: RatingView::Attractiveness,
            factor: "volume".into(),
            value: 11
        })
    );
    assert!(p.get(id).unwrap().attractiveness.is_empty(), "rolled back");
    // The fix goes through and the problem is gone.
    p.update_account(id, d(DAY1), |a| a.category_spend = Some(10.0))
        .unwrap();
    assert!(p.get(id).unwrap().problems().is_empty());
    // Now clean, making it bad again is refused.
    assert_eq!(
        p.update_account(id, d(DAY1), |a| a.category_spend = Some(-5.0)),
        Err(PortfolioError::Account(neg))
    );
}

#[test]
fn a_second_problem_of_the_same_kind_is_new() {
    let mut a = KeyAccount::new("Acme");
    a.measures = vec![QuarterMeasure::new("2026-Q1".parse().unwrap())];
    a.measures[0].revenue = f64::NAN;
    let mut p = Portfolio {
        accounts: vec![a],
        next_id: 2,
        ..Portfolio::default()
    };
    p.accounts[0].id = AccountId(1);
    let mut m = QuarterMeasure::new("2026-Q2".parse().unwrap());
    m.days_with_customer = f64::INFINITY;
    assert_eq!(
        p.update_account(AccountId(1), d(DAY1), |a| a.set_measure(m)),
        Err(PortfolioError::Account(AccountError::NotFinite {
            field: "quarterly measure"
        }))
    );
    assert_eq!(p.get(AccountId(1)).unwrap().measures.len(), 1);
}

#[test]
fn split_and_criteria_changes_record_migrations() {
    let mut p = Portfolio::default();
    let a = p.add_account(rated("Alpha", 6, 6)).unwrap();
    let b = p.add_account(rated("Beta", 9, 9)).unwrap();
    let recs = p.set_split(7.0, d(DAY1)).unwrap();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].account, a);
    assert_eq!(recs[0].cause, MigrationCause::SplitChange);
    assert_eq!(
        recs[0].kind,
        MigrationKind::Category {
            from: Some(Category::Strategic),
            to: Some(Category::Streamline)
        }
    );
    assert!(matches!(
        p.set_split(10.0, d(DAY1)),
        Err(PortfolioError::Split(_))
    ));
    assert_eq!(p.split, 7.0);

    // Beta rated 0 on quality under a criteria change that weighs it fully.
    // (30*0 + 70*10) / 100 = 7.0: still Strategic at split 7.
    let recs = p
        .update_account(b, d(DAY1), |x| {
            x.strength_customer_view.values_mut().for_each(|v| *v = 10);
            x.strength_customer_view.insert("quality".into(), 0);
        })
        .unwrap();
    assert!(recs.is_empty());
    let mut c = Criteria {
        strength: vec![Factor::new("quality", "Quality", 100)],
        ..Criteria::default()
    };
    let recs = p.set_criteria(c.clone(), d(DAY2)).unwrap();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].account, b);
    assert_eq!(recs[0].cause, MigrationCause::CriteriaChange);
    c.attractiveness[0].weight += 1;
    assert!(matches!(
        p.set_criteria(c, d(DAY2)),
        Err(PortfolioError::Weights {
            axis: Axis::Attractiveness,
            error: WeightsError::Sum { actual: 101 }
        })
    ));
}

#[test]
fn migrations_between_is_inclusive_and_newest_first() {
    let mut p = Portfolio::default();
    let id = p.add_account(KeyAccount::new("Acme")).unwrap();
    for (day, stage) in [
        (d(DAY1), RelationshipStage::Basic),
        (d(DAY2), RelationshipStage::Cooperative),
        (d(DAY2), RelationshipStage::Interdependent),
        (d(DAY3), RelationshipStage::Integrated),
    ] {
        p.update_account(id, day, |a| a.current_stage = stage)
            .unwrap();
    }
    let got = p.migrations_between(d(DAY1), d(DAY2));
    let stages: Vec<_> = got
        .iter()
        .map(|m| match m.kind {
            MigrationKind::Stage { to, .. } => to,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        stages,
        [
            RelationshipStage::Interdependent,
            RelationshipStage::Cooperative,
            RelationshipStage::Basic
        ]
    );
    assert_eq!(p.migrations_between(d(DAY3), d(DAY3)).len(), 1);
    assert!(p
        .migrations_between(d("2027-01-01"), d("2027-12-31"))
        .is_empty());
}

#[test]
fn dmu_and_team_flags() {
    let mut a = KeyAccount::new("Acme");
    a.key_account_manager = "Dana Lee".into();
    a.executive_sponsor = "CEO".into();
    a.plan_owner = "Dana Lee".into();
    assert_eq!(
        a.flags(),
        [
            AccountFlag::NoBoardLevelContact,
            AccountFlag::NoTeamBeyondManager
        ]
    );
    a.dmu.push(DmuMember {
        name: "Pat".into(),
        title: "Buyer".into(),
        role: DecisionRole::Gatekeeper,
        board_level: false,
        strength: RelationshipStrength::Strong,
    });
    assert!(!a.has_board_level_contact());
    a.dmu.push(DmuMember {
        name: "Sam".into(),
        board_level: true,
        role: DecisionRole::DecisionMaker,
        ..DmuMember::default()
    });
    assert!(a.has_board_level_contact());
    a.team.push(TeamMember {
        name: " dana lee ".into(),
        function: "Sales".into(),
        role: "KAM".into(),
    });
    assert!(a.has_no_team_beyond_manager(), "only the manager");
    a.team.push(TeamMember {
        name: "Ops Olu".into(),
        ..TeamMember::default()
    });
    assert!(!a.has_no_team_beyond_manager());
    assert!(a.flags().is_empty());
}

fn allocation(pairs: &[(&str, f64)]) -> ManagerTime {
    ManagerTime {
        manager: "Dana".into(),
        shares: pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

#[test]
fn default_activities_can_sum_to_100() {
    let acts = default_activities();
    assert_eq!(validate_activities(&acts), Ok(()));
    let min: f64 = acts.iter().map(|a| a.recommended_min).sum();
    let max: f64 = acts.iter().map(|a| a.recommended_max).sum();
    assert!(min <= 100.0 && max >= 100.0, "{min}-{max}");
    let good = allocation(&[
        ("selling", 8.0),
        ("relationships", 22.0),
        ("internal_alignment", 8.0),
        ("implementing", 12.0),
        ("strategy", 18.0),
        ("other", 32.0),
    ]);
    assert_eq!(good.validate(&acts), Ok(()));
    assert!(good.flags(&acts).is_empty());
}

#[test]
fn allocation_sum_must_be_100() {
    let acts = default_activities();
    let t = allocation(&[("selling", 50.0), ("other", 49.5)]);
    assert_eq!(
        t.validate(&acts),
        Err(AllocationError::Sum { actual: 99.5 })
    );
    assert!(t.validate(&acts).unwrap_err().to_string().contains("99.50"));
    let t = allocation(&[("selling", 50.0), ("other", 50.005)]);
    assert_eq!(t.validate(&acts), Ok(()));
    let t = allocation(&[("golf", 100.0)]);
    assert_eq!(
        t.validate(&acts),
        Err(AllocationError::UnknownActivity("golf".into()))
    );
    let t = allocation(&[("selling", -5.0), ("other", 105.0)]);
    assert!(matches!(
        t.validate(&acts),
        Err(AllocationError::BadShare { .. })
    ));
}

#[test]
fn allocation_flags_at_the_10_point_boundary() {
    let acts = vec![Activity::new("selling", "Selling", 5.0, 10.0, "")];
    let flag = |share: f64| allocation(&[("selling", share)]).flags(&acts);
    // Above: max 10 + 10 = 20 is flagged, just under is not.
    assert!(flag(19.99).is_empty());
    let f20 = flag(20.0);
    assert_eq!(f20.len(), 1);
    assert_eq!(f20[0].direction, Deviation::Above);
    assert!((f20[0].by - 10.0).abs() < 1e-9);
    // The source's typical 30-50 % selling.
    assert_eq!(flag(40.0)[0].direction, Deviation::Above);
    let rel = vec![Activity::new("relationships", "Rel", 20.0, 25.0, "")];
    let flag = |share: f64| allocation(&[("relationships", share)]).flags(&rel);
    assert!(flag(10.01).is_empty());
    let f10 = flag(10.0);
    assert_eq!(f10[0].direction, Deviation::Below);
    assert!((f10[0].by - 10.0).abs() < 1e-9);
    // Only activities with a share entered are flagged; an entered 0 is a share.
    let t = allocation(&[("selling", 40.0), ("other", 50.0)]);
    let flags: Vec<(String, Deviation)> = t
        .flags(&default_activities())
        .into_iter()
        .map(|f| (f.activity, f.direction))
        .collect();
    assert_eq!(flags, [("selling".to_string(), Deviation::Above)]);
    let t = allocation(&[("selling", 40.0), ("strategy", 0.0), ("other", 50.0)]);
    let strategy: Vec<_> = t
        .flags(&default_activities())
        .into_iter()
        .filter(|f| f.activity == "strategy")
        .collect();
    assert_eq!(strategy.len(), 1);
    assert_eq!(strategy[0].direction, Deviation::Below);
    assert!((strategy[0].by - 15.0).abs() < 1e-9);
}

#[test]
fn nothing_is_flagged_before_a_share_is_entered() {
    let blank = allocation(&[]);
    assert!(blank.flags(&default_activities()).is_empty());
    assert!(!blank.adds_up());
    assert_eq!(
        blank.validate(&default_activities()),
        Err(AllocationError::Sum { actual: 0.0 })
    );
    // A share that is not a number is no flag either; validate names it.
    let nan = allocation(&[("selling", f64::NAN)]);
    assert!(nan.flags(&default_activities()).is_empty());
    assert_eq!(
        nan.validate(&default_activities()),
        Err(AllocationError::BadShare {
            activity: "selling".into()
        })
    );
    assert!(allocation(&[("selling", 50.0), ("other", 50.005)]).adds_up());
    assert_eq!(
        AllocationError::Sum { actual: 95.0 }.to_string(),
        "the time shares add up to 95.00 %, not 100 %"
    );
}

#[test]
fn manager_time_is_stored_per_manager() {
    let mut p = Portfolio::default();
    let mut t = allocation(&[("selling", 100.0)]);
    p.set_manager_time(t.clone()).unwrap();
    t.manager = " DANA ".into();
    t.shares.insert("selling".into(), 60.0);
    assert_eq!(
        p.set_manager_time(t.clone()),
        Err(AllocationError::Sum { actual: 60.0 })
    );
    assert_eq!(p.manager_time("dana").unwrap().shares["selling"], 100.0);
    t.shares.insert("other".into(), 40.0);
    p.set_manager_time(t).unwrap();
    assert_eq!(p.manager_times.len(), 1);
    assert_eq!(p.manager_time("dana").unwrap().shares["other"], 40.0);
    let mut bad = default_activities();
    bad[0].recommended_min = 50.0;
    assert!(matches!(
        p.set_activities(bad),
        Err(PortfolioError::Activities(ActivitiesError::BadRange { .. }))
    ));
}

#[test]
fn health_warnings() {
    let mut p = Portfolio::default();
    let mut a = rated("A", 8, 8);
    a.executive_sponsor = "Kim".into();
    a.plan_owner = "Lee".into();
    let mut b = rated("B", 2, 8);
    b.executive_sponsor = " kim ".into();
    let mut c = KeyAccount::new("C");
    c.executive_sponsor = "  ".into();
    c.plan_owner = "Lee".into();
    let ia = p.add_account(a).unwrap();
    let ib = p.add_account(b).unwrap();
    let ic = p.add_account(c).unwrap();
    let h = p.health();
    assert_eq!(h.accounts, 3);
    assert_eq!(h.sponsors, 1);
    assert_eq!(h.without_sponsor, [ic]);
    assert_eq!(h.without_plan_owner, [ib]);
    assert_eq!(h.per_category[&Category::Strategic], 1);
    assert_eq!(h.per_category[&Category::Status], 1);
    assert_eq!(h.per_category[&Category::Star], 0);
    assert_eq!(h.unrated, 1);
    assert!(h
        .warnings
        .contains(&HealthWarning::MoreAccountsThanSponsors {
            accounts: 3,
            sponsors: 1
        }));
    assert!(h
        .warnings
        .contains(&HealthWarning::AccountsWithoutPlanOwner { count: 1 }));
    assert!(!h.without_sponsor.contains(&ia) && !h.without_plan_owner.contains(&ia));
    // One sponsor per account: no sponsor warning.
    let mut q = Portfolio::default();
    let mut x = KeyAccount::new("X");
    x.executive_sponsor = "Kim".into();
    x.plan_owner = "Lee".into();
    q.add_account(x).unwrap();
    assert!(q.health().warnings.is_empty());
}

fn measure(q: &str, revenue: f64, sow: Option<f64>, meetings: u32, days: f64) -> QuarterMeasure {
    QuarterMeasure {
        quarter: q.parse().unwrap(),
        revenue,
        share_of_wallet: sow,
        senior_meetings: meetings,
        days_with_customer: days,
    }
}

#[test]
fn measures_trend_and_quarter_totals() {
    let mut p = Portfolio::default();
    let mut a = KeyAccount::new("A");
    a.set_measure(measure("2026-Q2", 100.0, Some(0.5), 2, 3.0));
    a.set_measure(measure("2026-Q1", 80.0, Some(0.4), 1, 2.0));
    a.set_measure(measure("2026-Q2", 90.0, Some(0.5), 2, 3.5));
    let trend: Vec<String> = a.trend().iter().map(|m| m.quarter.to_string()).collect();
    assert_eq!(trend, ["2026-Q1", "2026-Q2"]);
    assert_eq!(a.measures.len(), 2, "same quarter replaced");
    let mut b = KeyAccount::new("B");
    b.set_measure(measure("2026-Q2", 10.0, Some(0.1), 0, 1.0));
    b.set_measure(measure("2025-Q4", 5.0, None, 1, 0.5));
    p.add_account(a).unwrap();
    p.add_account(b).unwrap();
    let t = p.quarter_totals();
    let qs: Vec<String> = t.iter().map(|x| x.quarter.to_string()).collect();
    assert_eq!(qs, ["2025-Q4", "2026-Q1", "2026-Q2"]);
    assert_eq!(t[0].share_of_wallet, None);
    let q2 = &t[2];
    assert_eq!(q2.accounts, 2);
    assert_eq!(q2.revenue, 100.0);
    assert_eq!(q2.senior_meetings, 2);
    assert_eq!(q2.days_with_customer, 4.5);
    // Combined wallet: 90/0.5 + 10/0.1 = 180 + 100 = 280; 100/280.
    assert!((q2.share_of_wallet.unwrap() - 100.0 / 280.0).abs() < 1e-12);
    assert!((q2.share_of_wallet_mean.unwrap() - 0.3).abs() < 1e-12);
    // Two measures for one quarter is invalid data.
    let mut c = KeyAccount::new("C");
    c.measures = vec![measure("2026-Q1", 1.0, None, 0, 0.0); 2];
    assert!(matches!(
        p.add_account(c),
        Err(PortfolioError::Account(AccountError::DuplicateQuarter(_)))
    ));
}

fn sample() -> Portfolio {
    let mut p = Portfolio::default();
    for (name, sector, country, kam, rev, attr, str_, spend) in [
        (
            "Zeta Foods",
            "Food",
            "France",
            "Ann",
            300.0,
            8,
            8,
            Some(1000.0),
        ),
        ("alpha Steel", "Metals", "Germany", "Bob", 900.0, 2, 8, None),
        (
            "Beta Pharma",
            "Pharma",
            "Spain",
            "ann",
            100.0,
            9,
            2,
            Some(200.0),
        ),
    ] {
        let mut a = rated(name, attr, str_);
        a.sector = sector.into();
        a.country = country.into();
        a.key_account_manager = kam.into();
        a.revenue = Some(rev);
        a.category_spend = spend;
        p.add_account(a).unwrap();
    }
    p.add_account(KeyAccount::new("Unrated")).unwrap();
    p
}

fn names(v: &[&KeyAccount]) -> Vec<String> {
    v.iter().map(|a| a.name.clone()).collect()
}

#[test]
fn search_filter_and_sort() {
    let p = sample();
    assert_eq!(names(&p.search("PHARMA")), ["Beta Pharma"]);
    assert_eq!(names(&p.search("germany")), ["alpha Steel"]);
    assert_eq!(p.search("ann").len(), 2);
    assert_eq!(p.search(" ").len(), 4);
    let by_cat = p.filter(
        p.search(""),
        &AccountFilter {
            category: Some(Category::Star),
            ..Default::default()
        },
    );
    assert_eq!(names(&by_cat), ["Beta Pharma"]);
    let by_kam = p.filter(
        p.search(""),
        &AccountFilter {
            manager: Some("ANN".into()),
            ..Default::default()
        },
    );
    assert_eq!(by_kam.len(), 2);
    assert_eq!(p.managers(), ["Ann", "Bob"]);

    let sorted = |k, asc| names(&p.view("", &AccountFilter::default(), k, asc));
    assert_eq!(
        sorted(SortKey::Name, true),
        ["alpha Steel", "Beta Pharma", "Unrated", "Zeta Foods"]
    );
    assert_eq!(
        sorted(SortKey::Revenue, false),
        ["alpha Steel", "Zeta Foods", "Beta Pharma", "Unrated"]
    );
    // Unrated last in both directions.
    assert_eq!(
        sorted(SortKey::Attractiveness, false),
        ["Beta Pharma", "Zeta Foods", "alpha Steel", "Unrated"]
    );
    assert_eq!(
        sorted(SortKey::Attractiveness, true),
        ["alpha Steel", "Zeta Foods", "Beta Pharma", "Unrated"]
    );
    assert_eq!(sorted(SortKey::Strength, true)[0], "Beta Pharma");
    assert_eq!(
        sorted(SortKey::Category, true),
        ["Zeta Foods", "Beta Pharma", "alpha Steel", "Unrated"]
    );
    assert_eq!(
        sorted(SortKey::ShareOfWallet, false),
        ["Beta Pharma", "Zeta Foods", "alpha Steel", "Unrated"]
    );
}

#[test]
fn older_documents_still_load() {
    let p: Portfolio = serde_json::from_str(r#"{"accounts":[{"id":7,"name":"Old"}]}"#).unwrap();
    assert_eq!(p.accounts[0].id, AccountId(7));
    assert_eq!(p.split, DEFAULT_SPLIT);
    assert_eq!(p.criteria, Criteria::default());
    let mut p = p;
    // next_id defaulted to 1 but never hands out an id in use.
    assert_eq!(p.add_account(KeyAccount::new("New")).unwrap(), AccountId(8));
    let json = serde_json::to_string(&p).unwrap();
    let back: Portfolio = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
}

#[test]
fn migration_dates_are_stored_as_text_and_read_by_the_one_date_rule() {
    let json = |date: &str| {
        format!(
            r#"{{"migrations":[{{"date":"{date}","account":1,"account_name":"Acme","kind":"stage","from":"basic","to":"cooperative"}}]}}"#
        )
    };
    let p: Portfolio = serde_json::from_str(&json("2026-03-31")).unwrap();
    assert_eq!(p.migrations[0].date, d("2026-03-31"));
    let stored = serde_json::to_value(&p).unwrap();
    assert_eq!(stored["migrations"][0]["date"], "2026-03-31");
    let err = serde_json::from_str::<Portfolio>(&json("2026-02-30")).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"2026-02-30\" is not a date like 2026-03-31"),
        "{err}"
    );
    assert_eq!(validate_date("2026-03-31"), Ok(d("2026-03-31")));
    assert_eq!(
        validate_date("2026-02-30"),
        Err(PortfolioError::BadDate("2026-02-30".into()))
    );
}

#[test]
fn names_are_one_whatever_their_case_in_any_script() {
    assert_eq!(name_key("  Dana Lee "), "dana lee");
    assert!(same_name("Müller", " MÜLLER"));
    assert!(same_name("Straße", "STRASSE"));
    assert!(same_name("ΟΔΟΣ", "οδος"));
    assert!(same_name("Ångström", "ÅNGSTRÖM"));
    assert!(!same_name("Dana", "Dan"));
    assert!(!same_name(" ", " "), "a blank name is nobody");
    // Every place that compares names uses it.
    let mut p = Portfolio::default();
    for (name, kam, sponsor) in [("A", "Müller", "Ørsted"), ("B", "MÜLLER ", "ØRSTED")] {
        let mut a = KeyAccount::new(name);
        a.key_account_manager = kam.into();
        a.executive_sponsor = sponsor.into();
        a.team.push(TeamMember {
            name: "müller".into(),
            ..TeamMember::default()
        });
        p.add_account(a).unwrap();
    }
    assert_eq!(p.managers(), ["Müller"]);
    assert_eq!(p.health().sponsors, 1);
    let by_manager = p.filter(
        p.search("mÜller"),
        &AccountFilter {
            manager: Some("müller".into()),
            ..AccountFilter::default()
        },
    );
    assert_eq!(by_manager.len(), 2);
    assert!(p
        .accounts
        .iter()
        .all(KeyAccount::has_no_team_beyond_manager));
    p.set_manager_time(ManagerTime {
        manager: "MÜLLER".into(),
        shares: [("other".to_string(), 100.0)].into(),
    })
    .unwrap();
    assert!(p.manager_time("müller").is_some());
    p.manager_times.push(ManagerTime {
        manager: " Åsa ".into(),
        ..ManagerTime::default()
    });
    assert_eq!(p.managers_with_time(), ["Müller", "Åsa"]);
}

#[test]
fn moves_and_health_warnings_are_worded_by_the_model() {
    let moved = MigrationKind::Category {
        from: Some(Category::Star),
        to: None,
    };
    assert_eq!(moved.describe(), "Category: Star → not rated");
    let staged = MigrationKind::Stage {
        from: RelationshipStage::Basic,
        to: RelationshipStage::Cooperative,
    };
    assert_eq!(staged.describe(), "Relationship stage: Basic → Cooperative");
    let said: Vec<String> = [
        HealthWarning::MoreAccountsThanSponsors {
            accounts: 3,
            sponsors: 1,
        },
        HealthWarning::AccountsWithoutSponsor { count: 1 },
        HealthWarning::AccountsWithoutPlanOwner { count: 2 },
    ]
    .iter()
    .map(HealthWarning::message)
    .collect();
    assert_eq!(
        said,
        [
            "3 key accounts but only 1 executive sponsor: a company cannot have more key accounts than its management has time to sponsor.",
            "1 account has no executive sponsor.",
            "2 accounts have no plan owner.",
        ]
    );
}

#[test]
fn ids_come_from_names_and_weights_total_once() {
    assert_eq!(id_from_name("Strategic fit", "factor"), "strategic_fit");
    assert_eq!(id_from_name("  Price / value!  ", "factor"), "price_value");
    assert_eq!(id_from_name("???", "factor"), "factor");
    assert_eq!(id_from_name("Key  calls", "activity"), "key_calls");
    assert_eq!(weight_total(&Criteria::default().strength), WEIGHT_TOTAL);
    assert_eq!(weight_total(&[f("a", 60), f("b", 41)]), 101);
}

#[test]
fn quarterly_measures_keep_amounts_and_shares_in_range() {
    let mut a = KeyAccount::new("Acme");
    let q: Quarter = "2026-Q1".parse().unwrap();
    let mut m = QuarterMeasure::new(q);
    m.revenue = -1.0;
    m.share_of_wallet = Some(1.5);
    a.set_measure(m);
    assert_eq!(
        a.problems(),
        [
            AccountError::Negative {
                field: "quarterly measure"
            },
            AccountError::ShareOutOfRange(q),
        ]
    );
    assert_eq!(
        a.problems()[1].to_string(),
        "the share of wallet for 2026-Q1 must be from 0 to 100 %"
    );
    assert_eq!(a.problems()[1].field(), "measures");
    a.measures[0].revenue = 0.0;
    a.measures[0].share_of_wallet = Some(1.0);
    assert!(a.problems().is_empty());
}

#[test]
fn revenue_never_entered_is_not_zero() {
    let mut a = KeyAccount::new("Acme");
    assert_eq!(a.revenue, None);
    a.category_spend = Some(1000.0);
    assert_eq!(a.share_of_wallet(), None, "no revenue, no share");
    // Stored documents left out a revenue of 0: it reads as not entered.
    let p: Portfolio = serde_json::from_str(
        r#"{"accounts":[{"id":1,"name":"Old"},{"id":2,"name":"Sold","revenue":250.5}]}"#,
    )
    .unwrap();
    assert_eq!(p.accounts[0].revenue, None);
    assert_eq!(p.accounts[1].revenue, Some(250.5));
    let stored = serde_json::to_value(&p).unwrap();
    assert!(stored["accounts"][0].get("revenue").is_none());
    assert_eq!(stored["accounts"][1]["revenue"], 250.5);
    // An entered 0 is kept as 0, apart from not entered.
    a.revenue = Some(0.0);
    let back: KeyAccount = serde_json::from_value(serde_json::to_value(&a).unwrap()).unwrap();
    assert_eq!(back.revenue, Some(0.0));
    assert_eq!(a.share_of_wallet(), Some(0.0));
    // Not entered sorts last either way, like unrated.
    let mut q = Portfolio::default();
    for (name, revenue) in [("None", None), ("Ten", Some(10.0)), ("Zero", Some(0.0))] {
        let mut a = KeyAccount::new(name);
        a.revenue = revenue;
        q.add_account(a).unwrap();
    }
    for ascending in [true, false] {
        let order = names(&q.view("", &AccountFilter::default(), SortKey::Revenue, ascending));
        assert_eq!(order.last().map(String::as_str), Some("None"), "{order:?}");
    }
}

#[test]
fn a_name_typed_twice_is_reported_and_kept_only_by_choice() {
    let mut p = Portfolio::default();
    let acme = p
        .add_account_by_hand(KeyAccount::new("Acme Ltd"), false)
        .unwrap();
    let again = p.add_account_by_hand(KeyAccount::new("  ACME ltd "), false);
    assert_eq!(
        again,
        Err(PortfolioError::NameTaken {
            name: "Acme Ltd".into(),
            by: acme
        })
    );
    assert_eq!(
        again.unwrap_err().to_string(),
        "an account named \"Acme Ltd\" already exists"
    );
    assert_eq!(p.accounts.len(), 1, "nothing added without the choice");
    let second = p
        .add_account_by_hand(KeyAccount::new("ACME ltd"), true)
        .unwrap();
    assert_ne!(second, acme);
    assert_eq!(p.accounts.len(), 2);
    assert_eq!(p.account_named("acme LTD").map(|a| a.id), Some(acme));
    assert!(p.account_named("Beta").is_none());
    // Other refusals keep their own reason.
    assert_eq!(
        p.add_account_by_hand(KeyAccount::new(" "), false),
        Err(PortfolioError::Account(AccountError::EmptyName))
    );
    // The same rule as the CSV import's duplicates.
    let plan = crate::domain::csv::plan_import(&p, "name\n acme LTD\n").unwrap();
    assert_eq!(
        plan.duplicates[0].of,
        crate::domain::csv::DuplicateOf::Existing(acme)
    );
}

#[test]
fn ten_thousand_accounts_are_found_sorted_and_recategorised() {
    // Account i is rated i % 11 on every attractiveness factor and
    // (i / 11) % 11 on every strength factor, so those are its scores.
    let scores = |i: u32| (i % 11, (i / 11) % 11);
    let mut p = Portfolio::default();
    for i in 0..10_000u32 {
        let (attr, strength) = scores(i);
        let mut a = rated(&format!("Account {i}"), attr as u8, strength as u8);
        a.revenue = Some(f64::from(i));
        p.add_account(a).unwrap();
    }
    // Search and sort, worked out independently: "account 99" is in 99,
    // 990-999 and 9900-9999; strength high to low, ties in list order.
    let mut want: Vec<u32> = (0..10_000)
        .filter(|i| i.to_string().starts_with("99"))
        .collect();
    want.sort_by_key(|&i| std::cmp::Reverse(scores(i).1));
    let want: Vec<String> = want.iter().map(|i| format!("Account {i}")).collect();
    let got = names(&p.view(
        "account 99",
        &AccountFilter::default(),
        SortKey::Strength,
        false,
    ));
    assert_eq!(got.len(), 111);
    assert_eq!(got, want);
    // Categories by hand: high is at or above the split.
    let category = |i: u32, split: u32| {
        let (a, s) = scores(i);
        match (a >= split, s >= split) {
            (true, true) => Category::Strategic,
            (true, false) => Category::Star,
            (false, true) => Category::Status,
            (false, false) => Category::Streamline,
        }
    };
    let per_category = |split: u32| {
        let mut counts: BTreeMap<Category, usize> = Category::ALL.iter().map(|&c| (c, 0)).collect();
        for i in 0..10_000 {
            *counts.entry(category(i, split)).or_default() += 1;
        }
        counts
    };
    let h = p.health();
    assert_eq!((h.accounts, h.unrated), (10_000, 0));
    assert_eq!(h.per_category, per_category(5));
    // Raising the split moves exactly the accounts scored 5 on an axis.
    let moved: Vec<AccountId> = (0..10_000u32)
        .filter(|&i| category(i, 5) != category(i, 6))
        .map(|i| AccountId(u64::from(i) + 1))
        .collect();
    let recs = p.set_split(6.0, d(DAY1)).unwrap();
    let recorded: Vec<AccountId> = recs.iter().map(|r| r.account).collect();
    assert_eq!(recorded, moved);
    assert!(recs.iter().all(|r| r.cause == MigrationCause::SplitChange));
    assert_eq!(p.health().per_category, per_category(6));
    assert_eq!(p.get(AccountId(5000)).unwrap().name, "Account 4999");
}

#[test]
fn every_flag_has_its_own_one_character_code() {
    let codes: std::collections::HashSet<_> = AccountFlag::ALL.iter().map(|f| f.code()).collect();
    assert_eq!(codes.len(), AccountFlag::ALL.len());
    assert!(AccountFlag::ALL
        .iter()
        .all(|f| f.code().chars().count() == 1));
    // Every flag an account can raise is in ALL.
    let mut a = KeyAccount::new("Acme");
    a.revenue = Some(10.0);
    a.category_spend = Some(5.0);
    assert_eq!(a.flags(), AccountFlag::ALL);
}
