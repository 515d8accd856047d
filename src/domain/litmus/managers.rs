//! The key account manager test: each manager answers for each of their
//! customers and takes the average; the team summary across managers.

use super::{
    answered, pass_mark, question_count, yes_count, AnswerRecord, LitmusAnswers,
    KEY_ACCOUNT_MANAGER,
};
use crate::domain::number::fixed;
use crate::domain::order;
use crate::domain::portfolio::AccountId;
use std::collections::BTreeSet;

/// The manager test's outcome for one key account manager.
#[derive(Debug, Clone, PartialEq)]
pub enum ManagerResult {
    /// No customers to answer for: neither a pass nor a fail.
    NoCustomers,
    /// The source: "a manager with more than one customer answers for each
    /// and takes the average of the answers".
    Averaged {
        customers: usize,
        /// Mean yes answers per customer, e.g. 3.5 of 5.
        average_yes: f64,
        /// Per question, how many customers answered yes.
        per_question_yes: Vec<usize>,
        /// Per question, the share (0..=1) of customers answered yes.
        per_question_yes_share: Vec<f64>,
        /// Average of at least 4.
        qualified: bool,
        /// Question slots (customer × question) with no answer yet.
        unanswered: usize,
        /// Customers with no answer at all yet.
        customers_unanswered: usize,
    },
}

impl ManagerResult {
    /// "No customers", "Qualified" or "Not qualified".
    pub fn verdict(&self) -> &'static str {
        match self {
            ManagerResult::NoCustomers => "No customers",
            ManagerResult::Averaged {
                qualified: true, ..
            } => "Qualified",
            ManagerResult::Averaged { .. } => "Not qualified",
        }
    }

    pub fn is_qualified(&self) -> bool {
        matches!(
            self,
            ManagerResult::Averaged {
                qualified: true,
                ..
            }
        )
    }
}

/// The pass rule in words, with the pass mark from the data.
pub fn manager_rule() -> String {
    format!(
        "An average of at least {} of {} yes answers per customer qualifies.",
        pass_mark(KEY_ACCOUNT_MANAGER),
        question_count(KEY_ACCOUNT_MANAGER)
    )
}

