//! The KAM-ready customer test: a ranking, not a verdict.

use super::{answered, not_yes, question_count, yes_count, LitmusAnswers, CUSTOMER_READINESS};
use crate::domain::order;
use crate::domain::portfolio::AccountId;
use std::collections::BTreeSet;

/// Why the customer test ranks rather than judges.
pub const NO_PASS_MARK: &str =
    "No pass mark: the source gives none, so this is a ranking, not a verdict.";

/// How KAM-ready one customer looks. There is deliberately no pass mark:
/// the source gives none, and KAM is not for all customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub yes: usize,
    /// Questions in the test (6).
    pub of: usize,
    /// Questions not answered yes (No, Not sure or unanswered).
    pub missing: Vec<usize>,
    /// Questions with no answer yet.
    pub unanswered: usize,
}

impl Readiness {
    /// At least one question answered: the customer has been through the test.
    pub fn tested(&self) -> bool {
        self.unanswered < self.of
    }
}

pub fn customer_readiness(answers: &LitmusAnswers, account_id: AccountId) -> Readiness {
    let of = question_count(CUSTOMER_READINESS);
    let empty = Vec::new();
    let list = answers.customers.get(&account_id).unwrap_or(&empty);
    Readiness {
        yes: yes_count(list, of),
        of,
        missing: not_yes(list, of),
        unanswered: of - answered(list, of),
    }
}

/// Customers from most to least KAM-ready (yes count), ties by account id;
/// duplicate ids appear once.
pub fn rank_customers(answers: &LitmusAnswers, ids: &[AccountId]) -> Vec<(AccountId, Readiness)> {
    let unique: BTreeSet<AccountId> = ids.iter().copied().collect();
    let mut ranked: Vec<(AccountId, Readiness)> = unique
        .into_iter()
        .map(|id| (id, customer_readiness(answers, id)))
        .collect();
    order::sort_by(&mut ranked, |a, b| {
        b.1.yes.cmp(&a.1.yes).then(a.0.cmp(&b.0))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::litmus::tests::ids;
    use crate::domain::litmus::Answer::{No, NotSure, Yes};

    #[test]
    fn a_customer_is_tested_once_any_question_is_answered() {
        let mut a = LitmusAnswers::default();
        assert!(!customer_readiness(&a, AccountId(1)).tested());
        a.set_customer(AccountId(1), 2, Some(No)).unwrap();
        assert!(customer_readiness(&a, AccountId(1)).tested());
        assert!(!customer_readiness(&a, AccountId(2)).tested());
    }

    #[test]
    fn readiness_counts_and_ranking() {
        let mut a = LitmusAnswers::default();
        for (q, ans) in [Yes, No, Yes, NotSure, Yes].into_iter().enumerate() {
            a.set_customer(AccountId(10), q, Some(ans)).unwrap();
        }
        for q in 0..6 {
            a.set_customer(AccountId(20), q, Some(Yes)).unwrap();
        }
        a.set_customer(AccountId(30), 0, Some(Yes)).unwrap();
        a.set_customer(AccountId(30), 1, Some(Yes)).unwrap();
        a.set_customer(AccountId(30), 2, Some(Yes)).unwrap();

        let r = customer_readiness(&a, AccountId(10));
        assert_eq!((r.yes, r.of, r.unanswered), (3, 6, 1));
        assert_eq!(r.missing, vec![1, 3, 5]);
        let none = customer_readiness(&a, AccountId(99));
        assert_eq!((none.yes, none.missing.len(), none.unanswered), (0, 6, 6));

        let ranked: Vec<(u64, usize)> = rank_customers(&a, &ids(&[99, 10, 30, 20, 10]))
            .into_iter()
            .map(|(id, r)| (id.0, r.yes))
            .collect();
        assert_eq!(ranked, vec![(20, 6), (10, 3), (30, 3), (99, 0)]);
    }
}
