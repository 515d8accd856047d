//! The key account portfolio: accounts, the selection criteria that place
//! them on the attractiveness / strength matrix, how they migrate between
//! quadrants and relationship stages, key account manager time allocation
//! and portfolio health.
//!
//! Pure model: no clock, no browser. Dates come in as ISO `YYYY-MM-DD`
//! strings, which order correctly as text.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

// ---------------------------------------------------------------------------
// Identity, stages, roles
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Quarters and measures
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Key account
// ---------------------------------------------------------------------------

/// Ratings 0-10 keyed by factor id. A factor missing from the map is
/// "not rated", which is different from rated 0.
pub type Ratings = BTreeMap<String, u8>;

// Empty fields are left out of the stored document: with 10,000 accounts
// the workspace must stay well inside the browser's localStorage quota.
fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

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
/// How much of a bad value an error message quotes.
pub const EXCERPT_CHARS: usize = 40;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyAccount {
    pub id: AccountId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sector: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// Our annual revenue from this customer.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revenue: f64,
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

/// `5000000` as `5,000,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// At most [`EXCERPT_CHARS`] of `text` for an error message, control
/// characters shown as U+FFFD, so a huge or binary value can't flood the page.
pub fn excerpt(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
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
            AccountError::DuplicateQuarter(_) => "measures",
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
    fn same_kind(&self, other: &AccountError) -> bool {
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
fn has_control(text: &str, multiline: bool) -> bool {
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

fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
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
        if spend.is_nan() || spend <= 0.0 || !spend.is_finite() || !self.revenue.is_finite() {
            return None;
        }
        Some(self.revenue / spend)
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
            .all(|t| t.name.trim().is_empty() || same_person(&t.name, &self.key_account_manager))
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
            ("revenue", Some(self.revenue)),
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
            }
            if m.share_of_wallet.is_some_and(|s| !s.is_finite()) {
                out.push(AccountError::NotFinite {
                    field: "quarterly share of wallet",
                });
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
        v.sort_by_key(|m| m.quarter);
        v
    }
}

// ---------------------------------------------------------------------------
// Selection criteria and scores
// ---------------------------------------------------------------------------

/// One selection criterion, weighted in whole percentage points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    pub id: String,
    pub name: String,
    pub weight: u32,
}

impl Factor {
    pub fn new(id: &str, name: &str, weight: u32) -> Self {
        Factor {
            id: id.to_string(),
            name: name.to_string(),
            weight,
        }
    }
}

/// The editable selection criteria for both axes of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criteria {
    /// How attractive the customer is to us.
    pub attractiveness: Vec<Factor>,
    /// Our relative strength as the customer sees us.
    pub strength: Vec<Factor>,
}

impl Default for Criteria {
    fn default() -> Self {
        Criteria {
            attractiveness: vec![
                Factor::new("volume", "Volume", 30),
                Factor::new("growth", "Growth", 25),
                Factor::new("profitability", "Profitability potential", 25),
                Factor::new("strategic_fit", "Strategic fit", 20),
            ],
            strength: vec![
                Factor::new("quality", "Product and service quality", 30),
                Factor::new("relationship", "Relationship", 25),
                Factor::new("price", "Price competitiveness", 20),
                Factor::new("understanding", "Understanding of their business", 25),
            ],
        }
    }
}

/// Which axis of the matrix a set of factors belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    Attractiveness,
    Strength,
}

impl Axis {
    pub fn label(self) -> &'static str {
        match self {
            Axis::Attractiveness => "customer attractiveness",
            Axis::Strength => "relative strength",
        }
    }
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum WeightsError {
    #[error("there must be at least one factor")]
    Empty,
    #[error("a factor has no id")]
    EmptyId,
    #[error("the factor id \"{0}\" is used twice")]
    DuplicateId(String),
    /// Weights are never rescaled behind the user's back: they must add up.
    #[error("the weights add up to {actual}, not 100")]
    Sum { actual: u64 },
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ScoreError {
    #[error(transparent)]
    Weights(#[from] WeightsError),
    #[error("the rating for \"{factor}\" is {value}; ratings go from 0 to 10")]
    RatingOutOfRange { factor: String, value: u8 },
}

pub fn validate_weights(factors: &[Factor]) -> Result<(), WeightsError> {
    if factors.is_empty() {
        return Err(WeightsError::Empty);
    }
    let mut ids = HashSet::new();
    for f in factors {
        if f.id.trim().is_empty() {
            return Err(WeightsError::EmptyId);
        }
        if !ids.insert(f.id.as_str()) {
            return Err(WeightsError::DuplicateId(f.id.clone()));
        }
    }
    let actual: u64 = factors.iter().map(|f| u64::from(f.weight)).sum();
    if actual != 100 {
        return Err(WeightsError::Sum { actual });
    }
    Ok(())
}

/// Weighted score 0-10 over the factors that are rated.
///
/// Unrated factors are treated as *missing*, not as 0: the score is the
/// weighted mean of the rated factors, renormalised by their weights, and
/// [`unrated_factors`] says what is missing so the UI can mark the score
/// incomplete. Counting a gap as 0 would push half-assessed accounts into
/// Streamline and make them look like a decision had been taken.
/// `Ok(None)` when no factor (or only factors weighted 0) is rated.
/// Ratings for ids not in `factors` (e.g. a deleted factor) are ignored.
pub fn weighted_score(ratings: &Ratings, factors: &[Factor]) -> Result<Option<f64>, ScoreError> {
    validate_weights(factors)?;
    let mut sum = 0.0;
    let mut weight = 0u64;
    for f in factors {
        if let Some(&r) = ratings.get(&f.id) {
            if r > MAX_RATING {
                return Err(ScoreError::RatingOutOfRange {
                    factor: f.id.clone(),
                    value: r,
                });
            }
            sum += f64::from(f.weight) * f64::from(r);
            weight += u64::from(f.weight);
        }
    }
    Ok((weight > 0).then(|| sum / weight as f64))
}

/// Ids of factors without a rating, in criteria order.
pub fn unrated_factors<'a>(ratings: &Ratings, factors: &'a [Factor]) -> Vec<&'a str> {
    factors
        .iter()
        .filter(|f| !ratings.contains_key(&f.id))
        .map(|f| f.id.as_str())
        .collect()
}

/// Our view minus the customer's view for one strength factor. Positive:
/// we think we are better than the customer does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorGap {
    pub factor: String,
    pub customer: u8,
    pub supplier: u8,
    pub gap: i16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrengthGap {
    /// Only factors rated in both views.
    pub factors: Vec<FactorGap>,
    /// Weighted mean gap over those factors; `None` if there are none.
    pub overall: Option<f64>,
}

/// Self view minus customer view, per factor and overall (weighted by the
/// factors' weights, over factors both sides rated).
pub fn strength_gap(
    customer: &Ratings,
    supplier: &Ratings,
    factors: &[Factor],
) -> Result<StrengthGap, ScoreError> {
    validate_weights(factors)?;
    let mut out = Vec::new();
    let (mut sum, mut weight) = (0.0, 0u64);
    for f in factors {
        let (Some(&c), Some(&s)) = (customer.get(&f.id), supplier.get(&f.id)) else {
            continue;
        };
        if let Some(bad) = [c, s].into_iter().find(|&v| v > MAX_RATING) {
            return Err(ScoreError::RatingOutOfRange {
                factor: f.id.clone(),
                value: bad,
            });
        }
        let gap = i16::from(s) - i16::from(c);
        sum += f64::from(f.weight) * f64::from(gap);
        weight += u64::from(f.weight);
        out.push(FactorGap {
            factor: f.id.clone(),
            customer: c,
            supplier: s,
            gap,
        });
    }
    Ok(StrengthGap {
        factors: out,
        overall: (weight > 0).then(|| sum / weight as f64),
    })
}

