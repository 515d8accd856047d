//! The recorded answers: one record per question, for the organisation,
//! each manager-customer pair and each customer; setters that refuse bad
//! questions and names and keep the document tidy.

use super::{question_count, CUSTOMER_READINESS, KEY_ACCOUNT_MANAGER, ORGANISATION};
use crate::domain::portfolio::AccountId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// An answer to one litmus question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    NotSure,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::NotSure];

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::NotSure => "Not sure",
        }
    }
}

/// One question's answer (if given) and a free comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

impl AnswerRecord {
    /// Only an unambivalent yes counts.
    pub fn is_yes(&self) -> bool {
        self.answer == Some(Answer::Yes)
    }

    pub fn is_empty(&self) -> bool {
        self.answer.is_none() && self.comment.is_empty()
    }
}

/// Every litmus answer the organisation has recorded. Tolerates lists that
/// are shorter than the test (missing = unanswered) or longer (extras ignored).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LitmusAnswers {
    /// The organisation test, one record per question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisation: Vec<AnswerRecord>,
    /// Manager name → account id → the manager test for that customer.
    /// `AccountId` is transparent, so the JSON keys stay plain numbers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub managers: BTreeMap<String, BTreeMap<AccountId, Vec<AnswerRecord>>>,
    /// Account id → the KAM-ready customer test.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub customers: BTreeMap<AccountId, Vec<AnswerRecord>>,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum LitmusError {
    #[error("the {test} test has {count} questions, so there is no question {}", index + 1)]
    NoSuchQuestion {
        test: &'static str,
        index: usize,
        count: usize,
    },
    #[error("a key account manager needs a name")]
    NoManagerName,
}

/// Which answer a setter changes.
enum Change {
    Answer(Option<Answer>),
    Comment(String),
}

fn check_index(test: &'static str, index: usize) -> Result<(), LitmusError> {
    let count = question_count(test);
    if index < count {
        Ok(())
    } else {
        Err(LitmusError::NoSuchQuestion { test, index, count })
    }
}

/// Applies a change and trims trailing empty records, so the saved document
/// holds only what was said.
fn apply(list: &mut Vec<AnswerRecord>, index: usize, change: Change) {
    if list.len() <= index {
        list.resize_with(index + 1, AnswerRecord::default);
    }
    match change {
        Change::Answer(a) => list[index].answer = a,
        Change::Comment(c) => list[index].comment = c,
    }
    while list.last().is_some_and(AnswerRecord::is_empty) {
        list.pop();
    }
}

fn manager_name(name: &str) -> Result<String, LitmusError> {
    let name = name.trim();
    if name.is_empty() {
        Err(LitmusError::NoManagerName)
    } else {
        Ok(name.to_string())
    }
}

impl LitmusAnswers {
    pub fn set_organisation(
        &mut self,
        question: usize,
        answer: Option<Answer>,
    ) -> Result<(), LitmusError> {
        check_index(ORGANISATION, question)?;
        apply(&mut self.organisation, question, Change::Answer(answer));
        Ok(())
    }

    pub fn set_organisation_comment(
        &mut self,
        question: usize,
        comment: impl Into<String>,
    ) -> Result<(), LitmusError> {
        check_index(ORGANISATION, question)?;
        apply(
            &mut self.organisation,
            question,
            Change::Comment(comment.into()),
        );
        Ok(())
    }

    pub fn set_manager(
        &mut self,
        manager: &str,
        account_id: AccountId,
        question: usize,
        answer: Option<Answer>,
    ) -> Result<(), LitmusError> {
        self.edit_manager(manager, account_id, question, Change::Answer(answer))
    }

    pub fn set_manager_comment(
        &mut self,
        manager: &str,
        account_id: AccountId,
        question: usize,
        comment: impl Into<String>,
    ) -> Result<(), LitmusError> {
        self.edit_manager(
            manager,
            account_id,
            question,
            Change::Comment(comment.into()),
        )
    }

