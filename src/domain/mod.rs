//! The pure model: plain serde types and functions, no leptos or web-sys, so
//! `cargo test --no-default-features` checks it on the host in seconds.

pub mod assessors;
pub mod audit;
pub mod backup;
pub mod check;
pub mod consensus;
pub mod csv;
pub mod date;
pub mod document;
pub mod framework;
pub mod guide;
pub mod litmus;
pub mod number;
pub mod order;
pub mod portfolio;
pub mod programme;
pub mod share;
pub mod snapshot;
pub mod text;
pub mod workspace;
pub mod workspaces;

pub use audit::{ActionEntry, Audit, PlanItem, PlanStatus, Score, Scorecard, Total};
pub use framework::{framework, litmus_tests, Action, Framework, Period, Phase};
pub use workspace::{DocumentError, Workspace};
