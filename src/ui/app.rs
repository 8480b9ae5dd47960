//! The application shell: header, error banner, timeline region, footer.
//!
//! ```text
//!  ┌ header ─────────────────────────────────────────┐
//!  │ Interleave — tagline                            │
//!  ├ main ───────────────────────────────────────────┤
//!  │ [error banner, hidden unless there is an error] │
//!  │ ┌ timeline ───────────────────────────────────┐ │
//!  │ │ empty state until a scenario runs           │ │
//!  │ └─────────────────────────────────────────────┘ │
//!  ├ footer ─────────────────────────────────────────┤
//!  │ link to the README                              │
//!  └─────────────────────────────────────────────────┘
//! ```

use leptos::prelude::*;

use super::error_banner::{ErrorBannerView, provide_error_banner};
use super::testid;

/// The product name, shown in the header (the page `<title>` is set in
/// `www/index.html` so it is there before the wasm loads).
pub const APP_NAME: &str = "Interleave";

/// The one-line description under the name.
pub const TAGLINE: &str = "See how single-threaded async pipelines interleave, reorder and block";

/// What the timeline region says before any scenario has run.
pub const TIMELINE_EMPTY_TEXT: &str = "The timeline appears here once a scenario runs.";

/// The root component. Provides the [`ErrorBanner`](super::ErrorBanner)
/// context to everything below it.
#[component]
pub fn App() -> impl IntoView {
    provide_error_banner();

    view! {
        <header class="app-header" data-testid=testid::HEADER>
            <h1 class="app-title">{APP_NAME}</h1>
            <p class="app-tagline">{TAGLINE}</p>
        </header>
        <main class="app-main">
            <ErrorBannerView />
            <Timeline />
        </main>
        <Footer />
    }
}

/// The region where the timeline charts go. Until the engine is wired in it
/// shows an honest empty state.
#[component]
fn Timeline() -> impl IntoView {
    view! {
        <section
            class="panel timeline"
            data-testid=testid::TIMELINE
            aria-labelledby="timeline-heading"
        >
            <h2 id="timeline-heading">"Timeline"</h2>
            <p class="empty-state" data-testid=testid::TIMELINE_EMPTY>
                {TIMELINE_EMPTY_TEXT}
            </p>
        </section>
    }
}

/// The page footer, with a relative link to the README (copied next to
/// `index.html` by Trunk).
#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="app-footer" data-testid=testid::FOOTER>
            <p>
                "How it works, the scenario format and the command-line tool: see the "
                <a href="README.md">"README"</a> "."
            </p>
        </footer>
    }
}
