//! The event loop: a FIFO ready queue, a timer heap and the iteration rule.
//!
//! It follows CPython's `BaseEventLoop._run_once`:
//!
//! 1. timers are ordered by (deadline, creation order);
//! 2. an iteration appends every timer due at its start to the ready queue,
//!    then runs exactly the callbacks queued at that point — what they queue
//!    waits for the next iteration;
//! 3. a timer's callback only wakes its task, which resumes one iteration
//!    later, behind work already queued;
//! 4. a spawned task's first step is appended to the ready queue;
//! 5. `block(d)` holds the loop inside the running step.
//!
//! A driver runs an iteration whole ([`EventLoop::run_iteration`]) or one
//! callback at a time ([`EventLoop::start_iteration`], then
//! [`EventLoop::run_callback`] until it says the iteration is over): same
//! order, same trace, but a live driver can hand the page its thread
//! between two callbacks. Where each iteration starts is recorded in the
//! trace ([`Trace::iterations`]), so a replay can step by iteration.
//!
//! The event cap holds where events are recorded: the trace never grows past
//! its cap ([`crate::limits::MAX_EVENTS`] unless set otherwise). The event
//! that would pass it is dropped, the loop is [capped](EventLoop::capped),
//! runs no further callbacks, and workers check it between items and steps,
//! so a step that never yields stops early too.
//!
//! Tasks live in a slab owned by the loop and are woken through std's
//! [`Wake`]: dropping the loop drops every future, and waking records the
//! `Ready` state in the trace (`async-task` was considered; its `spawn_local`
//! still needs a `Send + Sync` schedule hook, which cannot reach this
//! single-threaded trace without unsafe code).

use std::cell::{Cell, RefCell};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

use super::Clock;
use crate::limits::MAX_EVENTS;
use crate::time::Micros;
use crate::trace::{EventKind, Tally, TaskId, TaskInfo, TaskState, Trace};

type TaskFuture = Pin<Box<dyn Future<Output = ()>>>;

/// What one call of [`EventLoop::run_iteration`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Iteration {
    /// Callbacks ran; call again.
    Ran,
    /// Nothing is ready; the next timer is due at this time.
    IdleUntil(Micros),
    /// Nothing is ready and no timer is pending: the run is over.
    Stalled,
}

/// A single-threaded event loop over a [`Clock`], recording a [`Trace`].
pub struct EventLoop<C> {
    clock: C,
    loop_overhead: Micros,
    tasks: RefCell<Vec<Option<TaskFuture>>>,
    wakers: RefCell<Vec<Waker>>,
    woken: Arc<WokenList>,
    scratch: RefCell<Vec<TaskId>>,
    state: RefCell<LoopState>,
    /// Whether a task may start a blocking step, or take up its next item,
    /// now (see [`EventLoop::gate_blocks`]); none: always.
    block_gate: RefCell<Option<BlockGate<C>>>,
}

/// Says whether a blocking step may start (or an item be taken up) now,
/// given the clock.
type BlockGate<C> = Box<dyn Fn(&C) -> bool>;

struct LoopState {
    ready: VecDeque<Entry>,
    timers: BinaryHeap<Reverse<Timer>>,
    timers_created: u64,
    current: Option<TaskId>,
    timer_lateness: Vec<Micros>,
    /// Callbacks of the current iteration still to run.
    remaining: usize,
    /// A task that hands the driver a turn before its blocking step, and
    /// goes on (blocks) before anything else runs.
    held: Option<TaskId>,
    /// When the last blocking step ended (loop overhead aside).
    last_block_end: Micros,
    /// When the last block (or loop overhead) ended: the model's own
    /// holding of the loop, which timer lateness does not count.
    free_since: Micros,
    queued: Vec<bool>,
    states: Vec<(TaskState, u32)>,
    trace: Trace,
    /// Events are counted here instead of recorded (see
    /// [`EventLoop::tally_only`]).
    tally: Option<Tally>,
    max_events: usize,
    capped: bool,
}

/// A ready-queue callback.
enum Entry {
    /// Run the task's next step.
    Step(TaskId),
    /// A timer's callback: wake its task (which is then ready since `deadline`).
    Fire(Timer),
}

struct Timer {
    deadline: Micros,
    order: u64,
    fired: Rc<Cell<bool>>,
    waker: Waker,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.deadline, self.order).cmp(&(other.deadline, other.order))
    }
}

