//! The key account portfolio: accounts, the selection criteria that place
//! them on the attractiveness / strength matrix, how they migrate between
//! quadrants and relationship stages, key account manager time allocation
//! and portfolio health.
//!
//! Pure model: no clock, no browser; the caller says what day it is.

mod account;
mod criteria;
mod health;
mod manager_time;
mod migration;
mod query;
#[cfg(test)]
mod tests;

pub use account::*;
pub use criteria::*;
pub use health::*;
pub use manager_time::*;
pub use migration::*;
pub use query::*;

use crate::domain::date::IsoDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum PortfolioError {
    #[error("there is no account with id {0}")]
    UnknownAccount(AccountId),
    #[error("an account with id {0} already exists")]
    DuplicateId(AccountId),
    /// Two accounts of one name become one on a CSV round trip, so a second
    /// is only added on the user's explicit choice.
    #[error("an account named \"{}\" already exists", excerpt(.name))]
    NameTaken { name: String, by: AccountId },
    #[error("\"{0}\" is not a date like 2026-03-31")]
    BadDate(String),
    #[error("{}: {error}", axis.label())]
    Weights { axis: Axis, error: WeightsError },
    #[error(transparent)]
    Split(#[from] SplitError),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Activities(#[from] ActivitiesError),
}

/// Whether `date` is a calendar date `YYYY-MM-DD`; the rule is [`IsoDate`]'s.
pub fn validate_date(date: &str) -> Result<IsoDate, PortfolioError> {
    date.parse()
        .map_err(|_| PortfolioError::BadDate(excerpt(date)))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Portfolio {
    /// Kept in ascending id order (ids only grow), so lookups are binary searches.
    pub accounts: Vec<KeyAccount>,
    pub next_id: u64,
    pub criteria: Criteria,
    /// Scores at or above this are "high".
    pub split: f64,
    /// In the order recorded.
    pub migrations: Vec<MigrationRecord>,
    pub activities: Vec<Activity>,
    pub manager_times: Vec<ManagerTime>,
}

impl Default for Portfolio {
    fn default() -> Self {
        Portfolio {
            accounts: Vec::new(),
            next_id: 1,
            criteria: Criteria::default(),
            split: DEFAULT_SPLIT,
            migrations: Vec::new(),
            activities: default_activities(),
            manager_times: Vec::new(),
        }
    }
}

impl Portfolio {
    fn index_of(&self, id: AccountId) -> Option<usize> {
        match self.accounts.binary_search_by_key(&id, |a| a.id) {
            Ok(i) => Some(i),
            // Order only breaks if someone edited `accounts` directly.
            Err(_) => self.accounts.iter().position(|a| a.id == id),
        }
    }

    pub fn get(&self, id: AccountId) -> Option<&KeyAccount> {
        self.index_of(id).map(|i| &self.accounts[i])
    }

    /// Direct edit without migration tracking; prefer [`Portfolio::update_account`].
    pub fn get_mut(&mut self, id: AccountId) -> Option<&mut KeyAccount> {
        self.index_of(id).map(|i| &mut self.accounts[i])
    }

    /// Adds the account under a fresh id and returns that id.
    pub fn add_account(&mut self, mut account: KeyAccount) -> Result<AccountId, PortfolioError> {
        account.validate()?;
        let max_existing = self.accounts.last().map_or(0, |a| a.id.0);
        let id = AccountId(self.next_id.max(max_existing + 1).max(1));
        self.next_id = id.0 + 1;
        account.id = id;
        self.accounts.push(account);
        Ok(id)
    }

    /// The account already named `name` by [`name_key`]: the same rule by
    /// which CSV import finds duplicates. A blank name names nothing.
    pub fn account_named(&self, name: &str) -> Option<&KeyAccount> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        self.accounts.iter().find(|a| name_key(&a.name) == key)
    }

    /// Adds an account typed in by hand. A name already taken is refused
    /// with [`PortfolioError::NameTaken`] unless `keep_both`, the user's
    /// explicit choice to have two accounts of that name.
    pub fn add_account_by_hand(
        &mut self,
        account: KeyAccount,
        keep_both: bool,
    ) -> Result<AccountId, PortfolioError> {
        if !keep_both {
            if let Some(existing) = self.account_named(&account.name) {
                return Err(PortfolioError::NameTaken {
                    name: existing.name.clone(),
                    by: existing.id,
                });
            }
        }
        self.add_account(account)
    }

    /// Removes the account and returns where it was, for undo.
    pub fn remove_account(&mut self, id: AccountId) -> Result<(usize, KeyAccount), PortfolioError> {
        let i = self
            .index_of(id)
            .ok_or(PortfolioError::UnknownAccount(id))?;
        Ok((i, self.accounts.remove(i)))
    }

    /// Edits an account and records any change of category or relationship
    /// stage. An edit that adds a problem (see [`KeyAccount::problems`]) is
    /// rolled back; problems the account already had don't block it.
    pub fn update_account(
        &mut self,
        id: AccountId,
        today: IsoDate,
        f: impl FnOnce(&mut KeyAccount),
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        self.update_account_as(id, today, MigrationCause::AccountEdit, f)
    }

    pub(crate) fn update_account_as(
        &mut self,
        id: AccountId,
        today: IsoDate,
        cause: MigrationCause,
        f: impl FnOnce(&mut KeyAccount),
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        let i = self
            .index_of(id)
            .ok_or(PortfolioError::UnknownAccount(id))?;
        let original = self.accounts[i].clone();
        let before = self.standing(&original);
        let account = &mut self.accounts[i];
        f(account);
        account.id = id;
        // Only a problem the edit adds refuses it: a bad stored value must
        // not block fixing it, or editing anything else on the account.
        let mut old = original.problems();
        let mut added = None;
        for p in account.problems() {
            match old.iter().position(|o| o.same_kind(&p)) {
                Some(k) => {
                    old.swap_remove(k);
                }
                None => {
                    added = Some(p);
                    break;
                }
            }
        }
        if let Some(e) = added {
            self.accounts[i] = original;
            return Err(e.into());
        }
        let account = self.accounts[i].clone();
        let after = self.standing(&account);
        Ok(self.record(today, &account, before, after, cause))
    }

    pub fn set_split(
        &mut self,
        split: f64,
        today: IsoDate,
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        validate_split(split)?;
        Ok(self.restandard(today, MigrationCause::SplitChange, |p| p.split = split))
    }

    /// Replaces the criteria; both axes must be valid (weights add to 100).
    pub fn set_criteria(
        &mut self,
        criteria: Criteria,
        today: IsoDate,
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        validate_weights(&criteria.attractiveness).map_err(|error| PortfolioError::Weights {
            axis: Axis::Attractiveness,
            error,
        })?;
        validate_weights(&criteria.strength).map_err(|error| PortfolioError::Weights {
            axis: Axis::Strength,
            error,
        })?;
        Ok(self.restandard(today, MigrationCause::CriteriaChange, |p| {
            p.criteria = criteria
        }))
    }

    pub fn set_activities(&mut self, activities: Vec<Activity>) -> Result<(), PortfolioError> {
        validate_activities(&activities)?;
        self.activities = activities;
        Ok(())
    }
}
