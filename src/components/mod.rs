//! Reusable pieces shared by the pages.

mod chart;
mod header;
mod score_buttons;
mod storage_banner;
mod total;

pub use chart::ChartSvg;
pub use header::Header;
pub use score_buttons::ScoreButtons;
pub use storage_banner::StorageBanner;
pub use total::TotalBadge;