/// Task ids woken since the loop last looked, in wake order.
#[derive(Default)]
struct WokenList(Mutex<Vec<TaskId>>);

impl WokenList {
    fn push(&self, id: TaskId) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(id);
    }
    fn take_into(&self, out: &mut Vec<TaskId>) {
        let mut woken = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        out.append(&mut woken);
    }
}

struct TaskWaker {
    id: TaskId,
    woken: Arc<WokenList>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.woken.push(self.id);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.push(self.id);
    }
}

impl<C: Clock> EventLoop<C> {
    /// A loop on `clock`, charging `loop_overhead` each time a task resumes.
    pub fn new(clock: C, loop_overhead: Micros) -> Self {
        Self {
            clock,
            loop_overhead,
            tasks: RefCell::default(),
            wakers: RefCell::default(),
            woken: Arc::default(),
            scratch: RefCell::default(),
            block_gate: RefCell::default(),
            state: RefCell::new(LoopState {
                ready: VecDeque::new(),
                timers: BinaryHeap::new(),
                timers_created: 0,
                current: None,
                timer_lateness: Vec::new(),
                remaining: 0,
                held: None,
                last_block_end: 0,
                free_since: 0,
                queued: Vec::new(),
                states: Vec::new(),
                trace: Trace::default(),
                tally: None,
                max_events: MAX_EVENTS,
                capped: false,
            }),
        }
    }

    /// The same loop with another event cap (the default is [`MAX_EVENTS`]).
    pub fn with_max_events(self, max_events: usize) -> Self {
        self.state.borrow_mut().max_events = max_events;
        self
    }

    /// Counts events instead of recording them, those recorded so far
    /// included: a run that needs only its makespan (the synchronous
    /// baseline of a preview) holds no trace. The cap counts them the same.
    pub fn tally_only(&self) {
        let mut state = self.state.borrow_mut();
        let tally = Tally::of(&state.trace);
        state.trace.events = Vec::new();
        state.trace.iterations = Vec::new();
        state.tally = Some(tally);
    }

    /// What was counted, in a loop that [only counts](EventLoop::tally_only).
    pub fn tally(&self) -> Option<Tally> {
        self.state.borrow().tally
    }

    /// Makes room for `events` events in the trace at once (never past the
    /// cap), so a run whose size is known roughly grows without copies.
    pub fn reserve(&self, events: usize) {
        let mut state = self.state.borrow_mut();
        let room = state.max_events.saturating_sub(state.trace.events.len());
        state.trace.events.reserve_exact(events.min(room));
    }

    /// Whether the trace reached its cap: the event that would have passed
    /// it was dropped and the run must stop.
    pub fn capped(&self) -> bool {
        self.state.borrow().capped
    }

    /// The clock.
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// The current time.
    pub fn now(&self) -> Micros {
        self.clock.now()
    }

    /// Spawns a task; its first step runs in the next iteration.
    pub fn spawn(&self, info: TaskInfo, future: impl Future<Output = ()> + 'static) -> TaskId {
        let mut tasks = self.tasks.borrow_mut();
        let id = tasks.len() as TaskId;
        tasks.push(Some(Box::pin(future)));
        self.wakers
            .borrow_mut()
            .push(Waker::from(Arc::new(TaskWaker {
                id,
                woken: Arc::clone(&self.woken),
            })));
        let now = self.now();
        let mut state = self.state.borrow_mut();
        state.trace.tasks.push(info);
        state.queued.push(true);
        state.states.push((TaskState::Ready, 0));
        state.push(
            now,
            EventKind::State {
                task: id,
                state: TaskState::Ready,
                on: 0,
            },
        );
        state.ready.push_back(Entry::Step(id));
        id
    }

    /// Runs one loop iteration (rule 2 above). A capped loop runs nothing
    /// more and reports [`Iteration::Ran`]: check [`EventLoop::capped`].
    pub fn run_iteration(&self) -> Iteration {
        let started = self.start_iteration();
        if started == Iteration::Ran {
            while self.run_callback() {}
        }
        started
    }

