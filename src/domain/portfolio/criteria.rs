//! Selection criteria: the weighted factors that score an account on both
//! axes of the matrix, the split between high and low, and the categories.

use super::{KeyAccount, Portfolio, Ratings, MAX_RATING};
use crate::domain::number::as_written;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use thiserror::Error;

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
    #[error("the weights add up to {actual}, not {WEIGHT_TOTAL}")]
    Sum { actual: u64 },
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ScoreError {
    #[error(transparent)]
    Weights(#[from] WeightsError),
    #[error("the rating for \"{factor}\" is {value}; ratings go from 0 to 10")]
    RatingOutOfRange { factor: String, value: u8 },
}

/// What the weights of each axis must add up to.
pub const WEIGHT_TOTAL: u64 = 100;

/// What the weights of one axis add up to; they must make [`WEIGHT_TOTAL`].
pub fn weight_total(factors: &[Factor]) -> u64 {
    factors.iter().map(|f| u64::from(f.weight)).sum()
}

/// A stable factor or activity id from its name: "Strategic fit" →
/// "strategic_fit"; `fallback` when nothing of the name is usable.
pub fn id_from_name(name: &str, fallback: &str) -> String {
    let lower = name.trim().to_lowercase();
    let id = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if id.is_empty() {
        fallback.to_string()
    } else {
        id
    }
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
    let actual = weight_total(factors);
    if actual != WEIGHT_TOTAL {
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
#[error("the split between high and low must be above 0 and below 10, not {}", as_written(*.0))]
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

impl Portfolio {
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
}
