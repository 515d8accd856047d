//! Tests of the recorded answers, the helpers the concept modules' tests
//! share, and properties across the tests.

use super::*;
use crate::domain::portfolio::AccountId;
use Answer::{No, NotSure, Yes};

pub(super) fn org_with(list: &[Option<Answer>]) -> LitmusAnswers {
    let mut a = LitmusAnswers::default();
    for (i, ans) in list.iter().enumerate() {
        a.set_organisation(i, *ans).unwrap();
    }
    a
}

pub(super) fn ids(list: &[u64]) -> Vec<AccountId> {
    list.iter().copied().map(AccountId).collect()
}

/// Answers manager `m` for `account` with `yes` Yes answers then No.
pub(super) fn kam(a: &mut LitmusAnswers, m: &str, account: u64, yes: usize) {
    for q in 0..5 {
        a.set_manager(
            m,
            AccountId(account),
            q,
            Some(if q < yes { Yes } else { No }),
        )
        .unwrap();
    }
}

#[test]
fn answers_serialise_snake_case() {
    assert_eq!(serde_json::to_string(&NotSure).unwrap(), "\"not_sure\"");
    assert_eq!(serde_json::from_str::<Answer>("\"yes\"").unwrap(), Yes);
    assert_eq!(NotSure.label(), "Not sure");
}

#[test]
fn setters_keep_the_document_tidy() {
    let mut a = LitmusAnswers::default();
    a.set_organisation(3, Some(Yes)).unwrap();
    assert_eq!(a.organisation.len(), 4);
    a.set_organisation_comment(1, "board minutes").unwrap();
    a.set_organisation(3, None).unwrap();
    assert_eq!(a.organisation.len(), 2);
    a.set_organisation_comment(1, "").unwrap();
    assert!(a.organisation.is_empty());

    a.set_manager(" Ann ", AccountId(7), 0, Some(Yes)).unwrap();
    assert!(a.managers.contains_key("Ann"));
    assert_eq!(a.manager_answer("Ann", AccountId(7), 0).answer, Some(Yes));
    a.set_manager("Ann", AccountId(7), 0, None).unwrap();
    assert!(a.managers.is_empty());

    a.set_customer(AccountId(3), 5, Some(No)).unwrap();
    a.set_customer_comment(AccountId(3), 5, "asked twice")
        .unwrap();
    assert_eq!(a.customer_answer(AccountId(3), 5).comment, "asked twice");
    a.set_customer(AccountId(3), 5, None).unwrap();
    a.set_customer_comment(AccountId(3), 5, "").unwrap();
    assert!(a.customers.is_empty());
    assert_eq!(a, LitmusAnswers::default());
    assert_eq!(serde_json::to_string(&a).unwrap(), "{}");
}

#[test]
fn setters_reject_bad_questions_and_names() {
    let mut a = LitmusAnswers::default();
    let err = a.set_organisation(5, Some(Yes)).unwrap_err();
    assert_eq!(
        err,
        LitmusError::NoSuchQuestion {
            test: ORGANISATION,
            index: 5,
            count: 5
        }
    );
    assert!(err.to_string().contains("no question 6"), "{err}");
    assert!(a.set_customer(AccountId(1), 5, Some(Yes)).is_ok());
    assert_eq!(
        a.set_customer(AccountId(1), 6, Some(Yes)),
        Err(LitmusError::NoSuchQuestion {
            test: CUSTOMER_READINESS,
            index: 6,
            count: 6
        })
    );
    assert_eq!(
        a.set_manager("Ann", AccountId(1), 5, Some(Yes)),
        Err(LitmusError::NoSuchQuestion {
            test: KEY_ACCOUNT_MANAGER,
            index: 5,
            count: 5
        })
    );
    assert_eq!(
        a.set_manager("  ", AccountId(1), 0, Some(Yes)),
        Err(LitmusError::NoManagerName)
    );
    assert_eq!(a.rename_manager("Ann", ""), Err(LitmusError::NoManagerName));
}

