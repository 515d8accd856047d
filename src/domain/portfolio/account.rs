//! One key account: identity, relationship stages, the decision-making unit
//! and our team, quarterly measures, and every rule an account keeps.

use crate::domain::order;
pub use crate::domain::text::{excerpt, thousands, EXCERPT_CHARS};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// Allocated by [`Portfolio::add_account`] from `Portfolio::next_id`; never
/// reused, so an id in an old migration record can't point at a new account.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct AccountId(pub u64);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How far the relationship with the customer has developed, from
/// transactional (Exploratory) to one shared business (Integrated).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStage {
    #[default]
    Exploratory,
    Basic,
    Cooperative,
    Interdependent,
    Integrated,
}

impl RelationshipStage {
    pub const ALL: [RelationshipStage; 5] = [
        RelationshipStage::Exploratory,
        RelationshipStage::Basic,
        RelationshipStage::Cooperative,
        RelationshipStage::Interdependent,
        RelationshipStage::Integrated,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RelationshipStage::Exploratory => "Exploratory",
            RelationshipStage::Basic => "Basic",
            RelationshipStage::Cooperative => "Cooperative",
            RelationshipStage::Interdependent => "Interdependent",
            RelationshipStage::Integrated => "Integrated",
        }
    }

    /// 1 (Exploratory) to 5 (Integrated).
    pub fn number(self) -> u8 {
        self as u8 + 1
    }
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("\"{0}\" is not a relationship stage (Exploratory, Basic, Cooperative, Interdependent, Integrated or 1-5)")]
pub struct StageError(pub String);

impl FromStr for RelationshipStage {
    type Err = StageError;
    /// Accepts the label in any case, or the stage number 1-5.
    fn from_str(s: &str) -> Result<Self, StageError> {
        let t = s.trim();
        RelationshipStage::ALL
            .into_iter()
            .find(|st| st.label().eq_ignore_ascii_case(t) || st.number().to_string() == t)
            .ok_or_else(|| StageError(s.to_string()))
    }
}

/// The part a person plays in the customer's decision-making unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionRole {
    DecisionMaker,
    #[default]
    Influencer,
    Specifier,
    User,
    Gatekeeper,
}

impl DecisionRole {
    pub const ALL: [DecisionRole; 5] = [
        DecisionRole::DecisionMaker,
        DecisionRole::Influencer,
        DecisionRole::Specifier,
        DecisionRole::User,
        DecisionRole::Gatekeeper,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DecisionRole::DecisionMaker => "Decision maker",
            DecisionRole::Influencer => "Influencer",
            DecisionRole::Specifier => "Specifier",
            DecisionRole::User => "User",
            DecisionRole::Gatekeeper => "Gatekeeper",
        }
    }
}

/// How strong our relationship with one DMU member is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStrength {
    #[default]
    Weak,
    Moderate,
    Strong,
}

impl RelationshipStrength {
    pub const ALL: [RelationshipStrength; 3] = [
        RelationshipStrength::Weak,
        RelationshipStrength::Moderate,
        RelationshipStrength::Strong,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RelationshipStrength::Weak => "Weak",
            RelationshipStrength::Moderate => "Moderate",
            RelationshipStrength::Strong => "Strong",
        }
    }
}

/// A person in the customer's decision-making unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DmuMember {
    pub name: String,
    /// Their job title at the customer.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub role: DecisionRole,
    #[serde(default)]
    pub board_level: bool,
    #[serde(default)]
    pub strength: RelationshipStrength,
}

/// Someone on our side working on the account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    pub name: String,
    /// Our function they come from, e.g. "Operations", "Finance".
    #[serde(default)]
    pub function: String,
    /// Their role in the account team.
    #[serde(default)]
    pub role: String,
}

/// A calendar quarter, written `2026-Q1`. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Quarter {
    year: u16,
    quarter: u8,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("\"{0}\" is not a quarter: write it like 2026-Q1")]
pub struct QuarterError(pub String);

