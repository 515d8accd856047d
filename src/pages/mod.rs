//! One module per screen.

mod audit;
mod guide;
mod litmus;
mod portfolio;

pub use audit::AuditPage;
pub use guide::GuidePage;
pub use litmus::LitmusPage;
pub use portfolio::{account_href, PortfolioPage};
