//! KAM Workbench: a key account management workbench that runs in the browser.

pub mod charts;
pub mod domain;
pub mod history;
pub mod route;

#[cfg(feature = "web")]
mod app;
#[cfg(feature = "web")]
pub mod clock;
#[cfg(feature = "web")]
pub mod components;
#[cfg(feature = "web")]
pub mod download;
#[cfg(feature = "web")]
pub mod first_screen;
#[cfg(feature = "web")]
pub mod pages;
#[cfg(feature = "web")]
pub mod state;
#[cfg(feature = "web")]
pub mod storage;

#[cfg(feature = "web")]
pub use app::App;
