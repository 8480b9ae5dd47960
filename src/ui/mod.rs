//! The browser user interface (Leptos 0.8, client-side rendering).
//!
//! Only this module depends on `leptos` and `web-sys`; it is compiled for
//! `wasm32` only, so native builds and tests see the pure core alone.
//!
//! ```text
//!  main.rs ──► ui::start()
//!                ├─ panic::install_panic_hook()   console + banner, plain DOM
//!                └─ mount_to_body(App)
//!                     App ── url::initial() ──► Playground (context)
//!                     │       raw: RwSignal<RawScenario> ──► checked: Memo ──► preview: Memo
//!                     │       (side A; side B alike)         (last valid kept)   (virtual run, stats,
//!                     │                                                            timeline, trace)
//!                     ├─ header, ErrorBannerView
//!                     ├─ Gallery ───────────── load_preset() / load_pair() ─┐
//!                     ├─ Editor ────────────── edited().edit() ─────────────┤► raw (A or B)
//!                     ├─ StatsPanel, InsightsLine, LookFor  ◄── displayed
//!                     ├─ Toolbar: LiveControls, CopyLink, zoom buttons
//!                     ├─ TimelineChart A (SVG) [+ B while comparing]  ◄── displayed, b.preview
//!                     │     overlays: selected item, blamed span, playhead
//!                     ├─ Lineage, LivePanel          ◄── live: run_live + take_progress()
//!                     ├─ ExplainPanel: insights & blame · ordering · scrub · sweep · compare
//!                     └─ url::sync_url (Effect: history.replaceState, both sides)
//! ```
//!
//! The editor, the stats, the live panel, the gallery, Copy link and the
//! Explain panel are built by hand with [`dom`] (a fraction of the wasm of a
//! view per shape; the bundle has a budget). Stable hooks for tests are the
//! `data-testid` attributes listed in [`testid`]; tests select by them,
//! never by classes or structure.

pub mod app;
pub mod chart;
pub mod dom;
pub mod editor;
pub mod error_banner;
pub mod explain;
pub mod gallery;
pub mod live;
pub mod panic;
pub mod perf;
pub mod state;
pub mod stats;
pub mod testid;
pub mod url;

pub use app::App;
pub use error_banner::{ErrorBanner, ErrorBannerView, provide_error_banner, use_error_banner};
pub use panic::install_panic_hook;
pub use state::{Playground, use_playground};

/// Starts the browser app: installs the panic hook, then mounts [`App`] on
/// `<body>` for the lifetime of the page.
pub fn start() {
    install_panic_hook();
    leptos::mount::mount_to_body(App);
}
