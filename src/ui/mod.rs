//! The browser user interface (Leptos 0.8, client-side rendering).
//!
//! Only this module depends on `leptos` and `web-sys`; it is compiled for
//! `wasm32` only, so native builds and tests see the pure core alone.
//!
//! ```text
//!  main.rs ──► ui::start()
//!                ├─ panic::install_panic_hook()   console + banner, plain DOM
//!                └─ mount_to_body(App)
//!                     App
//!                     ├─ header      name + tagline
//!                     ├─ ErrorBannerView   ◄── ErrorBanner (context, RwSignal)
//!                     ├─ timeline    data-testid="timeline"
//!                     └─ footer      link to the README
//! ```
//!
//! Stable hooks for tests are the `data-testid` attributes listed in
//! [`testid`]; tests select by them, never by classes or structure.

pub mod app;
pub mod error_banner;
pub mod panic;

pub use app::App;
pub use error_banner::{ErrorBanner, ErrorBannerView, provide_error_banner, use_error_banner};
pub use panic::install_panic_hook;

/// `data-testid` values of the shell, shared by the components and the tests.
pub mod testid {
    /// The page header (name and tagline).
    pub const HEADER: &str = "app-header";
    /// The region where the timeline charts are drawn.
    pub const TIMELINE: &str = "timeline";
    /// The text shown in the timeline region before any scenario ran.
    pub const TIMELINE_EMPTY: &str = "timeline-empty";
    /// The error banner (`role="alert"`, hidden when there is no error).
    pub const ERROR_BANNER: &str = "error-banner";
    /// The message paragraph inside the error banner.
    pub const ERROR_MESSAGE: &str = "error-message";
    /// The button that dismisses the error banner.
    pub const ERROR_DISMISS: &str = "error-dismiss";
    /// The page footer.
    pub const FOOTER: &str = "app-footer";
}

/// Starts the browser app: installs the panic hook, then mounts [`App`] on
/// `<body>` for the lifetime of the page.
pub fn start() {
    install_panic_hook();
    leptos::mount::mount_to_body(App);
}
