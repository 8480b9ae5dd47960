//! A hop to a fresh task (a macrotask), through one `MessageChannel`
//! for the page's whole life (wasm only).
//!
//! ```text
//!  next_task() ──► ticket = posted + 1 ──► port2.postMessage ──► … the page's turn …
//!                                          port1.onmessage (one handler): delivered += 1,
//!                                          wake the waiting futures ──► ready once delivered ≥ ticket
//! ```
//!
//! The live driver hops hundreds of times a second. A channel, a promise
//! and closures per hop were garbage for the JS heap to collect (a live
//! run's Chrome trace showed a minor GC of up to 3.4 ms every few hundred
//! ms, which can land just before a timer's deadline); a hop now allocates
//! nothing on the JS side but the message.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageChannel;

/// Messages posted and delivered, and the futures waiting for theirs.
#[derive(Default)]
struct Counts {
    posted: Cell<u64>,
    delivered: Cell<u64>,
    waiting: RefCell<Vec<Waker>>,
}

/// The page's one channel for hops, with its handler.
struct Channel {
    channel: MessageChannel,
    counts: Rc<Counts>,
    _on_message: Closure<dyn FnMut()>,
}

impl Channel {
    fn new() -> Option<Self> {
        let channel = MessageChannel::new().ok()?;
        let counts = Rc::new(Counts::default());
        let on_message = Closure::<dyn FnMut()>::new({
            let counts = Rc::clone(&counts);
            move || {
                counts.delivered.set(counts.delivered.get() + 1);
                let waiting = std::mem::take(&mut *counts.waiting.borrow_mut());
                for waker in waiting {
                    waker.wake();
                }
            }
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            counts,
            _on_message: on_message,
        })
    }
}

thread_local! {
    static CHANNEL: Option<Channel> = Channel::new();
}

/// Resolves in a fresh macrotask, posted through the page's one
/// `MessageChannel` (at once if there is none).
pub fn next_task() -> impl Future<Output = ()> {
    let hop = CHANNEL.with(|channel| {
        let channel = channel.as_ref()?;
        channel
            .channel
            .port2()
            .post_message(&JsValue::UNDEFINED)
            .ok()?;
        let ticket = channel.counts.posted.get() + 1;
        channel.counts.posted.set(ticket);
        Some((Rc::clone(&channel.counts), ticket))
    });
    Hop(hop)
}

/// The future of [`next_task`]: ready once its message is delivered.
struct Hop(Option<(Rc<Counts>, u64)>);

impl Future for Hop {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some((counts, ticket)) = &self.0 else {
            return Poll::Ready(());
        };
        if counts.delivered.get() >= *ticket {
            return Poll::Ready(());
        }
        counts.waiting.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}
