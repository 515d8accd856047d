//! Reusable pieces shared by the pages.

mod backup_reminder;
mod chart;
mod chart_tables;
mod chunk;
mod guide_link;
mod header;
mod litmus_gate;
mod score_buttons;
mod storage_banner;
mod sub_nav;
mod total;
mod update_notice;
mod workspaces;

pub use backup_reminder::BackupReminder;
pub use chart::{ChartSvg, ViewShown};
pub use chart_tables::{HeatmapTable, MatrixTable, PeriodScoresTable, PositionText};
pub use chunk::{chunk_view, shown_while, ChunkError};
pub use guide_link::GuideLink;
pub use header::Header;
pub use litmus_gate::LitmusGate;
pub use score_buttons::{focus, set_score, stepped, ScoreButtons};
pub use storage_banner::StorageBanner;
pub use sub_nav::SubNav;
pub use total::{SumCheck, TotalBadge};
pub use update_notice::UpdateNotice;
pub use workspaces::{WorkspaceNotice, WorkspaceSwitcher};

/// Whether a `toggle` event left its `<details>` open.
pub fn toggled_open(ev: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}
