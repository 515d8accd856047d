//! Portfolio health: sponsors and plan owners against the number of key
//! accounts, accounts per category, and portfolio totals per quarter.

use super::{name_key, AccountId, Category, Portfolio, Quarter};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HealthWarning {
    /// "A company cannot really have more key accounts than its management
    /// has time to sponsor" (successful KAM programme, strategy).
    MoreAccountsThanSponsors {
        accounts: usize,
        sponsors: usize,
    },
    AccountsWithoutSponsor {
        count: usize,
    },
    AccountsWithoutPlanOwner {
        count: usize,
    },
}

/// "1 account has" / "2 accounts have": `one` and `many` are the two forms.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl HealthWarning {
    /// The warning as the portfolio page says it.
    pub fn message(&self) -> String {
        match self {
            HealthWarning::MoreAccountsThanSponsors { accounts, sponsors } => format!(
                "{} but only {}: a company cannot have more key accounts than its management has time to sponsor.",
                count(*accounts, "key account", "key accounts"),
                count(*sponsors, "executive sponsor", "executive sponsors"),
            ),
            HealthWarning::AccountsWithoutSponsor { count: n } => format!(
                "{} no executive sponsor.",
                count(*n, "account has", "accounts have")
            ),
            HealthWarning::AccountsWithoutPlanOwner { count: n } => format!(
                "{} no plan owner.",
                count(*n, "account has", "accounts have")
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortfolioHealth {
    pub accounts: usize,
    /// Distinct executive sponsors (trimmed, case-insensitive; blank not counted).
    pub sponsors: usize,
    pub without_sponsor: Vec<AccountId>,
    pub without_plan_owner: Vec<AccountId>,
    pub per_category: BTreeMap<Category, usize>,
    pub unrated: usize,
    pub warnings: Vec<HealthWarning>,
}

impl PortfolioHealth {
    /// "1 executive sponsor" / "3 executive sponsors".
    pub fn sponsors_text(&self) -> String {
        count(self.sponsors, "executive sponsor", "executive sponsors")
    }
}

/// Portfolio totals for one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterTotal {
    pub quarter: Quarter,
    /// Accounts with a measure this quarter.
    pub accounts: usize,
    pub revenue: f64,
    pub senior_meetings: u64,
    pub days_with_customer: f64,
    /// Our share of the combined wallet: total revenue of the accounts that
    /// report a share, over their combined category spend implied as
    /// revenue / share. This is what the portfolio really holds; a plain
    /// average would let a tiny account at 90 % outweigh a big one at 10 %.
    /// Accounts with no share, or a share of 0, are left out.
    pub share_of_wallet: Option<f64>,
    /// Simple mean of the reported shares, for comparison.
    pub share_of_wallet_mean: Option<f64>,
}

impl Portfolio {
    pub fn health(&self) -> PortfolioHealth {
        let mut sponsors = HashSet::new();
        let mut without_sponsor = Vec::new();
        let mut without_plan_owner = Vec::new();
        let mut per_category: BTreeMap<Category, usize> =
            Category::ALL.iter().map(|&c| (c, 0)).collect();
        let mut unrated = 0;
        for a in &self.accounts {
            let s = a.executive_sponsor.trim();
            if s.is_empty() {
                without_sponsor.push(a.id);
            } else {
                sponsors.insert(name_key(s));
            }
            if a.plan_owner.trim().is_empty() {
                without_plan_owner.push(a.id);
            }
            match self.category(a) {
                Some(c) => *per_category.entry(c).or_insert(0) += 1,
                None => unrated += 1,
            }
        }
        let accounts = self.accounts.len();
        let mut warnings = Vec::new();
        if accounts > sponsors.len() {
            warnings.push(HealthWarning::MoreAccountsThanSponsors {
                accounts,
                sponsors: sponsors.len(),
            });
        }
        if !without_sponsor.is_empty() {
            warnings.push(HealthWarning::AccountsWithoutSponsor {
                count: without_sponsor.len(),
            });
        }
        if !without_plan_owner.is_empty() {
            warnings.push(HealthWarning::AccountsWithoutPlanOwner {
                count: without_plan_owner.len(),
            });
        }
        PortfolioHealth {
            accounts,
            sponsors: sponsors.len(),
            without_sponsor,
            without_plan_owner,
            per_category,
            unrated,
            warnings,
        }
    }

    /// Portfolio totals per quarter, oldest first.
    pub fn quarter_totals(&self) -> Vec<QuarterTotal> {
        #[derive(Default)]
        struct Acc {
            accounts: usize,
            revenue: f64,
            meetings: u64,
            days: f64,
            share_revenue: f64,
            implied_spend: f64,
            share_sum: f64,
            share_n: usize,
        }
        let mut by_q: BTreeMap<Quarter, Acc> = BTreeMap::new();
        for m in self.accounts.iter().flat_map(|a| &a.measures) {
            let t = by_q.entry(m.quarter).or_default();
            t.accounts += 1;
            t.revenue += m.revenue;
            t.meetings += u64::from(m.senior_meetings);
            t.days += m.days_with_customer;
            if let Some(s) = m.share_of_wallet.filter(|s| s.is_finite()) {
                t.share_sum += s;
                t.share_n += 1;
                if s > 0.0 {
                    t.share_revenue += m.revenue;
                    t.implied_spend += m.revenue / s;
                }
            }
        }
        by_q.into_iter()
            .map(|(quarter, t)| QuarterTotal {
                quarter,
                accounts: t.accounts,
                revenue: t.revenue,
                senior_meetings: t.meetings,
                days_with_customer: t.days,
                share_of_wallet: (t.implied_spend > 0.0).then(|| t.share_revenue / t.implied_spend),
                share_of_wallet_mean: (t.share_n > 0).then(|| t.share_sum / t.share_n as f64),
            })
            .collect()
    }
}