// ---------------------------------------------------------------------------
// Quadrants
// ---------------------------------------------------------------------------

/// The four portfolio categories of the attractiveness / strength matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// High attractiveness, high strength: invest and build partnership.
    Strategic,
    /// High attractiveness, low strength: the key accounts of tomorrow.
    Star,
    /// Low attractiveness, high strength: maintain efficiently.
    Status,
    /// Low attractiveness, low strength: serve at low cost.
    Streamline,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Strategic,
        Category::Star,
        Category::Status,
        Category::Streamline,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Strategic => "Strategic",
            Category::Star => "Star",
            Category::Status => "Status",
            Category::Streamline => "Streamline",
        }
    }
}

pub const DEFAULT_SPLIT: f64 = 5.0;

#[derive(Debug, Clone, Copy, Error, PartialEq)]
#[error("the split between high and low must be above 0 and below 10, not {0}")]
pub struct SplitError(pub f64);

pub fn validate_split(split: f64) -> Result<(), SplitError> {
    if split > 0.0 && split < 10.0 {
        Ok(())
    } else {
        Err(SplitError(split))
    }
}

/// A score exactly at the split counts as high, so an account rated at
/// the middle of the scale is not downgraded by a rounding hair.
pub fn categorise(attractiveness: f64, strength: f64, split: f64) -> Category {
    match (attractiveness >= split, strength >= split) {
        (true, true) => Category::Strategic,
        (true, false) => Category::Star,
        (false, true) => Category::Status,
        (false, false) => Category::Streamline,
    }
}

/// Where an account sits on the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub attractiveness: f64,
    pub strength: f64,
}

// ---------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------

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
    /// ISO `YYYY-MM-DD`.
    pub date: String,
    pub account: AccountId,
    /// The name at the time, so the record reads well after a rename or removal.
    pub account_name: String,
    #[serde(flatten)]
    pub kind: MigrationKind,
    #[serde(default)]
    pub cause: MigrationCause,
}

// ---------------------------------------------------------------------------
// Key account manager time allocation
// ---------------------------------------------------------------------------

/// An activity in the key account manager's job with its recommended share
/// of time in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub name: String,
    pub recommended_min: f64,
    pub recommended_max: f64,
    /// Where the range comes from or what is commonly seen instead.
    #[serde(default)]
    pub note: String,
}

impl Activity {
    fn new(id: &str, name: &str, min: f64, max: f64, note: &str) -> Self {
        Activity {
            id: id.to_string(),
            name: name.to_string(),
            recommended_min: min,
            recommended_max: max,
            note: note.to_string(),
        }
    }
}

/// Defaults from Woodburn (2006), "Transitioning to KAM", section 2.3 and
/// Table 2, and section 2.4. Table 2's figures are not in our copy of the
/// text, only its commentary, so ranges not stated there are our reading:
/// - Selling 5-10 % (stated; 30-50 % is common, "about 5 times" too much).
/// - Developing relationships 20-25 % and internal alignment for the deal
///   commercially 5-10 % (stated; "about the right amount" today).
/// - Implementing and motivating the deal operationally: managers spend
///   "about twice the requirement"; we use 10-15 %.
/// - Industry knowledge / understanding strategy / planning: "third on the
///   list" of what they should do, yet hardly done; we use 15-20 %.
/// - Other: the rest of the "wide range of activities", so a sensible
///   allocation can add up to 100 %.
pub fn default_activities() -> Vec<Activity> {
    vec![
        Activity::new(
            "selling",
            "Selling",
            5.0,
            10.0,
            "Woodburn 2006, 2.3-2.4: 5-10 %; 30-50 % is common today.",
        ),
        Activity::new(
            "relationships",
            "Developing relationships",
            20.0,
            25.0,
            "Woodburn 2006, 2.3: about right today.",
        ),
        Activity::new(
            "internal_alignment",
            "Internal alignment for the deal commercially",
            5.0,
            10.0,
            "Woodburn 2006, 2.3: about right today.",
        ),
        Activity::new(
            "implementing",
            "Implementing and motivating the deal operationally",
            10.0,
            15.0,
            "Woodburn 2006, 2.3: currently about twice the requirement.",
        ),
        Activity::new(
            "strategy",
            "Industry knowledge, understanding strategy, planning",
            15.0,
            20.0,
            "Woodburn 2006, 2.3: third on the list, yet little time spent today.",
        ),
        Activity::new(
            "other",
            "Other",
            20.0,
            45.0,
            "The remaining activities of the role.",
        ),
    ]
}

#[derive(Debug, Clone, Error, PartialEq)]
pub enum ActivitiesError {
    #[error("there must be at least one activity")]
    Empty,
    #[error("an activity has no id")]
    EmptyId,
    #[error("the activity id \"{0}\" is used twice")]
    DuplicateId(String),
    #[error("the recommended range of \"{id}\" must lie within 0-100 % with the minimum not above the maximum")]
    BadRange { id: String },
}

pub fn validate_activities(activities: &[Activity]) -> Result<(), ActivitiesError> {
    if activities.is_empty() {
        return Err(ActivitiesError::Empty);
    }
    let mut ids = HashSet::new();
    for a in activities {
        if a.id.trim().is_empty() {
            return Err(ActivitiesError::EmptyId);
        }
        if !ids.insert(a.id.as_str()) {
            return Err(ActivitiesError::DuplicateId(a.id.clone()));
        }
        let ok = (0.0..=100.0).contains(&a.recommended_min)
            && (0.0..=100.0).contains(&a.recommended_max)
            && a.recommended_min <= a.recommended_max;
        if !ok {
            return Err(ActivitiesError::BadRange { id: a.id.clone() });
        }
    }
    Ok(())
}

/// How one key account manager actually spends their time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ManagerTime {
    pub manager: String,
    /// Percent of time per activity id; a missing activity counts as 0 %.
    #[serde(default)]
    pub shares: BTreeMap<String, f64>,
}

/// Shares may be entered with decimals; this much rounding slack is allowed.
pub const ALLOCATION_TOLERANCE: f64 = 0.01;

