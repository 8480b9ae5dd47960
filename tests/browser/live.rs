//! The live runtime in a real browser: same order as the preview, timers on
//! time (no 4 ms clamp), blocking really freezes the loop, Stop stops.

use interleave::engine::{Mode, Outcome, simulate};
use interleave::runtime::browser::{LiveControl, LiveEnd, run_live, sleep_ms};
use interleave::scenario::Scenario;
use interleave::trace::{EventKind, TaskState, Trace};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).expect("test scenarios are valid")
}

/// The order of state changes and item movements, without times.
fn order(trace: &Trace) -> Vec<String> {
    trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::State { task, state, .. } => Some(format!("{task}:{state:?}")),
            EventKind::Got { item, task } => Some(format!("got {item} by {task}")),
            EventKind::Put { item, task } => Some(format!("put {item} by {task}")),
            EventKind::Done { item } => Some(format!("done {item}")),
            _ => None,
        })
        .collect()
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn median_and_p99(values: &[f64]) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((q * sorted.len() as f64).ceil() as usize).saturating_sub(1)];
    (at(0.5), at(0.99))
}

#[wasm_bindgen_test]
async fn live_trace_follows_the_preview_order() {
    // Deadlines at least 5 ms apart, so timer jitter cannot reorder them.
    let scenario = scenario(
        r#"{"version":1,"items":{"text":"abcd"},"stages":[
            {"name":"src","workers":1},
            {"name":"w","workers":2,"steps":[{"wait":{"per_item":[30,10,20,5]}},{"block":{"fixed":1}}]},
            {"name":"out","workers":1}]}"#,
    );
    let preview = simulate(&scenario, Mode::Async);
    let live = run_live(&scenario, 1.0, LiveControl::default()).await;
    assert_eq!(live.end, LiveEnd::Finished(Outcome::Completed));
    assert_eq!(order(&live.trace), order(&preview.trace));
    let (median, p99) = median_and_p99(&live.lateness_ms);
    console_log!(
        "live vs preview: makespan {:.2} ms vs {:.2} ms real; lateness median {median:.3} ms, p99 {p99:.3} ms",
        live.real_ms,
        interleave::stats::makespan(&preview) as f64 / 1000.0
    );
}

#[wasm_bindgen_test]
async fn one_millisecond_waits_are_not_clamped_to_four() {
    let scenario = scenario(
        r#"{"version":1,"items":{"count":100},"stages":[
            {"name":"w","workers":1,"steps":[{"wait":{"fixed":1}}]}]}"#,
    );
    let live = run_live(&scenario, 1.0, LiveControl::default()).await;
    assert_eq!(live.end, LiveEnd::Finished(Outcome::Completed));
    let (median, p99) = median_and_p99(&live.lateness_ms);
    assert!(
        live.lateness_ms.len() >= 100,
        "{} timers, median {median}",
        live.lateness_ms.len()
    );
    console_log!(
        "100 waits of 1 ms: total {:.1} ms real, lateness median {median:.3} ms, p99 {p99:.3} ms",
        live.real_ms
    );
    assert!(median <= 0.5, "median lateness {median} ms");
    // With the 4 ms clamp, 100 hops would take over 400 ms; unclamped they
    // take 100–130 ms on an idle machine, up to ~250 ms on a loaded one.
    assert!(live.real_ms < 350.0, "{} ms", live.real_ms);
}

#[wasm_bindgen_test]
async fn a_blocking_step_delays_a_concurrent_timer() {
    // Worker 0 waits 5 ms; worker 1 blocks 30 ms right after it, holding the loop.
    let scenario = scenario(
        r#"{"version":1,"items":{"count":2},"stages":[
            {"name":"w","workers":2,"steps":[{"wait":{"per_item":[5,0]}},{"block":{"per_item":[0,30]}}]}]}"#,
    );
    let live = run_live(&scenario, 1.0, LiveControl::default()).await;
    let mut awaited = false;
    let resumed = live.trace.events.iter().find_map(|e| match e.kind {
        EventKind::State { task: 0, state, .. } => {
            awaited |= state == TaskState::AwaitingIo;
            (awaited && state == TaskState::Running).then_some(e.time)
        }
        _ => None,
    });
    let resumed = resumed.expect("worker 0 resumed");
    console_log!(
        "timer due at 5 ms resumed at {:.3} ms behind a 30 ms block",
        resumed as f64 / 1000.0
    );
    assert!(resumed >= 30_000, "resumed at {resumed} µs");
    let late = live.lateness_ms.iter().copied().fold(0.0, f64::max);
    assert!(late >= 24.0, "lateness {late} ms");
}

#[wasm_bindgen_test]
async fn stop_ends_a_run_promptly() {
    let scenario = scenario(
        r#"{"version":1,"items":{"count":3},"stages":[
            {"name":"w","workers":1,"steps":[{"wait":{"fixed":1000}}]}]}"#,
    );
    let control = LiveControl::default();
    let stopper = control.clone();
    let pressed = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let pressed_at = pressed.clone();
    wasm_bindgen_futures::spawn_local(async move {
        sleep_ms(50.0).await;
        pressed_at.set(now_ms());
        stopper.stop();
    });
    let live = run_live(&scenario, 1.0, control).await;
    let reaction = now_ms() - pressed.get();
    assert_eq!(live.end, LiveEnd::Stopped);
    console_log!("Stop took effect {reaction:.2} ms after it was pressed (a frame is 16.7 ms)");
    assert!(reaction < 20.0, "{reaction} ms");
}