    /// Starts an iteration: collects the timers due now and fixes the
    /// callbacks it will run (those queued at this point). [`Iteration::Ran`]
    /// means there are some (or an iteration is already under way, or the
    /// loop is capped): run them with [`EventLoop::run_callback`].
    pub fn start_iteration(&self) -> Iteration {
        let now = self.now();
        let mut state = self.state.borrow_mut();
        if state.capped || state.remaining > 0 || state.held.is_some() {
            return Iteration::Ran;
        }
        // Lateness counts from when the model says the loop could collect
        // the timer: its deadline, or the end of the block that held the
        // loop then (a block's delay is the lesson, the same in virtual time).
        let free_since = state.free_since;
        while state
            .timers
            .peek()
            .is_some_and(|Reverse(timer)| timer.deadline <= now)
        {
            if let Some(Reverse(timer)) = state.timers.pop() {
                let late = now.saturating_sub(timer.deadline.max(free_since));
                state.timer_lateness.push(late);
                state.ready.push_back(Entry::Fire(timer));
            }
        }
        if state.ready.is_empty() {
            return match state.timers.peek() {
                Some(Reverse(timer)) => Iteration::IdleUntil(timer.deadline),
                None => Iteration::Stalled,
            };
        }
        state.remaining = state.ready.len();
        if state.tally.is_none() {
            let first_event = state.trace.events.len();
            state.trace.iterations.push(first_event);
        }
        Iteration::Ran
    }

    /// Whether an iteration is under way (some of its callbacks have not
    /// run, or a task that blocked has yet to go on).
    pub fn in_iteration(&self) -> bool {
        let state = self.state.borrow();
        state.remaining > 0 || state.held.is_some()
    }

    /// Asks `gate` before every blocking step and at every item's
    /// [checkpoint](Self::checkpoint): when it says no, the task hands the
    /// driver a turn first ([`EventLoop::holding`]), and goes on (blocks,
    /// or takes up its item) before anything else runs. A live driver gives
    /// the page its turn there, so two blocks, or 8 ms of callbacks, never
    /// follow each other without one; a preview's stepper counts both
    /// against a step's work. The loop's order and trace do not change.
    pub fn gate_blocks(&self, gate: impl Fn(&C) -> bool + 'static) {
        *self.block_gate.borrow_mut() = Some(Box::new(gate));
    }

    /// Whether a task waits for a turn before its blocking step or its next
    /// item (the driver should hand the page one before it runs callbacks
    /// again).
    pub fn holding(&self) -> bool {
        self.state.borrow().held.is_some()
    }

    /// When the last blocking step ended, µs (0 before any): the loop was
    /// the model's own until then (loop overhead aside).
    pub fn last_block_end(&self) -> Micros {
        self.state.borrow().last_block_end
    }

    /// The deadline of the next timer, if one is pending, µs.
    pub fn next_deadline(&self) -> Option<Micros> {
        self.state
            .borrow()
            .timers
            .peek()
            .map(|Reverse(timer)| timer.deadline)
    }

    /// Whether the gate (if any) holds the running task back now: if so,
    /// it is held (the driver gets a turn, then it goes on first).
    fn held_at_gate(&self) -> bool {
        let gated = self
            .block_gate
            .borrow()
            .as_ref()
            .is_some_and(|may_block| !may_block(&self.clock));
        if !gated {
            return false;
        }
        let mut state = self.state.borrow_mut();
        if state.capped {
            return false;
        }
        state.held = state.current;
        state.held.is_some()
    }

    /// Runs the next callback of the current iteration; `true` if more of
    /// it remain, `false` once it is over (or the loop is capped).
    pub fn run_callback(&self) -> bool {
        let held = self.state.borrow_mut().held.take();
        let ready_since = if let Some(id) = held {
            self.run_step(id, true);
            self.now()
        } else {
            let entry = {
                let mut state = self.state.borrow_mut();
                if state.capped || state.remaining == 0 {
                    state.remaining = 0;
                    return false;
                }
                state.remaining -= 1;
                state.ready.pop_front()
            };
            match entry {
                Some(Entry::Step(id)) => {
                    self.run_step(id, false);
                    self.now()
                }
                Some(Entry::Fire(timer)) => {
                    timer.fired.set(true);
                    timer.waker.wake();
                    timer.deadline
                }
                None => {
                    self.state.borrow_mut().remaining = 0;
                    return false;
                }
            }
        };
        // Tasks woken by a step are scheduled once the step is over: not
        // while it is held before a block (same times as a step run whole).
        if self.state.borrow().held.is_none() {
            let mut woken = self.scratch.borrow_mut();
            self.woken.take_into(&mut woken);
            self.schedule_woken(&mut woken, ready_since);
        }
        let mut state = self.state.borrow_mut();
        if state.capped {
            state.remaining = 0;
            state.held = None;
        }
        state.remaining > 0 || state.held.is_some()
    }

