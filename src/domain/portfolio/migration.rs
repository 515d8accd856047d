//! Migration: every change of an account's category or relationship stage,
//! recorded with its date and what caused it.

use super::{AccountId, Category, KeyAccount, Portfolio, RelationshipStage};
use crate::domain::date::IsoDate;
use crate::domain::order;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MigrationKind {
    /// `None` is "not rated yet".
    Category {
        from: Option<Category>,
        to: Option<Category>,
    },
    Stage {
        from: RelationshipStage,
        to: RelationshipStage,
    },
}

impl MigrationKind {
    /// The move in words, e.g. "Category: Star → Strategic".
    pub fn describe(&self) -> String {
        let category = |c: &Option<Category>| c.map_or("not rated", Category::label);
        match self {
            MigrationKind::Category { from, to } => {
                format!("Category: {} → {}", category(from), category(to))
            }
            MigrationKind::Stage { from, to } => {
                format!("Relationship stage: {} → {}", from.label(), to.label())
            }
        }
    }
}

/// What triggered a migration: the account itself changed, or the yardstick.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrationCause {
    #[default]
    AccountEdit,
    CriteriaChange,
    SplitChange,
    Import,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationRecord {
    pub date: IsoDate,
    pub account: AccountId,
    /// The name at the time, so the record reads well after a rename or removal.
    pub account_name: String,
    #[serde(flatten)]
    pub kind: MigrationKind,
    #[serde(default)]
    pub cause: MigrationCause,
}

/// Snapshot of what migrations compare.
pub(super) type Standing = (Option<Category>, RelationshipStage);

impl Portfolio {
    pub(super) fn standing(&self, account: &KeyAccount) -> Standing {
        (self.category(account), account.current_stage)
    }

    pub(super) fn record(
        &mut self,
        today: IsoDate,
        account: &KeyAccount,
        before: Standing,
        after: Standing,
        cause: MigrationCause,
    ) -> Vec<MigrationRecord> {
        let mut out = Vec::new();
        if before.0 != after.0 {
            out.push(MigrationKind::Category {
                from: before.0,
                to: after.0,
            });
        }
        if before.1 != after.1 {
            out.push(MigrationKind::Stage {
                from: before.1,
                to: after.1,
            });
        }
        let out: Vec<MigrationRecord> = out
            .into_iter()
            .map(|kind| MigrationRecord {
                date: today,
                account: account.id,
                account_name: account.name.clone(),
                kind,
                cause,
            })
            .collect();
        self.migrations.extend(out.iter().cloned());
        out
    }

    /// Changes the yardstick and records every account that changes category.
    pub(super) fn restandard(
        &mut self,
        today: IsoDate,
        cause: MigrationCause,
        change: impl FnOnce(&mut Self),
    ) -> Vec<MigrationRecord> {
        let before: Vec<Option<Category>> =
            self.accounts.iter().map(|a| self.category(a)).collect();
        change(self);
        let changed: Vec<(usize, Option<Category>)> = before
            .into_iter()
            .enumerate()
            .filter_map(|(i, b)| (self.category(&self.accounts[i]) != b).then_some((i, b)))
            .collect();
        let mut out = Vec::new();
        for (i, from) in changed {
            let account = self.accounts[i].clone();
            let (to, stage) = self.standing(&account);
            out.extend(self.record(today, &account, (from, stage), (to, stage), cause));
        }
        out
    }

    /// Migrations dated `from` to `to` inclusive, newest first (and, within
    /// a day, latest recorded first).
    pub fn migrations_between(&self, from: IsoDate, to: IsoDate) -> Vec<&MigrationRecord> {
        let mut v: Vec<(usize, &MigrationRecord)> = self
            .migrations
            .iter()
            .enumerate()
            .filter(|(_, m)| (from..=to).contains(&m.date))
            .collect();
        order::sort_by(&mut v, |a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
        v.into_iter().map(|(_, m)| m).collect()
    }
}