impl Quarter {
    pub fn new(year: u16, quarter: u8) -> Result<Self, QuarterError> {
        if (1..=4).contains(&quarter) && (1000..=9999).contains(&year) {
            Ok(Quarter { year, quarter })
        } else {
            Err(QuarterError(format!("{year}-Q{quarter}")))
        }
    }
    pub fn year(self) -> u16 {
        self.year
    }
    /// 1-4.
    pub fn quarter(self) -> u8 {
        self.quarter
    }
}

impl FromStr for Quarter {
    type Err = QuarterError;
    fn from_str(s: &str) -> Result<Self, QuarterError> {
        let err = || QuarterError(s.to_string());
        let t = s.trim();
        let (y, q) = t.split_once('-').ok_or_else(err)?;
        let q = q.strip_prefix(['Q', 'q']).ok_or_else(err)?;
        if y.len() != 4 || q.len() != 1 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: u16 = y.parse().map_err(|_| err())?;
        let quarter: u8 = q.parse().map_err(|_| err())?;
        Quarter::new(year, quarter).map_err(|_| err())
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

impl TryFrom<String> for Quarter {
    type Error = QuarterError;
    fn try_from(s: String) -> Result<Self, QuarterError> {
        s.parse()
    }
}

impl From<Quarter> for String {
    fn from(q: Quarter) -> String {
        q.to_string()
    }
}

/// What was measured on one account in one quarter. The measures follow
/// the source on measuring KAM: revenue, share of wallet, repeat access to
/// senior stakeholders and time spent with the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterMeasure {
    pub quarter: Quarter,
    #[serde(default)]
    pub revenue: f64,
    /// 0.0-1.0 (a fraction, not a percentage).
    #[serde(default)]
    pub share_of_wallet: Option<f64>,
    /// Meetings with senior or board-level stakeholders.
    #[serde(default)]
    pub senior_meetings: u32,
    #[serde(default)]
    pub days_with_customer: f64,
}

impl QuarterMeasure {
    pub fn new(quarter: Quarter) -> Self {
        QuarterMeasure {
            quarter,
            revenue: 0.0,
            share_of_wallet: None,
            senior_meetings: 0,
            days_with_customer: 0.0,
        }
    }
}

/// Ratings 0-10 keyed by factor id. A factor missing from the map is
/// "not rated", which is different from rated 0.
pub type Ratings = BTreeMap<String, u8>;

// Empty fields are left out of the stored document: with 10,000 accounts
// the workspace must stay well inside the browser's localStorage quota.
fn is_default_stage(s: &RelationshipStage) -> bool {
    *s == RelationshipStage::default()
}

/// The highest rating a factor can get.
pub const MAX_RATING: u8 = 10;

/// Longest account name, in characters (not bytes).
pub const MAX_NAME_CHARS: usize = 200;
/// Longest value of the other one-line text fields (sector, country, people).
pub const MAX_LINE_CHARS: usize = 200;
/// Longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 10_000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyAccount {
    pub id: AccountId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sector: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// Our annual revenue from this customer; `None` until entered (shown
    /// "—", not 0). Documents from before kept no key for 0, so they read as
    /// not entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    /// The customer's total annual spend in our category (their "wallet").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_spend: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key_account_manager: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub executive_sponsor: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plan_owner: String,
    #[serde(default, skip_serializing_if = "is_default_stage")]
    pub current_stage: RelationshipStage,
    #[serde(default, skip_serializing_if = "is_default_stage")]
    pub target_stage: RelationshipStage,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How attractive the customer is to us, per attractiveness factor.
    #[serde(default, skip_serializing_if = "Ratings::is_empty")]
    pub attractiveness: Ratings,
    /// Our strength as the customer sees us, per strength factor. This is
    /// the view that positions the account on the matrix.
    #[serde(default, skip_serializing_if = "Ratings::is_empty")]
    pub strength_customer_view: Ratings,
    /// Our own view of our strength, per factor where we have one; compared
    /// with the customer's view to show where we flatter ourselves.
    #[serde(default, skip_serializing_if = "Ratings::is_empty")]
    pub strength_self_view: Ratings,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dmu: Vec<DmuMember>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<TeamMember>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<QuarterMeasure>,
}

