//! Queues and semaphores for tasks on one thread, with asyncio's wake order.
//!
//! - An operation that can complete at once does not yield (`put` on a queue
//!   with room, `get` on a non-empty one, `acquire` of a free permit).
//! - Waiters are woken in FIFO order. A woken getter takes whatever is at the
//!   head when it runs, and waits again at the back if the queue was emptied
//!   meanwhile (`asyncio.Queue`).
//! - A released permit is handed to the first waiter not yet woken, and a
//!   woken waiter keeps its place until it runs, so a newcomer cannot barge
//!   past the queue (`asyncio.Semaphore`, `asyncio.Lock`; see [`Semaphore`]).
//!
//! They know nothing of clocks or traces: they only hold wakers, so the same
//! code runs on the virtual and the browser runtime.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A FIFO queue with an optional capacity, which can be closed.
#[derive(Debug)]
pub struct Queue<T> {
    inner: RefCell<QueueInner<T>>,
}

#[derive(Debug)]
struct QueueInner<T> {
    items: VecDeque<T>,
    capacity: Option<usize>,
    getters: VecDeque<Waker>,
    putters: VecDeque<Waker>,
    closed: bool,
}

impl<T> QueueInner<T> {
    fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.items.len() >= c)
    }
}

impl<T> Queue<T> {
    /// A queue holding at most `capacity` items (`None`: unbounded).
    pub fn new(capacity: Option<usize>) -> Self {
        Self {
            inner: RefCell::new(QueueInner {
                items: VecDeque::new(),
                capacity,
                getters: VecDeque::new(),
                putters: VecDeque::new(),
                closed: false,
            }),
        }
    }

    /// Items in the queue now.
    pub fn len(&self) -> usize {
        self.inner.borrow().items.len()
    }

    /// Whether [`Queue::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.inner.borrow().closed
    }

    /// Whether the queue holds no item.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes the head item if there is one, waking the first waiting putter.
    pub fn try_get(&self) -> Option<T> {
        let mut inner = self.inner.borrow_mut();
        let item = inner.items.pop_front()?;
        if let Some(putter) = inner.putters.pop_front() {
            putter.wake();
        }
        Some(item)
    }

    /// Resolves when a putter (or [`Queue::close`]) wakes this getter.
    ///
    /// Like asyncio's `while q.empty(): await getter`, the caller tries
    /// [`Queue::try_get`] again after it resolves, and waits again at the back
    /// if another task took the item first.
    pub fn item_put(&self) -> Turn<'_, T> {
        Turn {
            queue: self,
            side: Side::Getters,
            registered: false,
        }
    }

    /// Appends `item` if there is room, waking the first waiting getter.
    pub fn try_put(&self, item: T) -> Result<(), T> {
        let mut inner = self.inner.borrow_mut();
        if inner.is_full() {
            return Err(item);
        }
        inner.items.push_back(item);
        if let Some(getter) = inner.getters.pop_front() {
            getter.wake();
        }
        Ok(())
    }

    /// Resolves when a getter makes room and wakes this putter.
    pub fn item_taken(&self) -> Turn<'_, T> {
        Turn {
            queue: self,
            side: Side::Putters,
            registered: false,
        }
    }

    /// No more items will come: wakes every waiting getter.
    pub fn close(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.closed = true;
        for getter in inner.getters.drain(..) {
            getter.wake();
        }
    }
}

#[derive(Clone, Copy)]
enum Side {
    Getters,
    Putters,
}

/// The future of [`Queue::item_put`] and [`Queue::item_taken`]: one turn in
/// the FIFO of waiters, resolved when woken.
pub struct Turn<'a, T> {
    queue: &'a Queue<T>,
    side: Side,
    registered: bool,
}

impl<T> Future for Turn<'_, T> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.registered {
            return Poll::Ready(());
        }
        self.registered = true;
        let mut inner = self.queue.inner.borrow_mut();
        let waiters = match self.side {
            Side::Getters => &mut inner.getters,
            Side::Putters => &mut inner.putters,
        };
        waiters.push_back(cx.waker().clone());
        Poll::Pending
    }
}

/// A counting semaphore with asyncio's rules; a lock is one permit.
///
/// It mirrors `asyncio.Semaphore` of CPython 3.11 and 3.12 (`Lib/asyncio/locks.py`):
///
/// - `locked()` is "no permit left, or anyone waiting" — and a waiter stays
///   in the queue from the moment it is woken until it runs, so a newcomer
///   cannot take a permit released meanwhile: it queues behind;
/// - `release()` adds a permit and, if a waiter has not been woken yet,
///   hands the permit to the first such waiter and wakes it;
/// - a woken waiter, when it runs, leaves the queue and, if permits remain,
///   wakes the next waiter (one; CPython 3.13 wakes as many as there are
///   permits).
///
/// `asyncio.Lock` behaves as `Semaphore(1)` under these rules.
#[derive(Debug)]
pub struct Semaphore {
    inner: RefCell<SemaphoreInner>,
}

#[derive(Debug)]
struct SemaphoreInner {
    /// Free permits (asyncio's `_value`).
    value: u32,
    /// Waiters in arrival order, each with its "woken" flag (the future's
    /// `done()`); a woken waiter stays until it runs.
    waiters: VecDeque<(Rc<Cell<bool>>, Waker)>,
}