/// An average of yes answers for display, cut (not rounded) to two
/// decimals, so an average just under the pass mark never shows as the pass
/// mark: 3.999 → "3.99", 4 → "4", 3.5 → "3.5".
pub fn average_text(average: f64) -> String {
    if !average.is_finite() {
        return "0".into();
    }
    let cut = (average * 100.0 + 1e-9).floor() / 100.0;
    let text = fixed(cut, 2);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Scores one manager across the customers they manage. `customer_ids` (from
/// the portfolio) is authoritative: duplicates count once, a listed customer
/// with no answers counts 0 yes (not answering is not an unambivalent yes),
/// and answers recorded for accounts not listed are ignored.
pub fn manager_result(
    answers: &LitmusAnswers,
    manager: &str,
    customer_ids: &[AccountId],
) -> ManagerResult {
    tally(answers, manager, customer_ids).map_or(ManagerResult::NoCustomers, |t| t.result())
}

/// Whole-number counts for one manager, so team figures add up exactly.
struct Tally {
    customers: usize,
    total_yes: usize,
    yes_per_question: Vec<usize>,
    unanswered: usize,
    customers_unanswered: usize,
}

impl Tally {
    fn result(&self) -> ManagerResult {
        let n = self.customers as f64;
        ManagerResult::Averaged {
            customers: self.customers,
            average_yes: self.total_yes as f64 / n,
            per_question_yes: self.yes_per_question.clone(),
            per_question_yes_share: self
                .yes_per_question
                .iter()
                .map(|&y| y as f64 / n)
                .collect(),
            // Compared in whole numbers so 12/3 is exactly 4.
            qualified: self.total_yes >= pass_mark(KEY_ACCOUNT_MANAGER) * self.customers,
            unanswered: self.unanswered,
            customers_unanswered: self.customers_unanswered,
        }
    }
}

/// `None` when the manager has no customers.
fn tally(answers: &LitmusAnswers, manager: &str, customer_ids: &[AccountId]) -> Option<Tally> {
    let ids: BTreeSet<AccountId> = customer_ids.iter().copied().collect();
    if ids.is_empty() {
        return None;
    }
    let count = question_count(KEY_ACCOUNT_MANAGER);
    let recorded = answers.managers.get(manager.trim());
    let mut t = Tally {
        customers: ids.len(),
        total_yes: 0,
        yes_per_question: vec![0; count],
        unanswered: 0,
        customers_unanswered: 0,
    };
    for id in &ids {
        let list: &[AnswerRecord] = recorded.and_then(|m| m.get(id)).map_or(&[], Vec::as_slice);
        t.total_yes += yes_count(list, count);
        for (q, slot) in t.yes_per_question.iter_mut().enumerate() {
            if list.get(q).is_some_and(AnswerRecord::is_yes) {
                *slot += 1;
            }
        }
        let given = answered(list, count);
        t.unanswered += count - given;
        if given == 0 {
            t.customers_unanswered += 1;
        }
    }
    Some(t)
}

/// The manager test across the whole KAM team.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSummary {
    /// Each manager with their result, in the order given.
    pub managers: Vec<(String, ManagerResult)>,
    /// Managers with customers.
    pub with_customers: usize,
    /// Managers with customers who qualify.
    pub qualified: usize,
    /// Managers listed without customers.
    pub no_customers: usize,
    /// (question, yes share across every manager-customer pair), weakest
    /// first; empty when no manager has customers.
    pub weakest_questions: Vec<(usize, f64)>,
}

impl TeamSummary {
    /// The team rule in words.
    pub const RULE: &'static str = "a majority of the managers with customers must qualify";

    /// A strict majority of the managers with customers qualify (half is
    /// not a majority); false when no manager has customers.
    pub fn majority_qualifies(&self) -> bool {
        self.with_customers > 0 && self.qualified * 2 > self.with_customers
    }

    /// "2 of 3 qualify", or "No managers with customers".
    pub fn headline(&self) -> String {
        if self.with_customers == 0 {
            "No managers with customers".to_string()
        } else {
            format!("{} of {} qualify", self.qualified, self.with_customers)
        }
    }

    /// "2 of 3 key account managers qualify", or "no key account manager
    /// has customers to answer for yet".
    pub fn status(&self) -> String {
        if self.with_customers == 0 {
            "no key account manager has customers to answer for yet".to_string()
        } else {
            format!(
                "{} of {} key account managers qualify",
                self.qualified, self.with_customers
            )
        }
    }

    /// Who the count covers.
    pub fn counting_note(&self) -> String {
        let mut note = "Counted over managers with customers.".to_string();
        if self.no_customers > 0 {
            note.push_str(&format!(
                " {} listed without customers (neither a pass nor a fail).",
                self.no_customers
            ));
        }
        note
    }
}

/// Scores every manager; `managers` pairs each name with their account ids.
pub fn team_summary(answers: &LitmusAnswers, managers: &[(String, Vec<AccountId>)]) -> TeamSummary {
    let count = question_count(KEY_ACCOUNT_MANAGER);
    let mut results = Vec::with_capacity(managers.len());
    let mut yes_per_question = vec![0usize; count];
    let mut pairs = 0usize;
    let (mut with_customers, mut qualified) = (0usize, 0usize);
    for (name, ids) in managers {
        let result = match tally(answers, name, ids) {
            Some(t) => {
                pairs += t.customers;
                for (sum, y) in yes_per_question.iter_mut().zip(&t.yes_per_question) {
                    *sum += y;
                }
                let r = t.result();
                with_customers += 1;
                qualified += usize::from(r.is_qualified());
                r
            }
            None => ManagerResult::NoCustomers,
        };
        results.push((name.clone(), result));
    }
    let mut weakest_questions: Vec<(usize, f64)> = if pairs == 0 {
        Vec::new()
    } else {
        yes_per_question
            .iter()
            .enumerate()
            .map(|(q, &y)| (q, y as f64 / pairs as f64))
            .collect()
    };
    order::sort_by(&mut weakest_questions, |a, b| {
        a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))
    });
    TeamSummary {
        no_customers: results.len() - with_customers,
        managers: results,
        with_customers,
        qualified,
        weakest_questions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::litmus::tests::{ids, kam};
    use crate::domain::litmus::Answer::Yes;

    #[test]
    fn a_manager_without_customers_is_not_a_pass() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 5);
        assert_eq!(
            manager_result(&a, "Ann", &ids(&[])),
            ManagerResult::NoCustomers
        );
        assert!(!ManagerResult::NoCustomers.is_qualified());
    }

    fn averaged(r: &ManagerResult) -> (usize, f64, bool) {
        match r {
            ManagerResult::Averaged {
                customers,
                average_yes,
                qualified,
                ..
            } => (*customers, *average_yes, *qualified),
            ManagerResult::NoCustomers => panic!("expected an average"),
        }
    }

    #[test]
    fn averaging_over_one_two_and_three_customers() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "One", 1, 4);
        assert_eq!(
            averaged(&manager_result(&a, "One", &ids(&[1]))),
            (1, 4.0, true)
        );

        kam(&mut a, "Two", 1, 5);
        kam(&mut a, "Two", 2, 2);
        assert_eq!(
            averaged(&manager_result(&a, "Two", &ids(&[1, 2]))),
            (2, 3.5, false)
        );

        kam(&mut a, "Three", 1, 4);
        kam(&mut a, "Three", 2, 4);
        kam(&mut a, "Three", 3, 5);
        let (n, avg, q) = averaged(&manager_result(&a, "Three", &ids(&[1, 2, 3, 3])));
        assert_eq!((n, q), (3, true));
        assert!((avg - 13.0 / 3.0).abs() < 1e-12);

        // Exactly 4 on average qualifies: 5, 4, 3.
        kam(&mut a, "Edge", 1, 5);
        kam(&mut a, "Edge", 2, 4);
        kam(&mut a, "Edge", 3, 3);
        assert_eq!(
            averaged(&manager_result(&a, "Edge", &ids(&[1, 2, 3]))),
            (3, 4.0, true)
        );
    }

    #[test]
    fn unanswered_customers_count_zero_and_extra_accounts_are_ignored() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 5);
        kam(&mut a, "Ann", 99, 5); // not in her portfolio
        a.set_manager("Ann", AccountId(2), 0, Some(Yes)).unwrap();
        let r = manager_result(&a, "Ann", &ids(&[1, 2, 3]));
        match r {
            ManagerResult::Averaged {
                customers,
                average_yes,
                per_question_yes,
                per_question_yes_share,
                qualified,
                unanswered,
                customers_unanswered,
            } => {
                assert_eq!(per_question_yes, vec![2, 1, 1, 1, 1]);
                assert_eq!(customers, 3);
                assert!((average_yes - 2.0).abs() < 1e-12); // (5 + 1 + 0) / 3
                assert!(!qualified);
                assert_eq!(unanswered, 4 + 5);
                assert_eq!(customers_unanswered, 1);
                let expect = [2.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0];
                for (got, want) in per_question_yes_share.iter().zip(expect) {
                    assert!((got - want).abs() < 1e-12);
                }
            }
            ManagerResult::NoCustomers => panic!(),
        }
    }

    #[test]
    fn rule_verdicts_and_averages_in_words() {
        assert_eq!(
            manager_rule(),
            "An average of at least 4 of 5 yes answers per customer qualifies."
        );
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 4);
        kam(&mut a, "Bo", 2, 3);
        assert_eq!(manager_result(&a, "Ann", &ids(&[1])).verdict(), "Qualified");
        assert_eq!(
            manager_result(&a, "Bo", &ids(&[2])).verdict(),
            "Not qualified"
        );
        assert_eq!(ManagerResult::NoCustomers.verdict(), "No customers");
        assert_eq!(a.manager_yes(" Ann ", AccountId(1)), 4);
        assert_eq!(a.manager_yes("Ann", AccountId(2)), 0);
        // Cut, never rounded up to the pass mark.
        assert_eq!(average_text(3.999), "3.99");
        assert_eq!(average_text(13.0 / 3.0), "4.33");
        assert_eq!(average_text(4.0), "4");
        assert_eq!(average_text(3.5), "3.5");
        assert_eq!(average_text(f64::NAN), "0");
    }

    #[test]
    fn team_majority_is_strict_and_needs_managers_with_customers() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 5);
        kam(&mut a, "Bo", 2, 4);
        kam(&mut a, "Cy", 3, 1);
        let three = team_summary(
            &a,
            &[
                ("Ann".into(), ids(&[1])),
                ("Bo".into(), ids(&[2])),
                ("Cy".into(), ids(&[3])),
                ("Di".into(), Vec::new()),
            ],
        );
        assert!(three.majority_qualifies());
        assert_eq!(three.headline(), "2 of 3 qualify");
        assert_eq!(three.status(), "2 of 3 key account managers qualify");
        assert_eq!(
            three.counting_note(),
            "Counted over managers with customers. 1 listed without customers (neither a pass nor a fail)."
        );
        let half = team_summary(&a, &[("Ann".into(), ids(&[1])), ("Cy".into(), ids(&[3]))]);
        assert!(!half.majority_qualifies());
        let nobody = team_summary(&a, &[("Di".into(), Vec::new())]);
        assert!(!nobody.majority_qualifies());
        assert_eq!(nobody.headline(), "No managers with customers");
        assert_eq!(
            nobody.status(),
            "no key account manager has customers to answer for yet"
        );
        assert_eq!(nobody.counting_note(), "Counted over managers with customers. 1 listed without customers (neither a pass nor a fail).");
    }

    #[test]
    fn team_summary_counts_and_finds_weakest_questions() {
        let mut a = LitmusAnswers::default();
        // Ann: 2 customers, 5 and 4 yes → qualified.
        kam(&mut a, "Ann", 1, 5);
        kam(&mut a, "Ann", 2, 4);
        // Bo: 1 customer, 2 yes → not.
        kam(&mut a, "Bo", 3, 2);
        let team = team_summary(
            &a,
            &[
                ("Ann".into(), ids(&[1, 2])),
                ("Bo".into(), ids(&[3])),
                ("Cy".into(), Vec::new()),
            ],
        );
        assert_eq!(team.managers.len(), 3);
        assert_eq!(
            (team.with_customers, team.qualified, team.no_customers),
            (2, 1, 1)
        );
        // Yes per question over 3 pairs: q0 3, q1 3, q2 2, q3 2, q4 1.
        let order: Vec<usize> = team.weakest_questions.iter().map(|w| w.0).collect();
        assert_eq!(order, vec![4, 2, 3, 0, 1]);
        assert!((team.weakest_questions[0].1 - 1.0 / 3.0).abs() < 1e-12);
        assert!((team.weakest_questions[4].1 - 1.0).abs() < 1e-12);

        let nobody = team_summary(&a, &[("Cy".into(), Vec::new())]);
        assert!(nobody.weakest_questions.is_empty());
        assert_eq!((nobody.with_customers, nobody.no_customers), (0, 1));
    }
}