/// The source marks activities whose time differs from the recommendation
/// by "10 % or more" (Table 2); we flag at this many points outside the range.
pub const ALLOCATION_FLAG_POINTS: f64 = 10.0;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum AllocationError {
    #[error("the time shares add up to {actual:.2} %, not 100 %")]
    Sum { actual: f64 },
    #[error("the share for \"{activity}\" must be a number from 0 to 100")]
    BadShare { activity: String },
    #[error("\"{0}\" is not one of the activities")]
    UnknownActivity(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deviation {
    Below,
    Above,
}

/// An activity 10 points or more outside its recommended range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationFlag {
    pub activity: String,
    pub share: f64,
    pub direction: Deviation,
    /// Points outside the range (always positive).
    pub by: f64,
}

impl ManagerTime {
    pub fn total(&self) -> f64 {
        self.shares.values().sum()
    }

    pub fn validate(&self, activities: &[Activity]) -> Result<(), AllocationError> {
        for (id, &share) in &self.shares {
            if !activities.iter().any(|a| &a.id == id) {
                return Err(AllocationError::UnknownActivity(id.clone()));
            }
            if !(0.0..=100.0).contains(&share) {
                return Err(AllocationError::BadShare {
                    activity: id.clone(),
                });
            }
        }
        let actual = self.total();
        if (actual - 100.0).abs() > ALLOCATION_TOLERANCE {
            return Err(AllocationError::Sum { actual });
        }
        Ok(())
    }

    /// Activities at least [`ALLOCATION_FLAG_POINTS`] outside their range.
    /// Exactly 10 points out is flagged ("10 % or more"); a hair of float
    /// slack keeps 25.0 - 10.0 style arithmetic on the flagged side.
    pub fn flags(&self, activities: &[Activity]) -> Vec<AllocationFlag> {
        const SLACK: f64 = 1e-9;
        activities
            .iter()
            .filter_map(|a| {
                let share = self.shares.get(&a.id).copied().unwrap_or(0.0);
                let below = a.recommended_min - share;
                let above = share - a.recommended_max;
                let (direction, by) = if below >= ALLOCATION_FLAG_POINTS - SLACK {
                    (Deviation::Below, below)
                } else if above >= ALLOCATION_FLAG_POINTS - SLACK {
                    (Deviation::Above, above)
                } else {
                    return None;
                };
                Some(AllocationFlag {
                    activity: a.id.clone(),
                    share,
                    direction,
                    by,
                })
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Portfolio health and measures
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Portfolio
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Error, PartialEq)]
pub enum PortfolioError {
    #[error("there is no account with id {0}")]
    UnknownAccount(AccountId),
    #[error("an account with id {0} already exists")]
    DuplicateId(AccountId),
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

/// Checks the `YYYY-MM-DD` shape and plausible month and day numbers.
pub fn validate_date(date: &str) -> Result<(), PortfolioError> {
    let b = date.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let num = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok());
    let ok = shape
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d));
    if ok {
        Ok(())
    } else {
        Err(PortfolioError::BadDate(date.to_string()))
    }
}

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

/// Snapshot of what migrations compare.
type Standing = (Option<Category>, RelationshipStage);

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

    /// Removes the account and returns where it was, for undo.
    pub fn remove_account(&mut self, id: AccountId) -> Result<(usize, KeyAccount), PortfolioError> {
        let i = self
            .index_of(id)
            .ok_or(PortfolioError::UnknownAccount(id))?;
        Ok((i, self.accounts.remove(i)))
    }

    /// Undoes a removal: puts the account back at `index` (clamped).
    pub fn restore_account(
        &mut self,
        index: usize,
        account: KeyAccount,
    ) -> Result<(), PortfolioError> {
        if self.index_of(account.id).is_some() {
            return Err(PortfolioError::DuplicateId(account.id));
        }
        self.next_id = self.next_id.max(account.id.0 + 1);
        let index = index.min(self.accounts.len());
        // Keep id order if the index is stale.
        let ordered = (index == 0 || self.accounts[index - 1].id < account.id)
            && self.accounts.get(index).is_none_or(|a| a.id > account.id);
        let index = if ordered {
            index
        } else {
            self.accounts.partition_point(|a| a.id < account.id)
        };
        self.accounts.insert(index, account);
        Ok(())
    }

    /// Both axis scores under the current criteria; `None` on either axis
    /// means that axis has no rated factor.
    pub fn scores(&self, account: &KeyAccount) -> (Option<f64>, Option<f64>) {
        let a = weighted_score(&account.attractiveness, &self.criteria.attractiveness)
            .ok()
            .flatten();
        let s = weighted_score(&account.strength_customer_view, &self.criteria.strength)
            .ok()
            .flatten();
        (a, s)
    }

    /// `None` unless both axes have at least one rated factor.
    pub fn position(&self, account: &KeyAccount) -> Option<Position> {
        match self.scores(account) {
            (Some(attractiveness), Some(strength)) => Some(Position {
                attractiveness,
                strength,
            }),
            _ => None,
        }
    }

    pub fn category(&self, account: &KeyAccount) -> Option<Category> {
        self.position(account)
            .map(|p| categorise(p.attractiveness, p.strength, self.split))
    }

    /// True when both axes have every factor rated.
    pub fn fully_rated(&self, account: &KeyAccount) -> bool {
        unrated_factors(&account.attractiveness, &self.criteria.attractiveness).is_empty()
            && unrated_factors(&account.strength_customer_view, &self.criteria.strength).is_empty()
    }

    pub fn strength_gap(&self, account: &KeyAccount) -> Result<StrengthGap, ScoreError> {
        strength_gap(
            &account.strength_customer_view,
            &account.strength_self_view,
            &self.criteria.strength,
        )
    }

    fn standing(&self, account: &KeyAccount) -> Standing {
        (self.category(account), account.current_stage)
    }

    fn record(
        &mut self,
        today: &str,
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
                date: today.to_string(),
                account: account.id,
                account_name: account.name.clone(),
                kind,
                cause,
            })
            .collect();
        self.migrations.extend(out.iter().cloned());
        out
    }

    /// Edits an account and records any change of category or relationship
    /// stage. An edit that adds a problem (see [`KeyAccount::problems`]) is
    /// rolled back; problems the account already had don't block it.
    pub fn update_account(
        &mut self,
        id: AccountId,
        today: &str,
        f: impl FnOnce(&mut KeyAccount),
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        self.update_account_as(id, today, MigrationCause::AccountEdit, f)
    }

    pub(crate) fn update_account_as(
        &mut self,
        id: AccountId,
        today: &str,
        cause: MigrationCause,
        f: impl FnOnce(&mut KeyAccount),
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        validate_date(today)?;
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

    /// Changes the yardstick and records every account that changes category.
    fn restandard(
        &mut self,
        today: &str,
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

    pub fn set_split(
        &mut self,
        split: f64,
        today: &str,
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        validate_date(today)?;
        validate_split(split)?;
        Ok(self.restandard(today, MigrationCause::SplitChange, |p| p.split = split))
    }

    /// Replaces the criteria; both axes must be valid (weights add to 100).
    pub fn set_criteria(
        &mut self,
        criteria: Criteria,
        today: &str,
    ) -> Result<Vec<MigrationRecord>, PortfolioError> {
        validate_date(today)?;
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

    /// Migrations dated `from` to `to` inclusive, newest first (and, within
    /// a day, latest recorded first).
    pub fn migrations_between(&self, from: &str, to: &str) -> Vec<&MigrationRecord> {
        let mut v: Vec<(usize, &MigrationRecord)> = self
            .migrations
            .iter()
            .enumerate()
            .filter(|(_, m)| m.date.as_str() >= from && m.date.as_str() <= to)
            .collect();
        v.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
        v.into_iter().map(|(_, m)| m).collect()
    }

    /// Case-insensitive substring search over name, sector, country and key
    /// account manager. A blank query matches everything.
    pub fn search(&self, query: &str) -> Vec<&KeyAccount> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return self.accounts.iter().collect();
        }
        self.accounts
            .iter()
            .filter(|a| {
                [&a.name, &a.sector, &a.country, &a.key_account_manager]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&q))
            })
            .collect()
    }

    pub fn filter<'a>(
        &self,
        accounts: Vec<&'a KeyAccount>,
        filter: &AccountFilter,
    ) -> Vec<&'a KeyAccount> {
        let manager = filter.manager.as_ref().map(|m| m.trim().to_lowercase());
        accounts
            .into_iter()
            .filter(|a| filter.stage.is_none_or(|s| a.current_stage == s))
            .filter(|a| {
                manager
                    .as_ref()
                    .is_none_or(|m| a.key_account_manager.trim().to_lowercase() == *m)
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
                let mut keyed: Vec<(String, &KeyAccount)> = accounts
                    .iter()
                    .map(|a| (a.name.to_lowercase(), *a))
                    .collect();
                keyed.sort_by(|x, y| dir(x.0.cmp(&y.0)));
                *accounts = keyed.into_iter().map(|(_, a)| a).collect();
            }
            SortKey::Category => {
                let mut keyed: Vec<(Option<Category>, &KeyAccount)> =
                    accounts.iter().map(|a| (self.category(a), *a)).collect();
                keyed.sort_by(|x, y| match (x.0, y.0) {
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
                        SortKey::Revenue => Some(a.revenue),
                        SortKey::Attractiveness => self.scores(a).0,
                        SortKey::Strength => self.scores(a).1,
                        _ => a.share_of_wallet(),
                    }
                    .filter(|v| !v.is_nan())
                };
                let mut keyed: Vec<(Option<f64>, &KeyAccount)> =
                    accounts.iter().map(|a| (value(a), *a)).collect();
                keyed.sort_by(|x, y| match (x.0, y.0) {
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
                seen.entry(m.to_lowercase())
                    .or_insert_with(|| m.to_string());
            }
        }
        seen.into_values().collect()
    }

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
                sponsors.insert(s.to_lowercase());
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

    /// The allocation recorded for a manager (trimmed, case-insensitive).
    pub fn manager_time(&self, manager: &str) -> Option<&ManagerTime> {
        self.manager_times
            .iter()
            .find(|m| same_person(&m.manager, manager))
    }

    /// Adds or replaces a manager's allocation after checking it.
    pub fn set_manager_time(&mut self, time: ManagerTime) -> Result<(), AllocationError> {
        time.validate(&self.activities)?;
        match self
            .manager_times
            .iter_mut()
            .find(|m| same_person(&m.manager, &time.manager))
        {
            Some(m) => *m = time,
            None => self.manager_times.push(time),
        }
        Ok(())
    }
}