impl SemaphoreInner {
    /// `Semaphore.locked()`: no free permit, or someone is waiting.
    fn locked(&self) -> bool {
        self.value == 0 || !self.waiters.is_empty()
    }

    /// `Semaphore._wake_up_next()`: hands a permit to the first waiter not
    /// woken yet; whether there was one.
    fn wake_up_next(&mut self) -> bool {
        let Some((woken, waker)) = self.waiters.iter().find(|(woken, _)| !woken.get()) else {
            return false;
        };
        woken.set(true);
        waker.wake_by_ref();
        self.value = self.value.saturating_sub(1);
        true
    }
}

impl Semaphore {
    /// A semaphore with `permits` free permits.
    pub fn new(permits: u32) -> Self {
        Self {
            inner: RefCell::new(SemaphoreInner {
                value: permits,
                waiters: VecDeque::new(),
            }),
        }
    }

    /// Takes a permit if `acquire` would not wait: one is free and nobody
    /// is queued (woken or not).
    pub fn try_acquire(&self) -> bool {
        let mut inner = self.inner.borrow_mut();
        if inner.locked() {
            false
        } else {
            inner.value -= 1;
            true
        }
    }

    /// Waits for a permit.
    pub fn acquire(&self) -> Acquire<'_> {
        Acquire {
            semaphore: self,
            woken: None,
        }
    }

    /// Returns a permit, handing it to the first waiter not woken yet.
    pub fn release(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.value = inner.value.saturating_add(1);
        inner.wake_up_next();
    }
}

/// The future of [`Semaphore::acquire`].
pub struct Acquire<'a> {
    semaphore: &'a Semaphore,
    woken: Option<Rc<Cell<bool>>>,
}

impl Future for Acquire<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match &self.woken {
            Some(woken) if woken.get() => {
                let mut inner = self.semaphore.inner.borrow_mut();
                inner.waiters.retain(|(other, _)| !Rc::ptr_eq(other, woken));
                if inner.value > 0 {
                    inner.wake_up_next();
                }
                Poll::Ready(())
            }
            Some(_) => Poll::Pending,
            None if self.semaphore.try_acquire() => Poll::Ready(()),
            None => {
                let woken = Rc::new(Cell::new(false));
                self.semaphore
                    .inner
                    .borrow_mut()
                    .waiters
                    .push_back((Rc::clone(&woken), cx.waker().clone()));
                self.woken = Some(woken);
                Poll::Pending
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Polls `future` once with a waker that does nothing.
    fn poll<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
        Pin::new(future).poll(&mut Context::from_waker(Waker::noop()))
    }

    /// The case the oracle found: Semaphore(2), a waiter woken by one
    /// release, a second release before it runs, then a newcomer.
    #[test]
    fn semaphore_newcomer_queues_behind_a_woken_waiter() {
        let semaphore = Semaphore::new(2);
        assert!(semaphore.try_acquire() && semaphore.try_acquire());
        let mut waiter = semaphore.acquire();
        assert_eq!(poll(&mut waiter), Poll::Pending);
        semaphore.release(); // wakes the waiter, which has not run yet
        semaphore.release(); // a free permit, but the woken waiter still queues
        assert!(!semaphore.try_acquire(), "locked() counts the woken waiter");
        let mut newcomer = semaphore.acquire();
        assert_eq!(poll(&mut newcomer), Poll::Pending);
        assert_eq!(poll(&mut waiter), Poll::Ready(()));
        assert_eq!(poll(&mut newcomer), Poll::Ready(()));
        assert!(!semaphore.try_acquire(), "both permits are taken");
    }

    #[test]
    fn semaphore_woken_waiter_wakes_the_next_while_permits_remain() {
        let semaphore = Semaphore::new(3);
        assert!((0..3).all(|_| semaphore.try_acquire()));
        let mut first = semaphore.acquire();
        assert_eq!(poll(&mut first), Poll::Pending);
        semaphore.release();
        semaphore.release();
        semaphore.release();
        let (mut second, mut third) = (semaphore.acquire(), semaphore.acquire());
        assert_eq!(poll(&mut second), Poll::Pending);
        assert_eq!(poll(&mut third), Poll::Pending);
        // The first, running, wakes the second only (CPython 3.11 and 3.12);
        // the second, running, wakes the third.
        assert_eq!(poll(&mut first), Poll::Ready(()));
        assert_eq!(poll(&mut third), Poll::Pending);
        assert_eq!(poll(&mut second), Poll::Ready(()));
        assert_eq!(poll(&mut third), Poll::Ready(()));
        assert!(!semaphore.try_acquire());
    }

    #[test]
    fn lock_is_handed_to_the_first_waiter() {
        let lock = Semaphore::new(1);
        assert!(lock.try_acquire());
        let mut waiter = lock.acquire();
        assert_eq!(poll(&mut waiter), Poll::Pending);
        lock.release();
        assert!(!lock.try_acquire(), "no barging past the woken waiter");
        assert_eq!(poll(&mut waiter), Poll::Ready(()));
    }
}
