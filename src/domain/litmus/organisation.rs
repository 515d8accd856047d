//! The organisation test: at least the pass mark of unambivalent yes answers.

use super::{answered, not_yes, pass_mark, question_count, yes_count, LitmusAnswers, ORGANISATION};

/// The organisation test's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgResult {
    pub yes: usize,
    /// Questions in the test (5).
    pub of: usize,
    /// Questions with any answer.
    pub answered: usize,
    /// Yes answers needed to qualify (4).
    pub pass: usize,
    /// At least `pass` unambivalent yes answers.
    pub qualified: bool,
    /// Questions not answered yes, to work on.
    pub open_questions: Vec<usize>,
}

impl OrgResult {
    /// "Qualified" or "Not yet qualified".
    pub fn verdict(&self) -> &'static str {
        organisation_verdict(self.qualified)
    }

    /// "4 of 5 yes".
    pub fn tally(&self) -> String {
        format!("{} of {} yes", self.yes, self.of)
    }
}

/// The organisation test's verdict for a qualified flag.
pub fn organisation_verdict(qualified: bool) -> &'static str {
    if qualified {
        "Qualified"
    } else {
        "Not yet qualified"
    }
}

/// The pass rule in words, with the pass mark from the data.
pub fn organisation_rule() -> String {
    format!(
        "At least {} of {} unambivalent yes answers qualify.",
        pass_mark(ORGANISATION),
        question_count(ORGANISATION)
    )
}

pub fn organisation_result(answers: &LitmusAnswers) -> OrgResult {
    let of = question_count(ORGANISATION);
    let yes = yes_count(&answers.organisation, of);
    let pass = pass_mark(ORGANISATION);
    OrgResult {
        yes,
        of,
        answered: answered(&answers.organisation, of),
        pass,
        qualified: yes >= pass,
        open_questions: not_yes(&answers.organisation, of),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::litmus::tests::org_with;
    use crate::domain::litmus::{
        customer_readiness,
        Answer::{No, NotSure, Yes},
        AnswerRecord,
    };
    use crate::domain::portfolio::AccountId;

    #[test]
    fn four_of_five_qualifies_the_organisation() {
        let r = organisation_result(&org_with(&[
            Some(Yes),
            Some(Yes),
            Some(Yes),
            Some(Yes),
            Some(No),
        ]));
        assert_eq!((r.yes, r.of, r.pass, r.qualified), (4, 5, 4, true));
        assert_eq!(
            (r.verdict(), r.tally().as_str()),
            ("Qualified", "4 of 5 yes")
        );
        assert_eq!(r.open_questions, vec![4]);

        let r = organisation_result(&org_with(&[
            Some(Yes),
            Some(Yes),
            Some(Yes),
            Some(NotSure),
            Some(No),
        ]));
        assert_eq!((r.yes, r.qualified), (3, false));
        assert_eq!(r.verdict(), "Not yet qualified");
        assert_eq!(r.open_questions, vec![3, 4]);
        assert_eq!(r.answered, 5);
    }

    #[test]
    fn the_rule_in_words_comes_from_the_pass_mark() {
        assert_eq!(
            organisation_rule(),
            "At least 4 of 5 unambivalent yes answers qualify."
        );
    }

    #[test]
    fn not_sure_never_counts() {
        let r = organisation_result(&org_with(&[Some(NotSure); 5]));
        assert_eq!((r.yes, r.qualified, r.answered), (0, false, 5));
        let mut a = LitmusAnswers::default();
        for q in 0..6 {
            a.set_customer(AccountId(9), q, Some(NotSure)).unwrap();
        }
        assert_eq!(customer_readiness(&a, AccountId(9)).yes, 0);
    }

    #[test]
    fn short_and_long_lists_are_tolerated() {
        let mut a = LitmusAnswers {
            organisation: vec![
                AnswerRecord {
                    answer: Some(Yes),
                    comment: String::new(),
                };
                8
            ],
            ..Default::default()
        };
        let r = organisation_result(&a);
        assert_eq!((r.yes, r.of), (5, 5));
        a.organisation.truncate(2);
        let r = organisation_result(&a);
        assert_eq!((r.yes, r.answered, r.open_questions), (2, 2, vec![2, 3, 4]));
        let empty = organisation_result(&LitmusAnswers::default());
        assert_eq!(
            (empty.yes, empty.qualified, empty.open_questions.len()),
            (0, false, 5)
        );
    }
}
