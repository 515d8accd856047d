//! The pure model: plain serde types and functions, no leptos or web-sys, so
//! `cargo test --no-default-features` checks it on the host in seconds.

pub mod audit;
pub mod check;
pub mod document;
pub mod framework;
pub mod litmus;
pub mod number;
pub mod portfolio;
pub mod portfolio_csv;
pub mod snapshot;
pub mod text;
pub mod workspace;

/// Temporary old path for `src/pages/audit/score.rs` and
/// `src/pages/portfolio/migration.rs` (owned by other branches); remove once
/// they use `audit` directly.
pub use audit as analysis;
pub use audit::{ActionEntry, Audit, PlanItem, PlanStatus, Score, Scorecard, Total};
pub use framework::{framework, litmus_tests, Action, Framework, Period, Phase};
pub use workspace::{DocumentError, Workspace};