// Used by the CSV module to find extra rating columns.
pub(crate) fn rated_ids(
    accounts: &[KeyAccount],
    pick: impl Fn(&KeyAccount) -> &Ratings,
) -> BTreeSet<String> {
    accounts
        .iter()
        .flat_map(|a| pick(a).keys().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY1: &str = "2026-01-15";
    const DAY2: &str = "2026-02-20";
    const DAY3: &str = "2026-03-31";

    fn f(id: &str, w: u32) -> Factor {
        Factor::new(id, id, w)
    }

    fn ratings(pairs: &[(&str, u8)]) -> Ratings {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    /// All factors of both default axes rated `attr` / `strength`.
    fn rated(name: &str, attr: u8, strength: u8) -> KeyAccount {
        let c = Criteria::default();
        let mut a = KeyAccount::new(name);
        a.attractiveness = c
            .attractiveness
            .iter()
            .map(|f| (f.id.clone(), attr))
            .collect();
        a.strength_customer_view = c
            .strength
            .iter()
            .map(|f| (f.id.clone(), strength))
            .collect();
        a
    }

    #[test]
    fn weights_must_sum_to_exactly_100() {
        assert_eq!(
            validate_weights(&[f("a", 50), f("b", 49)]),
            Err(WeightsError::Sum { actual: 99 })
        );
        assert_eq!(validate_weights(&[f("a", 50), f("b", 50)]), Ok(()));
        assert_eq!(
            validate_weights(&[f("a", 50), f("b", 51)]),
            Err(WeightsError::Sum { actual: 101 })
        );
        assert_eq!(validate_weights(&[]), Err(WeightsError::Empty));
        assert_eq!(
            validate_weights(&[f("a", 50), f("a", 50)]),
            Err(WeightsError::DuplicateId("a".into()))
        );
        assert_eq!(validate_weights(&[f(" ", 100)]), Err(WeightsError::EmptyId));
        assert!(WeightsError::Sum { actual: 99 }.to_string().contains("99"));
        assert_eq!(
            validate_weights(&Criteria::default().attractiveness),
            Ok(())
        );
        assert_eq!(validate_weights(&Criteria::default().strength), Ok(()));
    }

    #[test]
    fn weighted_score_by_hand() {
        let fs = [f("a", 30), f("b", 25), f("c", 25), f("d", 20)];
        // 0.30*8 + 0.25*6 + 0.25*4 + 0.20*10 = 2.4 + 1.5 + 1.0 + 2.0 = 6.9
        let r = ratings(&[("a", 8), ("b", 6), ("c", 4), ("d", 10)]);
        let s = weighted_score(&r, &fs).unwrap().unwrap();
        assert!((s - 6.9).abs() < 1e-9, "{s}");
        assert!(unrated_factors(&r, &fs).is_empty());
    }

    #[test]
    fn unrated_factors_are_missing_not_zero() {
        let fs = [f("a", 30), f("b", 25), f("c", 25), f("d", 20)];
        // Only a and d: (30*8 + 20*10) / 50 = 8.8, not 4.4 as zeros would give.
        let r = ratings(&[("a", 8), ("d", 10), ("gone", 0)]);
        let s = weighted_score(&r, &fs).unwrap().unwrap();
        assert!((s - 8.8).abs() < 1e-9, "{s}");
        assert_eq!(unrated_factors(&r, &fs), vec!["b", "c"]);
        assert_eq!(weighted_score(&Ratings::new(), &fs), Ok(None));
        // Only a zero-weight factor rated: nothing to weigh.
        let fz = [f("a", 0), f("b", 100)];
        assert_eq!(weighted_score(&ratings(&[("a", 7)]), &fz), Ok(None));
        // Out-of-range rating and bad weights are errors, not scores.
        assert!(matches!(
            weighted_score(&ratings(&[("a", 11)]), &fs),
            Err(ScoreError::RatingOutOfRange { value: 11, .. })
        ));
        assert_eq!(
            weighted_score(&r, &[f("a", 90)]),
            Err(ScoreError::Weights(WeightsError::Sum { actual: 90 }))
        );
    }

    #[test]
    fn strength_gap_is_self_minus_customer() {
        let fs = [f("a", 60), f("b", 40)];
        let g = strength_gap(
            &ratings(&[("a", 4), ("b", 7)]),
            &ratings(&[("a", 8), ("b", 6)]),
            &fs,
        )
        .unwrap();
        assert_eq!(g.factors[0].gap, 4);
        assert_eq!(g.factors[1].gap, -1);
        // 0.6*4 + 0.4*(-1) = 2.0
        assert!((g.overall.unwrap() - 2.0).abs() < 1e-9);
        // Self view only partly given: only common factors count.
        let g = strength_gap(&ratings(&[("a", 4), ("b", 7)]), &ratings(&[("b", 9)]), &fs).unwrap();
        assert_eq!(g.factors.len(), 1);
        assert!((g.overall.unwrap() - 2.0).abs() < 1e-9);
        let g = strength_gap(&ratings(&[("a", 4)]), &Ratings::new(), &fs).unwrap();
        assert_eq!(g.overall, None);
    }

    #[test]
    fn quadrant_boundary_at_the_split_counts_as_high() {
        assert_eq!(categorise(5.0, 5.0, 5.0), Category::Strategic);
        assert_eq!(categorise(5.0, 4.999, 5.0), Category::Star);
        assert_eq!(categorise(4.999, 5.0, 5.0), Category::Status);
        assert_eq!(categorise(4.999, 4.999, 5.0), Category::Streamline);
        assert_eq!(categorise(10.0, 0.0, 5.0), Category::Star);
        // Custom split.
        assert_eq!(categorise(6.0, 6.0, 6.5), Category::Streamline);
        assert_eq!(categorise(6.5, 6.5, 6.5), Category::Strategic);
        assert_eq!(categorise(7.0, 6.4, 6.5), Category::Star);
        assert_eq!(categorise(f64::NAN, 9.0, 5.0), Category::Status);
        assert!(validate_split(0.0).is_err());
        assert!(validate_split(10.0).is_err());
        assert!(validate_split(f64::NAN).is_err());
        assert!(validate_split(0.5).is_ok());
    }

    #[test]
    fn account_category_needs_both_axes_rated() {
        let p = Portfolio::default();
        let mut a = rated("Acme", 5, 5);
        assert_eq!(p.category(&a), Some(Category::Strategic));
        assert!(p.fully_rated(&a));
        a.strength_customer_view.clear();
        assert_eq!(p.category(&a), None);
        assert!(!p.fully_rated(&a));
        // The self view never places the account.
        a.strength_self_view = ratings(&[("quality", 9)]);
        assert_eq!(p.category(&a), None);
    }

    #[test]
    fn share_of_wallet_never_divides_by_zero() {
        let mut a = KeyAccount::new("Acme");
        a.revenue = 250.0;
        assert_eq!(a.share_of_wallet(), None);
        a.category_spend = Some(0.0);
        assert_eq!(a.share_of_wallet(), None);
        a.category_spend = Some(-5.0);
        assert_eq!(a.share_of_wallet(), None);
        a.category_spend = Some(1000.0);
        assert_eq!(a.share_of_wallet(), Some(0.25));
        assert!(!a.share_of_wallet_implausible());
        a.category_spend = Some(200.0);
        assert_eq!(a.share_of_wallet(), Some(1.25));
        assert!(a.share_of_wallet_implausible());
        assert!(a.flags().contains(&AccountFlag::ShareOfWalletOver100));
    }

    #[test]
    fn quarters_parse_order_and_serialise() {
        let q: Quarter = "2026-Q1".parse().unwrap();
        assert_eq!((q.year(), q.quarter()), (2026, 1));
        assert_eq!(q.to_string(), "2026-Q1");
        assert!("2025-q4".parse::<Quarter>().unwrap() < q);
        for bad in [
            "2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "2026-Q12", "", "abcd-Q1",
        ] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&q).unwrap(), "\"2026-Q1\"");
        assert!(serde_json::from_str::<Quarter>("\"2026-Q9\"").is_err());
    }

    #[test]
    fn stages_order_and_parse() {
        assert!(RelationshipStage::Exploratory < RelationshipStage::Integrated);
        assert_eq!("cooperative".parse(), Ok(RelationshipStage::Cooperative));
        assert_eq!(" 4 ".parse(), Ok(RelationshipStage::Interdependent));
        assert!("partner".parse::<RelationshipStage>().is_err());
    }

    #[test]
    fn ids_are_never_reused() {
        let mut p = Portfolio::default();
        let a = p.add_account(KeyAccount::new("A")).unwrap();
        let b = p.add_account(KeyAccount::new("B")).unwrap();
        assert_eq!((a, b), (AccountId(1), AccountId(2)));
        p.remove_account(b).unwrap();
        let c = p.add_account(KeyAccount::new("C")).unwrap();
        assert_eq!(c, AccountId(3));
        assert!(p.add_account(KeyAccount::new("  ")).is_err());
    }

    #[test]
    fn remove_and_restore_for_undo() {
        let mut p = Portfolio::default();
        let ids: Vec<_> = ["A", "B", "C"]
            .iter()
            .map(|n| p.add_account(KeyAccount::new(*n)).unwrap())
            .collect();
        let (i, acc) = p.remove_account(ids[1]).unwrap();
        assert_eq!(i, 1);
        assert!(p.get(ids[1]).is_none());
        assert_eq!(
            p.remove_account(ids[1]),
            Err(PortfolioError::UnknownAccount(ids[1]))
        );
        p.restore_account(i, acc.clone()).unwrap();
        let names: Vec<_> = p.accounts.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(p.get(ids[1]).unwrap().name, "B");
        assert_eq!(
            p.restore_account(0, acc),
            Err(PortfolioError::DuplicateId(ids[1]))
        );
        // A stale index still keeps id order.
        let (_, c) = p.remove_account(ids[2]).unwrap();
        p.restore_account(0, c).unwrap();
        assert_eq!(p.accounts[2].name, "C");
        assert_eq!(p.get(ids[2]).unwrap().name, "C");
    }

    #[test]
    fn update_records_category_and_stage_migrations() {
        let mut p = Portfolio::default();
        let id = p.add_account(rated("Acme", 8, 3)).unwrap();
        assert_eq!(p.category(p.get(id).unwrap()), Some(Category::Star));
        let recs = p
            .update_account(id, DAY1, |a| {
                for v in a.strength_customer_view.values_mut() {
                    *v = 7;
                }
                a.current_stage = RelationshipStage::Cooperative;
            })
            .unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(
            recs[0].kind,
            MigrationKind::Category {
                from: Some(Category::Star),
                to: Some(Category::Strategic)
            }
        );
        assert_eq!(
            recs[1].kind,
            MigrationKind::Stage {
                from: RelationshipStage::Exploratory,
                to: RelationshipStage::Cooperative
            }
        );
        assert!(recs
            .iter()
            .all(|r| r.date == DAY1 && r.account == id && r.account_name == "Acme"));
        assert_eq!(p.migrations.len(), 2);
        // A change that moves nothing records nothing.
        let recs = p
            .update_account(id, DAY2, |a| a.notes = "x".into())
            .unwrap();
        assert!(recs.is_empty());
        // Target stage is a plan, not a migration.
        let recs = p
            .update_account(id, DAY2, |a| a.target_stage = RelationshipStage::Integrated)
            .unwrap();
        assert!(recs.is_empty());
        // Unrating is a category change to None.
        let recs = p
            .update_account(id, DAY3, |a| a.attractiveness.clear())
            .unwrap();
        assert_eq!(
            recs[0].kind,
            MigrationKind::Category {
                from: Some(Category::Strategic),
                to: None
            }
        );
    }

    #[test]
    fn invalid_updates_roll_back() {
        let mut p = Portfolio::default();
        let id = p.add_account(rated("Acme", 8, 3)).unwrap();
        let err = p
            .update_account(id, DAY1, |a| {
                a.attractiveness.insert("volume".into(), 11);
                a.name = "Changed".into();
            })
            .unwrap_err();
        assert!(matches!(
            err,
            PortfolioError::Account(AccountError::RatingOutOfRange { value: 11, .. })
        ));
        assert_eq!(p.get(id).unwrap().name, "Acme");
        assert!(p.update_account(id, "31/03/2026", |_| {}).is_err());
        assert!(p.update_account(AccountId(99), DAY1, |_| {}).is_err());
        // The id can't be changed through the closure.
        p.update_account(id, DAY1, |a| a.id = AccountId(42))
            .unwrap();
        assert!(p.get(id).is_some());
        assert!(p.migrations.is_empty());
    }

    #[test]
    fn problems_lists_every_problem_and_validate_the_first() {
        let mut a = KeyAccount::new("\0\0\0");
        a.revenue = -5000.0;
        a.category_spend = Some(f64::NAN);
        a.sector = "x".repeat(MAX_LINE_CHARS + 1);
        a.notes = "ok\nwith\ttabs\r\n".into();
        a.attractiveness = ratings(&[("volume", 200), ("growth", 11), ("fit", 10)]);
        a.team.push(TeamMember {
            name: "Bell\u{7}".into(),
            ..TeamMember::default()
        });
        let got = a.problems();
        assert_eq!(
            got,
            [
                AccountError::ControlCharacters { field: "name" },
                AccountError::TooLong {
                    field: "sector",
                    chars: 201,
                    max: 200
                },
                AccountError::ControlCharacters {
                    field: "team member name"
                },
                AccountError::RatingOutOfRange {
                    view: RatingView::Attractiveness,
                    factor: "growth".into(),
                    value: 11
                },
                AccountError::RatingOutOfRange {
                    view: RatingView::Attractiveness,
                    factor: "volume".into(),
                    value: 200
                },
                AccountError::Negative { field: "revenue" },
                AccountError::NotFinite {
                    field: "category spend"
                },
            ]
        );
        assert_eq!(a.validate(), Err(got[0].clone()));
        assert_eq!(
            got[0].to_string(),
            "the name contains control characters (such as NUL), which are not allowed"
        );
        assert_eq!(got[2].field(), "team");
        assert_eq!(got[6].field(), "category_spend");
        // Characters, not bytes: 200 three-byte characters are fine.
        assert!(KeyAccount::new("€".repeat(MAX_NAME_CHARS))
            .problems()
            .is_empty());
        let mut b = KeyAccount::new("y".repeat(5_000_000));
        b.notes = "n".repeat(MAX_NOTES_CHARS + 1);
        let msgs: Vec<String> = b.problems().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "the name has 5,000,000 characters; at most 200",
                "the notes have 10,001 characters; at most 10,000"
            ]
        );
        b.notes = "a\0b".into();
        assert_eq!(
            b.problems()[1].to_string(),
            "the notes contain control characters (such as NUL), which are not allowed"
        );
        assert_eq!(
            KeyAccount::new(" ").problems(),
            [AccountError::EmptyName],
            "blank is empty, not a control character"
        );
    }

    #[test]
    fn numbers_and_excerpts_for_messages() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
        assert_eq!(excerpt("short"), "short");
        assert_eq!(excerpt("a\0b"), "a\u{fffd}b");
        let long = excerpt(&"z".repeat(5_000_000));
        assert_eq!(long.chars().count(), EXCERPT_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn a_bad_stored_value_does_not_block_edits() {
        let mut p: Portfolio = serde_json::from_str(
            r#"{"accounts":[{"id":1,"name":"Acme","category_spend":-5}],"next_id":2}"#,
        )
        .unwrap();
        let id = AccountId(1);
        let neg = AccountError::Negative {
            field: "category spend",
        };
        assert_eq!(p.get(id).unwrap().problems(), std::slice::from_ref(&neg));
        // Another field: goes through, the old problem stays.
        p.update_account(id, DAY1, |a| a.name = "Acme Ltd".into())
            .unwrap();
        assert_eq!(p.get(id).unwrap().name, "Acme Ltd");
        // Still bad but no worse: not a new problem.
        p.update_account(id, DAY1, |a| a.category_spend = Some(-7.0))
            .unwrap();
        // A new problem is refused, and it is the one reported.
        let err = p
            .update_account(id, DAY1, |a| {
                a.attractiveness.insert("volume".into(), 11);
            })
            .unwrap_err();
        assert_eq!(
            err,
            PortfolioError::Account(AccountError::RatingOutOfRange {
                view: RatingView::Attractiveness,
                factor: "volume".into(),
                value: 11
            })
        );
        assert!(p.get(id).unwrap().attractiveness.is_empty(), "rolled back");
        // The fix goes through and the problem is gone.
        p.update_account(id, DAY1, |a| a.category_spend = Some(10.0))
            .unwrap();
        assert!(p.get(id).unwrap().problems().is_empty());
        // Now clean, making it bad again is refused.
        assert_eq!(
            p.update_account(id, DAY1, |a| a.category_spend = Some(-5.0)),
            Err(PortfolioError::Account(neg))
        );
    }

    #[test]
    fn a_second_problem_of_the_same_kind_is_new() {
        let mut a = KeyAccount::new("Acme");
        a.measures = vec![QuarterMeasure::new("2026-Q1".parse().unwrap())];
        a.measures[0].revenue = f64::NAN;
        let mut p = Portfolio {
            accounts: vec![a],
            next_id: 2,
            ..Portfolio::default()
        };
        p.accounts[0].id = AccountId(1);
        let mut m = QuarterMeasure::new("2026-Q2".parse().unwrap());
        m.days_with_customer = f64::INFINITY;
        assert!(p
            .update_account(AccountId(1), DAY1, |a| a.set_measure(m))
            .is_err());
        assert_eq!(p.get(AccountId(1)).unwrap().measures.len(), 1);
    }

    #[test]
    fn split_and_criteria_changes_record_migrations() {
        let mut p = Portfolio::default();
        let a = p.add_account(rated("Alpha", 6, 6)).unwrap();
        let b = p.add_account(rated("Beta", 9, 9)).unwrap();
        let recs = p.set_split(7.0, DAY1).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].account, a);
        assert_eq!(recs[0].cause, MigrationCause::SplitChange);
        assert_eq!(
            recs[0].kind,
            MigrationKind::Category {
                from: Some(Category::Strategic),
                to: Some(Category::Streamline)
            }
        );
        assert!(matches!(
            p.set_split(10.0, DAY1),
            Err(PortfolioError::Split(_))
        ));
        assert_eq!(p.split, 7.0);

        // Beta rated 0 on quality under a criteria change that weighs it fully.
        // (30*0 + 70*10) / 100 = 7.0: still Strategic at split 7.
        let recs = p
            .update_account(b, DAY1, |x| {
                x.strength_customer_view.values_mut().for_each(|v| *v = 10);
                x.strength_customer_view.insert("quality".into(), 0);
            })
            .unwrap();
        assert!(recs.is_empty());
        let mut c = Criteria {
            strength: vec![Factor::new("quality", "Quality", 100)],
            ..Criteria::default()
        };
        let recs = p.set_criteria(c.clone(), DAY2).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].account, b);
        assert_eq!(recs[0].cause, MigrationCause::CriteriaChange);
        c.attractiveness[0].weight += 1;
        assert!(matches!(
            p.set_criteria(c, DAY2),
            Err(PortfolioError::Weights {
                axis: Axis::Attractiveness,
                error: WeightsError::Sum { actual: 101 }
            })
        ));
    }

    #[test]
    fn migrations_between_is_inclusive_and_newest_first() {
        let mut p = Portfolio::default();
        let id = p.add_account(KeyAccount::new("Acme")).unwrap();
        for (day, stage) in [
            (DAY1, RelationshipStage::Basic),
            (DAY2, RelationshipStage::Cooperative),
            (DAY2, RelationshipStage::Interdependent),
            (DAY3, RelationshipStage::Integrated),
        ] {
            p.update_account(id, day, |a| a.current_stage = stage)
                .unwrap();
        }
        let got = p.migrations_between(DAY1, DAY2);
        let stages: Vec<_> = got
            .iter()
            .map(|m| match m.kind {
                MigrationKind::Stage { to, .. } => to,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            stages,
            [
                RelationshipStage::Interdependent,
                RelationshipStage::Cooperative,
                RelationshipStage::Basic
            ]
        );
        assert_eq!(p.migrations_between(DAY3, DAY3).len(), 1);
        assert!(p.migrations_between("2027-01-01", "2027-12-31").is_empty());
    }

    #[test]
    fn dmu_and_team_flags() {
        let mut a = KeyAccount::new("Acme");
        a.key_account_manager = "Dana Lee".into();
        a.executive_sponsor = "CEO".into();
        a.plan_owner = "Dana Lee".into();
        assert_eq!(
            a.flags(),
            [
                AccountFlag::NoBoardLevelContact,
                AccountFlag::NoTeamBeyondManager
            ]
        );
        a.dmu.push(DmuMember {
            name: "Pat".into(),
            title: "Buyer".into(),
            role: DecisionRole::Gatekeeper,
            board_level: false,
            strength: RelationshipStrength::Strong,
        });
        assert!(!a.has_board_level_contact());
        a.dmu.push(DmuMember {
            name: "Sam".into(),
            board_level: true,
            role: DecisionRole::DecisionMaker,
            ..DmuMember::default()
        });
        assert!(a.has_board_level_contact());
        a.team.push(TeamMember {
            name: " dana lee ".into(),
            function: "Sales".into(),
            role: "KAM".into(),
        });
        assert!(a.has_no_team_beyond_manager(), "only the manager");
        a.team.push(TeamMember {
            name: "Ops Olu".into(),
            ..TeamMember::default()
        });
        assert!(!a.has_no_team_beyond_manager());
        assert!(a.flags().is_empty());
    }

    fn allocation(pairs: &[(&str, f64)]) -> ManagerTime {
        ManagerTime {
            manager: "Dana".into(),
            shares: pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        }
    }

    #[test]
    fn default_activities_can_sum_to_100() {
        let acts = default_activities();
        assert_eq!(validate_activities(&acts), Ok(()));
        let min: f64 = acts.iter().map(|a| a.recommended_min).sum();
        let max: f64 = acts.iter().map(|a| a.recommended_max).sum();
        assert!(min <= 100.0 && max >= 100.0, "{min}-{max}");
        let good = allocation(&[
            ("selling", 8.0),
            ("relationships", 22.0),
            ("internal_alignment", 8.0),
            ("implementing", 12.0),
            ("strategy", 18.0),
            ("other", 32.0),
        ]);
        assert_eq!(good.validate(&acts), Ok(()));
        assert!(good.flags(&acts).is_empty());
    }

    #[test]
    fn allocation_sum_must_be_100() {
        let acts = default_activities();
        let t = allocation(&[("selling", 50.0), ("other", 49.5)]);
        assert_eq!(
            t.validate(&acts),
            Err(AllocationError::Sum { actual: 99.5 })
        );
        assert!(t.validate(&acts).unwrap_err().to_string().contains("99.50"));
        let t = allocation(&[("selling", 50.0), ("other", 50.005)]);
        assert_eq!(t.validate(&acts), Ok(()));
        let t = allocation(&[("golf", 100.0)]);
        assert_eq!(
            t.validate(&acts),
            Err(AllocationError::UnknownActivity("golf".into()))
        );
        let t = allocation(&[("selling", -5.0), ("other", 105.0)]);
        assert!(matches!(
            t.validate(&acts),
            Err(AllocationError::BadShare { .. })
        ));
    }

    #[test]
    fn allocation_flags_at_the_10_point_boundary() {
        let acts = vec![Activity::new("selling", "Selling", 5.0, 10.0, "")];
        let flag = |share: f64| allocation(&[("selling", share)]).flags(&acts);
        // Above: max 10 + 10 = 20 is flagged, just under is not.
        assert!(flag(19.99).is_empty());
        let f20 = flag(20.0);
        assert_eq!(f20.len(), 1);
        assert_eq!(f20[0].direction, Deviation::Above);
        assert!((f20[0].by - 10.0).abs() < 1e-9);
        // The source's typical 30-50 % selling.
        assert_eq!(flag(40.0)[0].direction, Deviation::Above);
        let rel = vec![Activity::new("relationships", "Rel", 20.0, 25.0, "")];
        let flag = |share: f64| allocation(&[("relationships", share)]).flags(&rel);
        assert!(flag(10.01).is_empty());
        let f10 = flag(10.0);
        assert_eq!(f10[0].direction, Deviation::Below);
        assert!((f10[0].by - 10.0).abs() < 1e-9);
        // Missing counts as 0 %: strategy 15-20 is flagged when ignored.
        let t = allocation(&[("selling", 40.0), ("other", 60.0)]);
        let flags = t.flags(&default_activities());
        assert!(flags
            .iter()
            .any(|f| f.activity == "strategy" && f.direction == Deviation::Below));
        assert!(flags
            .iter()
            .any(|f| f.activity == "selling" && f.direction == Deviation::Above));
    }

    #[test]
    fn manager_time_is_stored_per_manager() {
        let mut p = Portfolio::default();
        let mut t = allocation(&[("selling", 100.0)]);
        p.set_manager_time(t.clone()).unwrap();
        t.manager = " DANA ".into();
        t.shares.insert("selling".into(), 60.0);
        assert!(p.set_manager_time(t.clone()).is_err());
        t.shares.insert("other".into(), 40.0);
        p.set_manager_time(t).unwrap();
        assert_eq!(p.manager_times.len(), 1);
        assert_eq!(p.manager_time("dana").unwrap().shares["other"], 40.0);
        let mut bad = default_activities();
        bad[0].recommended_min = 50.0;
        assert!(matches!(
            p.set_activities(bad),
            Err(PortfolioError::Activities(ActivitiesError::BadRange { .. }))
        ));
    }

    #[test]
    fn health_warnings() {
        let mut p = Portfolio::default();
        let mut a = rated("A", 8, 8);
        a.executive_sponsor = "Kim".into();
        a.plan_owner = "Lee".into();
        let mut b = rated("B", 2, 8);
        b.executive_sponsor = " kim ".into();
        let mut c = KeyAccount::new("C");
        c.executive_sponsor = "  ".into();
        c.plan_owner = "Lee".into();
        let ia = p.add_account(a).unwrap();
        let ib = p.add_account(b).unwrap();
        let ic = p.add_account(c).unwrap();
        let h = p.health();
        assert_eq!(h.accounts, 3);
        assert_eq!(h.sponsors, 1);
        assert_eq!(h.without_sponsor, [ic]);
        assert_eq!(h.without_plan_owner, [ib]);
        assert_eq!(h.per_category[&Category::Strategic], 1);
        assert_eq!(h.per_category[&Category::Status], 1);
        assert_eq!(h.per_category[&Category::Star], 0);
        assert_eq!(h.unrated, 1);
        assert!(h
            .warnings
            .contains(&HealthWarning::MoreAccountsThanSponsors {
                accounts: 3,
                sponsors: 1
            }));
        assert!(h
            .warnings
            .contains(&HealthWarning::AccountsWithoutPlanOwner { count: 1 }));
        let _ = ia;
        // One sponsor per account: no sponsor warning.
        let mut q = Portfolio::default();
        let mut x = KeyAccount::new("X");
        x.executive_sponsor = "Kim".into();
        x.plan_owner = "Lee".into();
        q.add_account(x).unwrap();
        assert!(q.health().warnings.is_empty());
    }

    fn measure(
        q: &str,
        revenue: f64,
        sow: Option<f64>,
        meetings: u32,
        days: f64,
    ) -> QuarterMeasure {
        QuarterMeasure {
            quarter: q.parse().unwrap(),
            revenue,
            share_of_wallet: sow,
            senior_meetings: meetings,
            days_with_customer: days,
        }
    }

    #[test]
    fn measures_trend_and_quarter_totals() {
        let mut p = Portfolio::default();
        let mut a = KeyAccount::new("A");
        a.set_measure(measure("2026-Q2", 100.0, Some(0.5), 2, 3.0));
        a.set_measure(measure("2026-Q1", 80.0, Some(0.4), 1, 2.0));
        a.set_measure(measure("2026-Q2", 90.0, Some(0.5), 2, 3.5));
        let trend: Vec<String> = a.trend().iter().map(|m| m.quarter.to_string()).collect();
        assert_eq!(trend, ["2026-Q1", "2026-Q2"]);
        assert_eq!(a.measures.len(), 2, "same quarter replaced");
        let mut b = KeyAccount::new("B");
        b.set_measure(measure("2026-Q2", 10.0, Some(0.1), 0, 1.0));
        b.set_measure(measure("2025-Q4", 5.0, None, 1, 0.5));
        p.add_account(a).unwrap();
        p.add_account(b).unwrap();
        let t = p.quarter_totals();
        let qs: Vec<String> = t.iter().map(|x| x.quarter.to_string()).collect();
        assert_eq!(qs, ["2025-Q4", "2026-Q1", "2026-Q2"]);
        assert_eq!(t[0].share_of_wallet, None);
        let q2 = &t[2];
        assert_eq!(q2.accounts, 2);
        assert_eq!(q2.revenue, 100.0);
        assert_eq!(q2.senior_meetings, 2);
        assert_eq!(q2.days_with_customer, 4.5);
        // Combined wallet: 90/0.5 + 10/0.1 = 180 + 100 = 280; 100/280.
        assert!((q2.share_of_wallet.unwrap() - 100.0 / 280.0).abs() < 1e-12);
        assert!((q2.share_of_wallet_mean.unwrap() - 0.3).abs() < 1e-12);
        // Two measures for one quarter is invalid data.
        let mut c = KeyAccount::new("C");
        c.measures = vec![measure("2026-Q1", 1.0, None, 0, 0.0); 2];
        assert!(matches!(
            p.add_account(c),
            Err(PortfolioError::Account(AccountError::DuplicateQuarter(_)))
        ));
    }

    fn sample() -> Portfolio {
        let mut p = Portfolio::default();
        for (name, sector, country, kam, rev, attr, str_, spend) in [
            (
                "Zeta Foods",
                "Food",
                "France",
                "Ann",
                300.0,
                8,
                8,
                Some(1000.0),
            ),
            ("alpha Steel", "Metals", "Germany", "Bob", 900.0, 2, 8, None),
            (
                "Beta Pharma",
                "Pharma",
                "Spain",
                "ann",
                100.0,
                9,
                2,
                Some(200.0),
            ),
        ] {
            let mut a = rated(name, attr, str_);
            a.sector = sector.into();
            a.country = country.into();
            a.key_account_manager = kam.into();
            a.revenue = rev;
            a.category_spend = spend;
            p.add_account(a).unwrap();
        }
        p.add_account(KeyAccount::new("Unrated")).unwrap();
        p
    }

    fn names(v: &[&KeyAccount]) -> Vec<String> {
        v.iter().map(|a| a.name.clone()).collect()
    }

    #[test]
    fn search_filter_and_sort() {
        let p = sample();
        assert_eq!(names(&p.search("PHARMA")), ["Beta Pharma"]);
        assert_eq!(names(&p.search("germany")), ["alpha Steel"]);
        assert_eq!(p.search("ann").len(), 2);
        assert_eq!(p.search(" ").len(), 4);
        let by_cat = p.filter(
            p.search(""),
            &AccountFilter {
                category: Some(Category::Star),
                ..Default::default()
            },
        );
        assert_eq!(names(&by_cat), ["Beta Pharma"]);
        let by_kam = p.filter(
            p.search(""),
            &AccountFilter {
                manager: Some("ANN".into()),
                ..Default::default()
            },
        );
        assert_eq!(by_kam.len(), 2);
        assert_eq!(p.managers(), ["Ann", "Bob"]);

        let sorted = |k, asc| names(&p.view("", &AccountFilter::default(), k, asc));
        assert_eq!(
            sorted(SortKey::Name, true),
            ["alpha Steel", "Beta Pharma", "Unrated", "Zeta Foods"]
        );
        assert_eq!(
            sorted(SortKey::Revenue, false),
            ["alpha Steel", "Zeta Foods", "Beta Pharma", "Unrated"]
        );
        // Unrated last in both directions.
        assert_eq!(
            sorted(SortKey::Attractiveness, false),
            ["Beta Pharma", "Zeta Foods", "alpha Steel", "Unrated"]
        );
        assert_eq!(
            sorted(SortKey::Attractiveness, true),
            ["alpha Steel", "Zeta Foods", "Beta Pharma", "Unrated"]
        );
        assert_eq!(sorted(SortKey::Strength, true)[0], "Beta Pharma");
        assert_eq!(
            sorted(SortKey::Category, true),
            ["Zeta Foods", "Beta Pharma", "alpha Steel", "Unrated"]
        );
        assert_eq!(
            sorted(SortKey::ShareOfWallet, false),
            ["Beta Pharma", "Zeta Foods", "alpha Steel", "Unrated"]
        );
    }

    #[test]
    fn older_documents_still_load() {
        let p: Portfolio = serde_json::from_str(r#"{"accounts":[{"id":7,"name":"Old"}]}"#).unwrap();
        assert_eq!(p.accounts[0].id, AccountId(7));
        assert_eq!(p.split, DEFAULT_SPLIT);
        assert_eq!(p.criteria, Criteria::default());
        let mut p = p;
        // next_id defaulted to 1 but never hands out an id in use.
        assert_eq!(p.add_account(KeyAccount::new("New")).unwrap(), AccountId(8));
        let json = serde_json::to_string(&p).unwrap();
        let back: Portfolio = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn ten_thousand_accounts_stay_linear() {
        let mut p = Portfolio::default();
        for i in 0..10_000u32 {
            let mut a = rated(
                &format!("Account {i}"),
                (i % 11) as u8,
                ((i / 11) % 11) as u8,
            );
            a.revenue = f64::from(i);
            p.add_account(a).unwrap();
        }
        let v = p.view(
            "account 99",
            &AccountFilter::default(),
            SortKey::Strength,
            false,
        );
        assert!(!v.is_empty());
        let recs = p.set_split(6.0, DAY1).unwrap();
        assert!(!recs.is_empty());
        assert_eq!(p.get(AccountId(5000)).unwrap().name, "Account 4999");
        assert_eq!(p.health().accounts, 10_000);
    }
}
