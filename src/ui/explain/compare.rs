//! A/B comparison: side B beside side A, on one time axis, with the
//! differences.
//!
//! ```text
//!  not comparing: [Duplicate into B] [Synchronous baseline as B] [Compare with <partner>]
//!  comparing:     [Edit A | Edit B] [Swap] [Synchronous baseline as B] [End comparison]
//!                 compare(A.summary(), B.summary()) ──► table: figure · A · B · B against A
//!  chart A (labelled), chart B (labelled) ──► app.rs, TimelineChart side=B
//! ```
//!
//! Both sides are scenarios like any other: edited in the editor (the side
//! chosen), validated, in the link (`b_preset`, `b_seed`, `b_s`).

use leptos::prelude::*;

use crate::compare::{compare, side_title, synchronous};
use crate::link::Side;
use crate::presets::{self, partner};
use crate::ui::state::{Playground, SideState, use_playground};
use crate::ui::testid;

/// What `side` is called: its preset's title, or what it is (tracked).
fn title(playground: Playground, side: Side) -> String {
    let (this, other) = match side {
        Side::A => (playground.a(), playground.b),
        Side::B => (playground.b, playground.a()),
    };
    let preset = |s: SideState| s.preset.get().and_then(presets::find);
    this.preview.with(|t| {
        other.preview.with(|o| {
            side_title(
                &t.scenario.raw,
                preset(this),
                &o.scenario.raw,
                preset(other),
            )
        })
    })
}

/// "A · title" / "B · title" above each chart while comparing.
#[component]
pub fn CompareLabel(
    /// The side whose chart it labels.
    side: Side,
) -> impl IntoView {
    let playground = use_playground();
    let letter = if side == Side::A { "A" } else { "B" };
    let text = move || {
        playground
            .comparing
            .get()
            .then(|| format!("{letter} · {}", title(playground, side)))
    };
    view! {
        <p class="side-label" data-testid=testid::SIDE_LABEL data-side=letter>
            {text}
        </p>
    }
}

/// Side A's scenario as the preview ran it.
fn a_raw(playground: Playground) -> crate::scenario::RawScenario {
    playground
        .preview
        .with_untracked(|p| p.scenario.raw.clone())
}

/// Side B becomes a copy of A, edited from now on.
fn duplicate(playground: Playground) {
    playground.compare_with(a_raw(playground), playground.preset.get_untracked());
    playground.editing.set(Side::B);
}

/// Side B becomes A's synchronous baseline.
fn baseline(playground: Playground) {
    playground.compare_with(synchronous(&a_raw(playground)), None);
}

/// Side B becomes the preset paired with A's.
fn pair_with(playground: Playground, id: &'static str) {
    if let Some(b) = presets::find(id)
        && let Ok(raw) = b.raw()
    {
        playground.compare_with(raw, Some(b.id));
    }
}

/// A and B trade places.
fn swap(playground: Playground) {
    let a = (
        playground.raw.get_untracked(),
        playground.preset.get_untracked(),
    );
    let b = (
        playground.b.raw.get_untracked(),
        playground.b.preset.get_untracked(),
    );
    playground.replace(b.0, b.1);
    playground.compare_with(a.0, a.1);
}

/// The Compare tab: start or change a comparison, pick the side to edit,
/// and the differences.
#[component]
pub fn CompareTab() -> impl IntoView {
    let playground = use_playground();
    let comparing = playground.comparing;
    let editing = playground.editing;
    let paired = move || {
        let id = partner(playground.preset.get()?)?;
        presets::find(id).map(|p| (p.id, p.title))
    };
    view! {
        <Show when=move || !comparing.get()>
            <p class="hint">
                "Put a second version beside this one: both timelines share one time axis, one above the other, the table says what changed, and the link holds both. Then edit either side in the editor."
            </p>
        </Show>
        <div class="button-row">
            <button
                type="button"
                data-testid=testid::COMPARE_DUPLICATE
                title="Side B starts as a copy of A: edit it to see what changes"
                on:click=move |_| duplicate(playground)
            >
                "Duplicate into B"
            </button>
            <button
                type="button"
                data-testid=testid::COMPARE_SYNC
                title="Side B is the same program with every wait blocking"
                on:click=move |_| baseline(playground)
            >
                "Synchronous baseline as B"
            </button>
            {move || {
                paired()
                    .map(|(id, title)| {
                        view! {
                            <button
                                type="button"
                                data-testid=testid::COMPARE_PARTNER
                                on:click=move |_| pair_with(playground, id)
                            >
                                {format!("Compare with “{title}”")}
                            </button>
                        }
                    })
            }}
            <Show when=move || comparing.get()>
                <button
                    type="button"
                    data-testid=testid::EDIT_SIDE
                    data-side="A"
                    aria-pressed=move || (editing.get() == Side::A).to_string()
                    on:click=move |_| editing.set(Side::A)
                >
                    "Edit A"
                </button>
                <button
                    type="button"
                    data-testid=testid::EDIT_SIDE
                    data-side="B"
                    aria-pressed=move || (editing.get() == Side::B).to_string()
                    on:click=move |_| editing.set(Side::B)
                >
                    "Edit B"
                </button>
                <button type="button" on:click=move |_| swap(playground)>
                    "Swap A and B"
                </button>
                <button
                    type="button"
                    data-testid=testid::COMPARE_END
                    on:click=move |_| playground.end_compare()
                >
                    "End comparison"
                </button>
            </Show>
        </div>
        <Show when=move || comparing.get()>
            <DifferenceTable />
        </Show>
    }
}

/// The figures of A and B, and how B differs.
#[component]
fn DifferenceTable() -> impl IntoView {
    let playground = use_playground();
    let rows = move || {
        let a = playground.preview.with(|p| p.summary());
        let b = playground.b.preview.with(|p| p.summary());
        compare(&a, &b)
    };
    view! {
        <table class="compare-table" data-testid=testid::COMPARE_TABLE>
            <thead>
                <tr>
                    <th scope="col"></th>
                    <th scope="col">"A"</th>
                    <th scope="col">"B"</th>
                    <th scope="col">"B against A"</th>
                </tr>
            </thead>
            <tbody>
                <For each=rows key=|row| row.clone() let:row>
                    <tr data-row=row.label>
                        <th scope="row">{row.label}</th>
                        <td>{row.a}</td>
                        <td>{row.b}</td>
                        <td class=change_class(&row.change)>{row.change.clone()}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}

/// The class of a change cell: a figure that did not change is muted.
fn change_class(change: &str) -> &'static str {
    if change == "same" {
        "change same"
    } else {
        "change"
    }
}
