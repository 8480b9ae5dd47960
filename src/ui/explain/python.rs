//! The Python tab: the scenario as a standalone asyncio program, the same
//! text `interleave export python` writes, to copy or download.
//!
//! ```text
//!  preview.scenario ──► export::python_program (pure) ──► <pre>  [Copy] [Download .py]
//!  [ ] synchronous baseline (every wait a time.sleep)
//! ```

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::export::python::program_file_name;
use crate::export::{PythonOptions, python_program};
use crate::ui::state::use_playground;
use crate::ui::testid;
use crate::ui::url::write_clipboard;

/// The Python tab's contents.
#[component]
pub fn PythonTab() -> impl IntoView {
    let playground = use_playground();
    let sync = RwSignal::new(false);
    let program = Memo::new(move |_| {
        let options = PythonOptions { sync: sync.get() };
        playground
            .preview
            .with(|p| python_program(&p.scenario, &options))
    });
    let file_name =
        move || program_file_name(playground.preset.get(), &PythonOptions { sync: sync.get() });
    let href = move || {
        format!(
            "data:text/x-python;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&program.get()))
        )
    };
    let copied = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        let text = program.get_untracked();
        spawn_local(async move {
            let status = if write_clipboard(&text).await {
                "Copied ✓"
            } else {
                "The clipboard refused: select the text and copy it."
            };
            copied.set(Some(status));
            set_timeout(
                move || {
                    copied.try_set(None);
                },
                Duration::from_millis(2500),
            );
        });
    };
    view! {
        <p class="hint">
            "The scenario as a Python program (standard library, Python 3.11 or later): a queue per stage, worker tasks, "
            <code>"await asyncio.sleep"</code>" for waits and "<code>"time.sleep"</code>
            " for blocking. The durations drawn for this seed are written into it, so it replays this exact run; run it with "
            <code>"python3 FILE --scale 0.1"</code>" to go ten times faster."
        </p>
        <div class="python-tools">
            <button type="button" data-testid=testid::PYTHON_COPY on:click=copy>
                "Copy"
            </button>
            <a class="button" data-testid=testid::PYTHON_DOWNLOAD download=file_name href=href>
                "Download .py"
            </a>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid=testid::PYTHON_SYNC
                    prop:checked=move || sync.get()
                    on:change=move |ev| sync.set(event_target_checked(&ev))
                />
                <span>"The synchronous baseline (every wait blocking)"</span>
            </label>
            <span class="copy-status" role="status">
                {move || copied.get()}
            </span>
        </div>
        <pre class="python-program" data-testid=testid::PYTHON_PROGRAM tabindex="0">
            <code>{move || program.get()}</code>
        </pre>
    }
}