/// Which set of ratings a rating belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingView {
    Attractiveness,
    StrengthCustomer,
    StrengthSelf,
}

impl RatingView {
    pub fn label(self) -> &'static str {
        match self {
            RatingView::Attractiveness => "attractiveness",
            RatingView::StrengthCustomer => "strength (customer view)",
            RatingView::StrengthSelf => "strength (our view)",
        }
    }
}

#[derive(Debug, Clone, Error, PartialEq)]
pub enum AccountError {
    #[error("an account needs a name")]
    EmptyName,
    #[error("the {} rating for \"{factor}\" is {value}; ratings go from 0 to 10", view.label())]
    RatingOutOfRange {
        view: RatingView,
        factor: String,
        value: u8,
    },
    #[error("{field} must be a finite number")]
    NotFinite { field: &'static str },
    #[error("{field} cannot be negative")]
    Negative { field: &'static str },
    #[error("the quarter {0} is recorded twice")]
    DuplicateQuarter(Quarter),
    #[error("the share of wallet for {0} must be from 0 to 100 %")]
    ShareOutOfRange(Quarter),
    #[error("the {field} {} {} characters; at most {}", has(field), thousands(*chars), thousands(*max))]
    TooLong {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    #[error(
        "the {field} {} control characters (such as NUL), which are not allowed",
        contain(field)
    )]
    ControlCharacters { field: &'static str },
}

fn has(field: &str) -> &'static str {
    if field == "notes" {
        "have"
    } else {
        "has"
    }
}

fn contain(field: &str) -> &'static str {
    if field == "notes" {
        "contain"
    } else {
        "contains"
    }
}

impl AccountError {
    /// The stored field the problem is in, as named in the saved document
    /// (`category_spend`, `dmu`, …), for paths like `accounts[3].category_spend`.
    pub fn field(&self) -> &'static str {
        match self {
            AccountError::EmptyName => "name",
            AccountError::RatingOutOfRange { view, .. } => match view {
                RatingView::Attractiveness => "attractiveness",
                RatingView::StrengthCustomer => "strength_customer_view",
                RatingView::StrengthSelf => "strength_self_view",
            },
            AccountError::DuplicateQuarter(_) | AccountError::ShareOutOfRange(_) => "measures",
            AccountError::NotFinite { field }
            | AccountError::Negative { field }
            | AccountError::TooLong { field, .. }
            | AccountError::ControlCharacters { field } => match *field {
                "category spend" => "category_spend",
                "key account manager" => "key_account_manager",
                "executive sponsor" => "executive_sponsor",
                "plan owner" => "plan_owner",
                "quarterly measure" | "quarterly share of wallet" => "measures",
                "DMU member name" | "DMU member title" => "dmu",
                "team member name" | "team member function" | "team member role" => "team",
                other => other,
            },
        }
    }

    /// The same kind of problem in the same place, whatever the bad value:
    /// an edit that changes spend from -5 to -7 adds no problem.
    pub(super) fn same_kind(&self, other: &AccountError) -> bool {
        use AccountError as E;
        match (self, other) {
            (
                E::RatingOutOfRange {
                    view: v1,
                    factor: f1,
                    ..
                },
                E::RatingOutOfRange {
                    view: v2,
                    factor: f2,
                    ..
                },
            ) => v1 == v2 && f1 == f2,
            (E::TooLong { field: a, .. }, E::TooLong { field: b, .. }) => a == b,
            _ => self == other,
        }
    }
}

/// U+0000-U+001F and U+007F; notes may also hold line breaks and tabs.
pub fn has_control(text: &str, multiline: bool) -> bool {
    text.chars()
        .any(|c| (c < ' ' || c == '\u{7f}') && !(multiline && matches!(c, '\n' | '\t' | '\r')))
}

fn check_text(
    out: &mut Vec<AccountError>,
    field: &'static str,
    text: &str,
    max: usize,
    multiline: bool,
) {
    let chars = text.chars().count();
    if chars > max {
        out.push(AccountError::TooLong { field, chars, max });
    }
    if has_control(text, multiline) {
        out.push(AccountError::ControlCharacters { field });
    }
}

