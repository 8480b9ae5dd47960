//! A/B comparison: side B beside side A, on one time axis, with the
//! differences.
//!
//! ```text
//!  not comparing: [Duplicate into B] [Synchronous baseline as B] [Compare with <partner>]
//!  comparing:     [Edit A | Edit B] [Swap] [Synchronous baseline as B] [End comparison]
//!                 compare(A.summary(), B.summary()) ──► table: figure · A · B · B vs A
//!  chart A (labelled), chart B (labelled) ──► app.rs, TimelineChart side=B
//! ```
//!
//! Both sides are scenarios like any other: edited in the editor (the side
//! chosen), validated, in the link (`b_preset`, `b_seed`, `b_s`).

use leptos::prelude::*;

use super::open;
use crate::compare::{compare, synchronous};
use crate::link::Side;
use crate::presets::{self, partner};
use crate::ui::dom::{Dom, acted, by_testid, find, flag, listen, rebuild};
use crate::ui::state::{Playground, SideState, Tab, use_playground};
use crate::ui::testid;

/// What a side is called: its preset's title, or what it is.
pub fn side_title(playground: Playground, side: Side) -> String {
    let (this, other) = match side {
        Side::A => (playground.a(), playground.b),
        Side::B => (playground.b, playground.a()),
    };
    let title = |s: SideState| {
        let raw = s.preview.with(|p| p.scenario.raw.clone());
        let preset = s.preset.get().and_then(presets::find);
        match preset.and_then(|p| p.raw().ok().map(|r| (p, r))) {
            Some((p, original)) if original == raw => p.title.to_string(),
            Some((p, _)) => format!("{} (edited)", p.title),
            None => "your pipeline".to_string(),
        }
    };
    let baseline = other.preview.with(|o| {
        this.preview.with(|t| {
            synchronous(&o.scenario.raw) == t.scenario.raw && o.scenario.raw != t.scenario.raw
        })
    });
    if baseline {
        format!("synchronous baseline of {}", title(other))
    } else {
        title(this)
    }
}

/// "A · title" / "B · title" above each chart while comparing.
#[component]
pub fn CompareLabel(side: Side) -> impl IntoView {
    let playground = use_playground();
    let letter = if side == Side::A { "A" } else { "B" };
    let text = move || {
        if playground.comparing.get() {
            format!("{letter} · {}", side_title(playground, side))
        } else {
            String::new()
        }
    };
    view! {
        <p class="side-label" data-testid=testid::SIDE_LABEL data-side=letter>
            {text}
        </p>
    }
}

/// The Compare tab's markup.
pub const HTML: &str = r#"<p class="hint">Put a second version beside this one: both timelines share one time axis, one above the other, the table says what changed, and the link holds both. Then edit either side in the editor.</p><div class="button-row"><button type="button" data-act="duplicate" data-testid="compare-duplicate" title="Side B starts as a copy of A: edit it to see what changes">Duplicate into B</button><button type="button" data-act="sync" data-testid="compare-sync" title="Side B is the same program with every wait blocking">Synchronous baseline as B</button><button type="button" data-act="partner" data-testid="compare-partner" hidden></button><button type="button" data-act="edit-a" data-testid="edit-side" data-side="A" hidden>Edit A</button><button type="button" data-act="edit-b" data-testid="edit-side" data-side="B" hidden>Edit B</button><button type="button" data-act="swap" hidden>Swap A and B</button><button type="button" data-act="end" data-testid="compare-end" hidden>End comparison</button></div><table class="compare-table" data-testid="compare-table" hidden></table>"#;

/// The Compare tab: start or change a comparison, pick the side to edit,
/// and the differences.
pub fn build(dom: &Dom<'_>, playground: Playground) {
    let comparing = playground.comparing;
    let el = |id: &str| by_testid(dom.parent, id);
    let (
        Some(hint),
        Some(partner_button),
        Some(edit_a),
        Some(edit_b),
        Some(swap),
        Some(end),
        Some(table),
    ) = (
        find(dom.parent, ".hint"),
        el(testid::COMPARE_PARTNER),
        find(dom.parent, "[data-act=\"edit-a\"]"),
        find(dom.parent, "[data-act=\"edit-b\"]"),
        find(dom.parent, "[data-act=\"swap\"]"),
        el(testid::COMPARE_END),
        el(testid::COMPARE_TABLE),
    )
    else {
        return;
    };
    let pair = move || presets::find(partner(playground.preset.get()?)?);
    let table_shown = table.clone();
    Effect::new(move |_| {
        let on = comparing.get();
        flag(&hint, "hidden", on);
        for el in [&edit_a, &edit_b, &swap, &end, &table_shown] {
            flag(el, "hidden", !on);
        }
        let editing = playground.editing.get();
        let _ = edit_a.set_attribute("aria-pressed", &(editing == Side::A).to_string());
        let _ = edit_b.set_attribute("aria-pressed", &(editing == Side::B).to_string());
        let partner = pair();
        flag(&partner_button, "hidden", partner.is_none());
        if let Some(b) = partner {
            partner_button.set_text_content(Some(&format!("Compare with “{}”", b.title)));
        }
    });
    Effect::new(move |_| {
        if !open(playground, Tab::Compare) || !comparing.get() {
            return;
        }
        let a = playground.preview.with(|p| p.summary());
        let b = playground.b.preview.with(|p| p.summary());
        rebuild(&table, &|dom| {
            if let Some(head) = dom.el("tr", &[]) {
                let head = dom.within(&head);
                for title in ["", "A", "B", "B against A"] {
                    head.text("th", &[("scope", "col")], title);
                }
            }
            for row in compare(&a, &b) {
                let Some(tr) = dom.el("tr", &[("data-row", row.label)]) else {
                    continue;
                };
                let tr = dom.within(&tr);
                tr.text("th", &[("scope", "row")], row.label);
                tr.text("td", &[], &row.a);
                tr.text("td", &[], &row.b);
                let class = if row.change == "same" {
                    "change same"
                } else {
                    "change"
                };
                tr.text("td", &[("class", class)], &row.change);
            }
        });
    });
    let a_raw = move || {
        playground
            .preview
            .with_untracked(|p| p.scenario.raw.clone())
    };
    listen(dom.parent, &["click"], move |ev| {
        let Some((act, _)) = acted(ev) else {
            return;
        };
        match act.as_str() {
            "duplicate" => {
                playground.compare_with(a_raw(), playground.preset.get_untracked());
                playground.editing.set(Side::B);
            }
            "sync" => playground.compare_with(synchronous(&a_raw()), None),
            "partner" => {
                if let Some(b) = untrack(pair)
                    && let Ok(raw) = b.raw()
                {
                    playground.compare_with(raw, Some(b.id));
                }
            }
            "edit-a" => playground.editing.set(Side::A),
            "edit-b" => playground.editing.set(Side::B),
            "swap" => {
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
            "end" => playground.end_compare(),
            _ => {}
        }
    });
}