    fn schedule_woken(&self, woken: &mut Vec<TaskId>, ready_since: Micros) {
        if woken.is_empty() {
            return;
        }
        let mut state = self.state.borrow_mut();
        for id in woken.drain(..) {
            let index = id as usize;
            let done = state
                .states
                .get(index)
                .is_none_or(|s| s.0 == TaskState::Done);
            if done || state.queued[index] {
                continue;
            }
            state.queued[index] = true;
            state.set(id, ready_since, TaskState::Ready, 0);
            state.ready.push_back(Entry::Step(id));
        }
    }

    /// Runs a step of task `id` (`continued`: the same step going on after
    /// a turn before its block, which charges no loop overhead).
    fn run_step(&self, id: TaskId, continued: bool) {
        let index = id as usize;
        let future = self
            .tasks
            .borrow_mut()
            .get_mut(index)
            .and_then(Option::take);
        let Some(mut future) = future else { return };
        let Some(waker) = self.wakers.borrow().get(index).cloned() else {
            return;
        };
        {
            let mut state = self.state.borrow_mut();
            state.queued[index] = false;
            state.current = Some(id);
            let now = self.now();
            state.set(id, now, TaskState::Running, 0);
        }
        if self.loop_overhead > 0 && !continued {
            self.clock.block(self.loop_overhead);
            self.mark_free();
        }
        let finished = future
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready();
        let now = self.now();
        let mut state = self.state.borrow_mut();
        state.current = None;
        if finished {
            state.set(id, now, TaskState::Done, 0);
        } else if let Some(slot) = self.tasks.borrow_mut().get_mut(index) {
            *slot = Some(future);
        }
    }

    /// Records a state change of the running task (waiting on `on`).
    pub fn set_state(&self, state: TaskState, on: u32) {
        let now = self.now();
        let mut loop_state = self.state.borrow_mut();
        if let Some(id) = loop_state.current {
            loop_state.set(id, now, state, on);
        }
    }

    /// The running task, if a task step is running.
    pub fn current(&self) -> Option<TaskId> {
        self.state.borrow().current
    }

    /// Appends an event to the trace, at the current time (unless capped).
    pub fn record(&self, kind: EventKind) {
        let now = self.now();
        self.state.borrow_mut().push(now, kind);
    }

    /// How late each timer was collected since the last call, in firing
    /// order: after its deadline, or after the block that held the loop
    /// then, whichever was later. Zero in virtual time; on a real clock, the
    /// lag the host added to the model (a late wake-up, the engine's and the
    /// page's own work).
    pub fn take_timer_lateness(&self) -> Vec<Micros> {
        std::mem::take(&mut self.state.borrow_mut().timer_lateness)
    }

    /// A copy of the trace so far (for drawing a run in progress).
    pub fn snapshot(&self) -> Trace {
        self.state.borrow().trace.clone()
    }

    /// Who every task is, by id.
    pub fn tasks(&self) -> Vec<TaskInfo> {
        self.state.borrow().trace.tasks.clone()
    }

    /// Number of events recorded (or [counted](EventLoop::tally_only)) so far.
    pub fn event_count(&self) -> usize {
        let state = self.state.borrow();
        state.tally.map_or(state.trace.events.len(), |t| t.events)
    }