/// Per-account warnings the portfolio views show next to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountFlag {
    /// Nobody in the DMU is at board level: the relationship can't reach
    /// where strategic decisions are made.
    NoBoardLevelContact,
    /// Nobody beyond the key account manager works the account, so it is
    /// run as a one-person sales relationship rather than by a team.
    NoTeamBeyondManager,
    NoExecutiveSponsor,
    NoPlanOwner,
    /// Our revenue exceeds their stated spend in our category: one of the
    /// two figures is wrong.
    ShareOfWalletOver100,
}

impl AccountFlag {
    pub const ALL: [AccountFlag; 5] = [
        AccountFlag::NoBoardLevelContact,
        AccountFlag::NoTeamBeyondManager,
        AccountFlag::NoExecutiveSponsor,
        AccountFlag::NoPlanOwner,
        AccountFlag::ShareOfWalletOver100,
    ];

    /// One character for a compact mark in a list of accounts; the list
    /// explains each in a legend of [`AccountFlag::label`]s.
    pub fn code(self) -> &'static str {
        match self {
            AccountFlag::NoBoardLevelContact => "B",
            AccountFlag::NoTeamBeyondManager => "T",
            AccountFlag::NoExecutiveSponsor => "S",
            AccountFlag::NoPlanOwner => "O",
            AccountFlag::ShareOfWalletOver100 => "%",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountFlag::NoBoardLevelContact => "No board-level contact in the DMU",
            AccountFlag::NoTeamBeyondManager => "No team beyond the key account manager",
            AccountFlag::NoExecutiveSponsor => "No executive sponsor",
            AccountFlag::NoPlanOwner => "No plan owner",
            AccountFlag::ShareOfWalletOver100 => {
                "Share of wallet above 100 %: check revenue and category spend"
            }
        }
    }
}

/// What names are compared by, for accounts and people alike: trimmed and
/// case-folded over all of Unicode ("Müller" = "MÜLLER", "Straße" =
/// "STRASSE"). Upper then lower case folds ß and final sigma too.
pub fn name_key(name: &str) -> String {
    name.trim().to_uppercase().to_lowercase()
}

/// Whether two names are the same by [`name_key`]; a blank name is nobody.
pub fn same_name(a: &str, b: &str) -> bool {
    let a = name_key(a);
    !a.is_empty() && a == name_key(b)
}

impl KeyAccount {
    /// A new, unrated account; its id is set by [`Portfolio::add_account`].
    pub fn new(name: impl Into<String>) -> Self {
        KeyAccount {
            name: name.into(),
            ..KeyAccount::default()
        }
    }

    /// Our revenue as a fraction of their category spend. `None` when the
    /// spend is unknown, zero, negative or not a number. Reported as is
    /// even above 1.0 (see [`KeyAccount::share_of_wallet_implausible`]):
    /// clamping would hide a data problem.
    pub fn share_of_wallet(&self) -> Option<f64> {
        let spend = self.category_spend?;
        let revenue = self.revenue?;
        if spend.is_nan() || spend <= 0.0 || !spend.is_finite() || !revenue.is_finite() {
            return None;
        }
        Some(revenue / spend)
    }

    /// True when we seem to sell them more than they spend in total.
    pub fn share_of_wallet_implausible(&self) -> bool {
        self.share_of_wallet().is_some_and(|s| s > 1.0)
    }

    pub fn has_board_level_contact(&self) -> bool {
        self.dmu.iter().any(|m| m.board_level)
    }

    /// True when the team is empty or everyone on it is the key account
    /// manager (compared by trimmed, case-insensitive name).
    pub fn has_no_team_beyond_manager(&self) -> bool {
        self.team
            .iter()
            .all(|t| t.name.trim().is_empty() || same_name(&t.name, &self.key_account_manager))
    }

