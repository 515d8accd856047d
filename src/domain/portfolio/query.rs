//! Finding accounts: search, filter, sort and the list view.

use super::{name_key, Category, KeyAccount, Portfolio, RelationshipStage};
use crate::domain::order;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Name,
    Revenue,
    Attractiveness,
    Strength,
    Category,
    ShareOfWallet,
}

/// Narrows the account list; `None` fields don't filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountFilter {
    pub category: Option<Category>,
    pub stage: Option<RelationshipStage>,
    /// Key account manager, trimmed and case-insensitive.
    pub manager: Option<String>,
}

impl Portfolio {
    /// Case-insensitive substring search over name, sector, country and key
    /// account manager. A blank query matches everything.
    pub fn search(&self, query: &str) -> Vec<&KeyAccount> {
        let q = name_key(query);
        if q.is_empty() {
            return self.accounts.iter().collect();
        }
        self.accounts
            .iter()
            .filter(|a| {
                [&a.name, &a.sector, &a.country, &a.key_account_manager]
                    .iter()
                    .any(|f| name_key(f).contains(&q))
            })
            .collect()
    }

    pub fn filter<'a>(
        &self,
        accounts: Vec<&'a KeyAccount>,
        filter: &AccountFilter,
    ) -> Vec<&'a KeyAccount> {
        let manager = filter.manager.as_deref().map(name_key);
        accounts
            .into_iter()
            .filter(|a| filter.stage.is_none_or(|s| a.current_stage == s))
            .filter(|a| {
                manager
                    .as_ref()
                    .is_none_or(|m| name_key(&a.key_account_manager) == *m)
            })
            .filter(|a| filter.category.is_none_or(|c| self.category(a) == Some(c)))
            .collect()
    }

    /// Sorts by the key, computing each key once. Accounts without a value
    /// (unrated, no spend) go last in either direction; ties keep list order.
    pub fn sort(&self, accounts: &mut Vec<&KeyAccount>, key: SortKey, ascending: bool) {
        let dir = |o: Ordering| if ascending { o } else { o.reverse() };
        match key {
            SortKey::Name => {
                let mut keyed: Vec<(String, &KeyAccount)> =
                    accounts.iter().map(|a| (name_key(&a.name), *a)).collect();
                order::sort_by(&mut keyed, |x, y| dir(x.0.cmp(&y.0)));
                *accounts = keyed.into_iter().map(|(_, a)| a).collect();
            }
            SortKey::Category => {
                let mut keyed: Vec<(Option<Category>, &KeyAccount)> =
                    accounts.iter().map(|a| (self.category(a), *a)).collect();
                order::sort_by(&mut keyed, |x, y| match (x.0, y.0) {
                    (Some(p), Some(q)) => dir(p.cmp(&q)),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                });
                *accounts = keyed.into_iter().map(|(_, a)| a).collect();
            }
            _ => {
                let value = |a: &KeyAccount| -> Option<f64> {
                    match key {
                        SortKey::Revenue => a.revenue,
                        SortKey::Attractiveness => self.scores(a).0,
                        SortKey::Strength => self.scores(a).1,
                        _ => a.share_of_wallet(),
                    }
                    .filter(|v| !v.is_nan())
                };
                let mut keyed: Vec<(Option<f64>, &KeyAccount)> =
                    accounts.iter().map(|a| (value(a), *a)).collect();
                order::sort_by(&mut keyed, |x, y| match (x.0, y.0) {
                    (Some(p), Some(q)) => dir(p.total_cmp(&q)),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                });
                *accounts = keyed.into_iter().map(|(_, a)| a).collect();
            }
        }
    }

    /// Search, filter and sort in one go, as the account list needs.
    pub fn view(
        &self,
        query: &str,
        filter: &AccountFilter,
        key: SortKey,
        ascending: bool,
    ) -> Vec<&KeyAccount> {
        let mut v = self.filter(self.search(query), filter);
        self.sort(&mut v, key, ascending);
        v
    }

    /// Distinct key account managers, sorted, for the filter list.
    pub fn managers(&self) -> Vec<String> {
        let mut seen = BTreeMap::new();
        for a in &self.accounts {
            let m = a.key_account_manager.trim();
            if !m.is_empty() {
                seen.entry(name_key(m)).or_insert_with(|| m.to_string());
            }
        }
        seen.into_values().collect()
    }
}