    /// Every task that has not finished, with the state it is in and what it waits on.
    pub fn unfinished(&self) -> Vec<(TaskId, TaskState, u32)> {
        let state = self.state.borrow();
        state
            .states
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| *s != TaskState::Done)
            .map(|(id, (s, on))| (id as TaskId, *s, *on))
            .collect()
    }

    /// Holds the loop for `duration`: the running task is `Blocked`
    /// meanwhile, then goes on at once. If the [gate](Self::gate_blocks)
    /// says no, the task hands the driver a turn first (nothing else runs
    /// before it blocks).
    pub fn block(&self, duration: Micros) -> Block<'_, C> {
        Block {
            event_loop: self,
            duration,
            blocked: false,
        }
    }

    /// A point between two items of a task where it may hand the driver a
    /// turn, as before a block ([`EventLoop::gate_blocks`]): a callback
    /// that never suspends (a source putting thousands of items into an
    /// unbounded queue) is cut there when the gate says no. It records
    /// nothing and takes no time: the run's events and their order are
    /// the same.
    pub fn checkpoint(&self) -> Checkpoint<'_, C> {
        Checkpoint {
            event_loop: self,
            passed: false,
        }
    }

    fn mark_free(&self) {
        let now = self.now();
        self.state.borrow_mut().free_since = now;
    }

    /// A non-blocking wait of `duration` (`await asyncio.sleep(d)`).
    ///
    /// A zero duration yields: the task goes to the back of the ready queue.
    pub fn sleep(&self, duration: Micros) -> Sleep<'_, C> {
        Sleep {
            event_loop: self,
            duration,
            fired: None,
        }
    }

    /// Ends the run: drops every task and pending callback, returns the trace.
    ///
    /// Dropping the tasks releases whatever they hold (the loop itself, often),
    /// so nothing outlives the run.
    pub fn finish(&self) -> Trace {
        let tasks = std::mem::take(&mut *self.tasks.borrow_mut());
        drop(tasks);
        let mut state = self.state.borrow_mut();
        state.ready.clear();
        state.timers.clear();
        std::mem::take(&mut state.trace)
    }

    fn add_timer(&self, deadline: Micros, waker: Waker) -> Rc<Cell<bool>> {
        let fired = Rc::new(Cell::new(false));
        let mut state = self.state.borrow_mut();
        let order = state.timers_created;
        state.timers_created += 1;
        state.timers.push(Reverse(Timer {
            deadline,
            order,
            fired: Rc::clone(&fired),
            waker,
        }));
        fired
    }
}

impl LoopState {
    /// Appends an event (or counts it, in a loop that only counts), or
    /// drops it and caps the loop if the trace is full.
    fn push(&mut self, time: Micros, kind: EventKind) {
        if let Some(tally) = &mut self.tally {
            if tally.events >= self.max_events {
                self.capped = true;
            } else {
                tally.add(time, &kind);
            }
            return;
        }
        let events = &mut self.trace.events;
        if events.len() >= self.max_events {
            self.capped = true;
            return;
        }
        if events.len() == events.capacity() {
            // Doubling, but never past the cap: a capped trace holds no slack.
            let room = self.max_events - events.len();
            events.reserve_exact(events.capacity().max(1024).min(room));
        }
        self.trace.push(time, kind);
    }

    fn set(&mut self, id: TaskId, time: Micros, state: TaskState, on: u32) {
        let Some(slot) = self.states.get_mut(id as usize) else {
            return;
        };
        if *slot == (state, on) {
            return;
        }
        *slot = (state, on);
        self.push(
            time,
            EventKind::State {
                task: id,
                state,
                on,
            },
        );
    }
}

/// The future of [`EventLoop::checkpoint`].
pub struct Checkpoint<'a, C> {
    event_loop: &'a EventLoop<C>,
    passed: bool,
}

impl<C: Clock> Future for Checkpoint<'_, C> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.passed {
            return Poll::Ready(());
        }
        self.passed = true;
        if self.event_loop.held_at_gate() {
            return Poll::Pending;
        }
        Poll::Ready(())
    }
}

/// The future of [`EventLoop::block`].
pub struct Block<'a, C> {
    event_loop: &'a EventLoop<C>,
    duration: Micros,
    blocked: bool,
}

impl<C: Clock> Future for Block<'_, C> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.blocked || self.duration == 0 {
            return Poll::Ready(());
        }
        let event_loop = self.event_loop;
        if event_loop.held_at_gate() {
            return Poll::Pending;
        }
        self.blocked = true;
        event_loop.set_state(TaskState::Blocked, 0);
        event_loop.clock.block(self.duration);
        event_loop.mark_free();
        event_loop.set_state(TaskState::Running, 0);
        let mut state = event_loop.state.borrow_mut();
        state.last_block_end = state.free_since;
        Poll::Ready(())
    }
}

/// The future of [`EventLoop::sleep`].
pub struct Sleep<'a, C> {
    event_loop: &'a EventLoop<C>,
    duration: Micros,
    fired: Option<Rc<Cell<bool>>>,
}

impl<C: Clock> Future for Sleep<'_, C> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match &self.fired {
            Some(fired) if fired.get() => Poll::Ready(()),
            Some(_) => Poll::Pending,
            None if self.duration == 0 => {
                // asyncio.sleep(0) yields without a timer.
                self.fired = Some(Rc::new(Cell::new(true)));
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            None => {
                let event_loop = self.event_loop;
                let deadline = event_loop.now().saturating_add(self.duration);
                event_loop.set_state(TaskState::AwaitingIo, 0);
                self.fired = Some(event_loop.add_timer(deadline, cx.waker().clone()));
                Poll::Pending
            }
        }
    }
}
