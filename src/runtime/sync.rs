//! Queues and semaphores for tasks on one thread, with asyncio's wake order.
//!
//! - An operation that can complete at once does not yield (`put` on a queue
//!   with room, `get` on a non-empty one, `acquire` of a free permit).
//! - Waiters are woken in FIFO order. A woken getter takes whatever is at the
//!   head when it runs, and waits again at the back if the queue was emptied
//!   meanwhile (`asyncio.Queue`).
//! - A released permit is handed to the first waiter, so a newcomer cannot
//!   barge past the queue of waiters (`asyncio.Semaphore`, `asyncio.Lock`).
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

/// A counting semaphore with FIFO hand-off; a lock is one permit.
#[derive(Debug)]
pub struct Semaphore {
    inner: RefCell<SemaphoreInner>,
}

#[derive(Debug)]
struct SemaphoreInner {
    available: u32,
    waiters: VecDeque<(Rc<Cell<bool>>, Waker)>,
}

impl Semaphore {
    /// A semaphore with `permits` free permits.
    pub fn new(permits: u32) -> Self {
        Self {
            inner: RefCell::new(SemaphoreInner {
                available: permits,
                waiters: VecDeque::new(),
            }),
        }
    }

    /// Takes a permit if one is free and nobody is queued for it.
    pub fn try_acquire(&self) -> bool {
        let mut inner = self.inner.borrow_mut();
        if inner.available > 0 && inner.waiters.is_empty() {
            inner.available -= 1;
            true
        } else {
            false
        }
    }

    /// Waits for a permit.
    pub fn acquire(&self) -> Acquire<'_> {
        Acquire {
            semaphore: self,
            granted: None,
        }
    }

    /// Returns a permit: to the first waiter if any, else to the pool.
    pub fn release(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some((granted, waker)) = inner.waiters.pop_front() {
            granted.set(true);
            waker.wake();
        } else {
            inner.available += 1;
        }
    }
}

/// The future of [`Semaphore::acquire`].
pub struct Acquire<'a> {
    semaphore: &'a Semaphore,
    granted: Option<Rc<Cell<bool>>>,
}

impl Future for Acquire<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match &self.granted {
            Some(granted) if granted.get() => Poll::Ready(()),
            Some(_) => Poll::Pending,
            None if self.semaphore.try_acquire() => Poll::Ready(()),
            None => {
                let granted = Rc::new(Cell::new(false));
                self.semaphore
                    .inner
                    .borrow_mut()
                    .waiters
                    .push_back((Rc::clone(&granted), cx.waker().clone()));
                self.granted = Some(granted);
                Poll::Pending
            }
        }
    }
}