    pub fn flags(&self) -> Vec<AccountFlag> {
        let mut flags = Vec::new();
        if !self.has_board_level_contact() {
            flags.push(AccountFlag::NoBoardLevelContact);
        }
        if self.has_no_team_beyond_manager() {
            flags.push(AccountFlag::NoTeamBeyondManager);
        }
        if self.executive_sponsor.trim().is_empty() {
            flags.push(AccountFlag::NoExecutiveSponsor);
        }
        if self.plan_owner.trim().is_empty() {
            flags.push(AccountFlag::NoPlanOwner);
        }
        if self.share_of_wallet_implausible() {
            flags.push(AccountFlag::ShareOfWalletOver100);
        }
        flags
    }

    /// The first of [`KeyAccount::problems`], if any.
    pub fn validate(&self) -> Result<(), AccountError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every rule the types can't enforce that this account breaks: a name,
    /// ratings 0-10, finite non-negative amounts, one measure per quarter,
    /// text within its length and free of control characters. The one place
    /// these rules live: forms, CSV import and load-time checks all use it.
    pub fn problems(&self) -> Vec<AccountError> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(AccountError::EmptyName);
        }
        check_text(&mut out, "name", &self.name, MAX_NAME_CHARS, false);
        let people = self
            .dmu
            .iter()
            .flat_map(|m| [("DMU member name", &m.name), ("DMU member title", &m.title)])
            .chain(self.team.iter().flat_map(|t| {
                [
                    ("team member name", &t.name),
                    ("team member function", &t.function),
                    ("team member role", &t.role),
                ]
            }));
        for (field, text) in [
            ("sector", &self.sector),
            ("country", &self.country),
            ("key account manager", &self.key_account_manager),
            ("executive sponsor", &self.executive_sponsor),
            ("plan owner", &self.plan_owner),
        ]
        .into_iter()
        .chain(people)
        {
            check_text(&mut out, field, text, MAX_LINE_CHARS, false);
        }
        check_text(&mut out, "notes", &self.notes, MAX_NOTES_CHARS, true);
        for (view, ratings) in [
            (RatingView::Attractiveness, &self.attractiveness),
            (RatingView::StrengthCustomer, &self.strength_customer_view),
            (RatingView::StrengthSelf, &self.strength_self_view),
        ] {
            for (factor, &value) in ratings.iter().filter(|(_, &v)| v > MAX_RATING) {
                out.push(AccountError::RatingOutOfRange {
                    view,
                    factor: factor.clone(),
                    value,
                });
            }
        }
        for (field, amount) in [
            ("revenue", self.revenue),
            ("category spend", self.category_spend),
        ] {
            match amount {
                Some(v) if !v.is_finite() => out.push(AccountError::NotFinite { field }),
                Some(v) if v < 0.0 => out.push(AccountError::Negative { field }),
                _ => {}
            }
        }
        let mut seen = HashSet::new();
        let mut twice = BTreeSet::new();
        for m in &self.measures {
            if !seen.insert(m.quarter) && twice.insert(m.quarter) {
                out.push(AccountError::DuplicateQuarter(m.quarter));
            }
            if !m.revenue.is_finite() || !m.days_with_customer.is_finite() {
                out.push(AccountError::NotFinite {
                    field: "quarterly measure",
                });
            } else if m.revenue < 0.0 || m.days_with_customer < 0.0 {
                out.push(AccountError::Negative {
                    field: "quarterly measure",
                });
            }
            match m.share_of_wallet {
                Some(s) if !s.is_finite() => out.push(AccountError::NotFinite {
                    field: "quarterly share of wallet",
                }),
                Some(s) if !(0.0..=1.0).contains(&s) => {
                    out.push(AccountError::ShareOutOfRange(m.quarter))
                }
                _ => {}
            }
        }
        out
    }

    /// Adds the measure, replacing any already recorded for that quarter.
    pub fn set_measure(&mut self, measure: QuarterMeasure) {
        match self
            .measures
            .iter_mut()
            .find(|m| m.quarter == measure.quarter)
        {
            Some(m) => *m = measure,
            None => self.measures.push(measure),
        }
    }

    /// The measures in chronological order.
    pub fn trend(&self) -> Vec<&QuarterMeasure> {
        let mut v: Vec<&QuarterMeasure> = self.measures.iter().collect();
        order::sort_by_key(&mut v, |m| m.quarter);
        v
    }
}