    fn edit_manager(
        &mut self,
        manager: &str,
        account_id: AccountId,
        question: usize,
        change: Change,
    ) -> Result<(), LitmusError> {
        check_index(KEY_ACCOUNT_MANAGER, question)?;
        let name = manager_name(manager)?;
        let accounts = self.managers.entry(name.clone()).or_default();
        let list = accounts.entry(account_id).or_default();
        apply(list, question, change);
        if list.is_empty() {
            accounts.remove(&account_id);
        }
        if accounts.is_empty() {
            self.managers.remove(&name);
        }
        Ok(())
    }

    pub fn set_customer(
        &mut self,
        account_id: AccountId,
        question: usize,
        answer: Option<Answer>,
    ) -> Result<(), LitmusError> {
        self.edit_customer(account_id, question, Change::Answer(answer))
    }

    pub fn set_customer_comment(
        &mut self,
        account_id: AccountId,
        question: usize,
        comment: impl Into<String>,
    ) -> Result<(), LitmusError> {
        self.edit_customer(account_id, question, Change::Comment(comment.into()))
    }

    fn edit_customer(
        &mut self,
        account_id: AccountId,
        question: usize,
        change: Change,
    ) -> Result<(), LitmusError> {
        check_index(CUSTOMER_READINESS, question)?;
        let list = self.customers.entry(account_id).or_default();
        apply(list, question, change);
        if list.is_empty() {
            self.customers.remove(&account_id);
        }
        Ok(())
    }

    /// The organisation test's record for a question (empty if none).
    pub fn organisation_answer(&self, question: usize) -> AnswerRecord {
        self.organisation.get(question).cloned().unwrap_or_default()
    }

    /// A manager's record for one customer and question (empty if none).
    pub fn manager_answer(
        &self,
        manager: &str,
        account_id: AccountId,
        question: usize,
    ) -> AnswerRecord {
        self.managers
            .get(manager.trim())
            .and_then(|m| m.get(&account_id))
            .and_then(|l| l.get(question))
            .cloned()
            .unwrap_or_default()
    }

    /// Yes answers a manager gave for one customer (only yes counts).
    pub fn manager_yes(&self, manager: &str, account_id: AccountId) -> usize {
        self.managers
            .get(manager.trim())
            .and_then(|m| m.get(&account_id))
            .map_or(0, |list| {
                yes_count(list, question_count(KEY_ACCOUNT_MANAGER))
            })
    }

    /// A customer's readiness record for a question (empty if none).
    pub fn customer_answer(&self, account_id: AccountId, question: usize) -> AnswerRecord {
        self.customers
            .get(&account_id)
            .and_then(|l| l.get(question))
            .cloned()
            .unwrap_or_default()
    }

    /// Renames a key account manager, merging into an existing name if there
    /// is one (the renamed manager's answers win per account).
    pub fn rename_manager(&mut self, from: &str, to: &str) -> Result<(), LitmusError> {
        let to = manager_name(to)?;
        if let Some(accounts) = self.managers.remove(from.trim()) {
            self.managers.entry(to).or_default().extend(accounts);
        }
        Ok(())
    }

    pub fn remove_manager(&mut self, manager: &str) {
        self.managers.remove(manager.trim());
    }

    /// Forgets every answer about an account (customer test and every
    /// manager's answers for it), e.g. when the account leaves the portfolio.
    pub fn forget_account(&mut self, account_id: AccountId) {
        self.customers.remove(&account_id);
        for accounts in self.managers.values_mut() {
            accounts.remove(&account_id);
        }
        self.managers.retain(|_, accounts| !accounts.is_empty());
    }
}

/// Yes count over the first `count` questions; extra records are ignored.
pub(super) fn yes_count(list: &[AnswerRecord], count: usize) -> usize {
    list.iter().take(count).filter(|r| r.is_yes()).count()
}

/// Indexes (of `count`) not answered yes.
pub(super) fn not_yes(list: &[AnswerRecord], count: usize) -> Vec<usize> {
    (0..count)
        .filter(|&i| !list.get(i).is_some_and(AnswerRecord::is_yes))
        .collect()
}

pub(super) fn answered(list: &[AnswerRecord], count: usize) -> usize {
    list.iter()
        .take(count)
        .filter(|r| r.answer.is_some())
        .count()
}
