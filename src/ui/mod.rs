//! The browser user interface (Leptos 0.8, client-side rendering).
//!
//! Only this module depends on `leptos` and `web-sys`; it is compiled for
//! `wasm32` only, so native builds and tests see the pure core alone.
//!
//! ```text
//!  main.rs ──► ui::start()
//!                ├─ panic::install_panic_hook()   console + banner, plain DOM (Leptos may be dead)
//!                └─ mount_to_body(App)
//!                     App ── opening::initial_from(href) ──► Playground (context)
//!                     │       editor: RwSignal<edit::Editor> ──► raw: Memo ──► checked: Memo ──► preview: Memo
//!                     │       (side A; side B alike)              computing.rs: in slices ──┘ (last valid kept)
//!                     ├─ skip link, header, ErrorBannerView (message + detail on demand)
//!                     ├─ Gallery: <For> cards ───────── load_preset() / load_pair() ─┐
//!                     ├─ Editor: <For> stages ─ <For> steps, <For> resources ─────────┤► editor (A or B)
//!                     │    fields.rs: FieldInput / FieldSelect / FieldCheck / ActionButton
//!                     ├─ StatsPanel, InsightsLine, LookFor  ◄── displayed
//!                     ├─ run bar: LiveControls, CopyLink; TimelineChart A [+ B]  ◄── displayed, b.preview
//!                     │    the chart paints its canvas from chart::raster, overlays in SVG (drawing is the product)
//!                     ├─ Legend (asyncio meaning on hover/focus), ChartHelp, Lineage, LivePanel
//!                     ├─ ExplainPanel: tablist ─ insights & blame · ordering · scrub · sweep · compare
//!                     └─ url::sync_url (Effect: history.replaceState, both sides)
//! ```
//!
//! Controls and structure are ordinary Leptos: components with typed
//! props, `view!`, keyed `<For>`, `on:` handlers calling the typed edits of
//! [`crate::edit`], derived values as closures or `Memo`, `Effect` only to
//! talk to the outside world (the address bar, focus, drawing). Everything
//! an edit does and everything a view computes is a pure function in the
//! native core. Stable hooks for tests are the `data-testid` attributes
//! listed in [`testid`]; tests select by them, never by classes or
//! structure.

pub mod app;
pub mod chart;
pub mod computing;
pub mod editor;
pub mod error_banner;
pub mod explain;
pub mod exports;
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