#[test]
fn rename_remove_and_forget() {
    let mut a = LitmusAnswers::default();
    kam(&mut a, "Ann", 1, 3);
    kam(&mut a, "Ann", 2, 3);
    kam(&mut a, "Bo", 2, 1);
    a.set_customer(AccountId(2), 0, Some(Yes)).unwrap();
    a.rename_manager("Ann", "Annie").unwrap();
    assert!(!a.managers.contains_key("Ann"));
    assert_eq!(a.managers["Annie"].len(), 2);
    a.forget_account(AccountId(2));
    assert!(a.customers.is_empty());
    assert!(!a.managers.contains_key("Bo"));
    assert_eq!(a.managers["Annie"].len(), 1);
    a.remove_manager("Annie");
    assert_eq!(a, LitmusAnswers::default());
}

#[test]
fn round_trips_through_json_with_numeric_account_keys() {
    let mut a = org_with(&[Some(Yes), Some(NotSure)]);
    kam(&mut a, "Ann", 42, 4);
    a.set_customer(AccountId(42), 2, Some(Yes)).unwrap();
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<LitmusAnswers>(&json).unwrap(), a);
    assert_eq!(
        serde_json::from_str::<LitmusAnswers>("{}").unwrap(),
        LitmusAnswers::default()
    );
}

#[test]
fn a_litmus_document_stored_with_raw_account_ids_loads_and_saves_unchanged() {
    let stored = r#"{"organisation":[{"answer":"yes"}],"managers":{"Ann":{"42":[{"answer":"yes"},{"answer":"no","comment":"ask"}]}},"customers":{"7":[{"answer":"not_sure"}]}}"#;
    let a: LitmusAnswers = serde_json::from_str(stored).unwrap();
    assert_eq!(a.manager_answer("Ann", AccountId(42), 0).answer, Some(Yes));
    assert_eq!(a.manager_answer("Ann", AccountId(42), 1).comment, "ask");
    assert_eq!(a.customer_answer(AccountId(7), 0).answer, Some(NotSure));
    assert_eq!(serde_json::to_string(&a).unwrap(), stored);
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn answer() -> impl Strategy<Value = Option<Answer>> {
        proptest::option::of(prop_oneof![Just(Yes), Just(No), Just(NotSure)])
    }

    proptest! {
        #[test]
        fn only_yes_counts_and_average_is_bounded(
            org in proptest::collection::vec(answer(), 0..8),
            per_customer in proptest::collection::vec(proptest::collection::vec(answer(), 0..7), 1..5),
        ) {
            let mut a = LitmusAnswers {
                organisation: org.iter().map(|x| AnswerRecord { answer: *x, comment: String::new() }).collect(),
                ..Default::default()
            };
            let r = organisation_result(&a);
            let yes = org.iter().take(5).filter(|x| **x == Some(Yes)).count();
            prop_assert_eq!(r.yes, yes);
            prop_assert_eq!(r.qualified, yes >= 4);
            prop_assert_eq!(r.open_questions.len(), 5 - yes);

            let mut ids = Vec::new();
            for (i, list) in per_customer.iter().enumerate() {
                let id = AccountId(i as u64 + 1);
                ids.push(id);
                a.managers.entry("M".into()).or_default().insert(id, list.iter().map(|x| AnswerRecord { answer: *x, comment: String::new() }).collect());
            }
            let json = serde_json::to_string(&a).unwrap();
            prop_assert_eq!(serde_json::from_str::<LitmusAnswers>(&json).unwrap(), a.clone());
            if let ManagerResult::Averaged { average_yes, qualified, per_question_yes_share, .. } = manager_result(&a, "M", &ids) {
                prop_assert!((0.0..=5.0).contains(&average_yes));
                prop_assert_eq!(qualified, average_yes >= 4.0 - 1e-9);
                let share_sum: f64 = per_question_yes_share.iter().sum();
                prop_assert!((share_sum - average_yes).abs() < 1e-9);
            } else {
                prop_assert!(false, "customers given");
            }
        }
    }
}
