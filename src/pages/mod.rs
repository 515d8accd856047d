//! One module per screen.

pub(crate) mod audit;
mod data;
mod guide;
mod litmus;
pub(crate) mod portfolio;
mod report;
mod share;

pub use audit::AuditPage;
pub use data::DataPage;
pub use guide::GuidePage;
pub use litmus::LitmusPage;
pub use portfolio::{account_href, PortfolioPage};
pub use report::ReportPage;
