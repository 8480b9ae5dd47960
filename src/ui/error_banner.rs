//! The error banner: one place on the page for messages the user must see.
//!
//! ```text
//!  any component ──► ErrorBanner::show("…") ──► RwSignal<Option<String>>
//!                                                   │
//!                    ErrorBannerView  ◄─────────────┘  hidden while None;
//!                                                      "Dismiss" sets None
//! ```
//!
//! [`App`](super::App) calls [`provide_error_banner`]; components take the
//! handle once during setup with [`use_error_banner`] and call
//! [`ErrorBanner::show`] later (from event handlers, effects, tasks).
//!
//! A panic does not go through this reactive path: the reactive runtime may
//! be in a broken state by then. [`super::panic`] writes into the same
//! banner with plain DOM calls instead.

use leptos::prelude::*;

use super::testid;

/// A `Copy` handle on the page's error message.
#[derive(Clone, Copy, Debug)]
pub struct ErrorBanner {
    message: RwSignal<Option<String>>,
    detail: RwSignal<Option<String>>,
}

impl ErrorBanner {
    /// Creates a handle with no message, owned by the current reactive owner.
    pub fn new() -> Self {
        Self {
            message: RwSignal::new(None),
            detail: RwSignal::new(None),
        }
    }

    /// Shows `message` in the banner, replacing any message shown before.
    pub fn show(&self, message: impl Into<String>) {
        self.detail.set(None);
        self.message.set(Some(message.into()));
    }

    /// Shows `message`, with a technical `detail` the user can open.
    pub fn show_with_detail(&self, message: impl Into<String>, detail: impl Into<String>) {
        self.detail.set(Some(detail.into()));
        self.message.set(Some(message.into()));
    }

    /// Hides the banner.
    pub fn clear(&self) {
        self.message.set(None);
        self.detail.set(None);
    }

    /// The message shown now, if any (tracked: reading it in a reactive
    /// closure subscribes to changes).
    pub fn message(&self) -> Option<String> {
        self.message.get()
    }

    /// Whether the banner is visible now (tracked).
    pub fn is_visible(&self) -> bool {
        self.message.with(Option::is_some)
    }
}

impl Default for ErrorBanner {
    fn default() -> Self {
        Self::new()
    }
}

/// Creates an [`ErrorBanner`] and provides it as context to the current
/// component and its children. Returns the handle.
pub fn provide_error_banner() -> ErrorBanner {
    let banner = ErrorBanner::new();
    provide_context(banner);
    banner
}

/// The [`ErrorBanner`] provided by an ancestor. Call it during component
/// setup, not in event handlers.
///
/// # Panics
///
/// If no ancestor called [`provide_error_banner`] (a programming error, not
/// something a user can cause: [`App`](super::App) always provides it).
pub fn use_error_banner() -> ErrorBanner {
    expect_context::<ErrorBanner>()
}

/// Renders the banner: `role="alert"`, hidden while there is no message,
/// with a button that dismisses it.
#[component]
pub fn ErrorBannerView() -> impl IntoView {
    let banner = use_error_banner();

    view! {
        <div
            class="error-banner"
            data-testid=testid::ERROR_BANNER
            role="alert"
            hidden=move || !banner.is_visible()
        >
            <p class="error-banner-message" data-testid=testid::ERROR_MESSAGE>
                {move || banner.message().unwrap_or_default()}
            </p>
            <Show when=move || banner.detail.with(Option::is_some)>
                <details class="error-detail" data-testid=testid::ERROR_DETAIL>
                    <summary>"Technical detail"</summary>
                    <code>{move || banner.detail.get().unwrap_or_default()}</code>
                </details>
            </Show>
            <button
                type="button"
                data-testid=testid::ERROR_DISMISS
                aria-label="Dismiss this message"
                on:click=move |_| banner.clear()
            >
                "Dismiss"
            </button>
        </div>
    }
}
