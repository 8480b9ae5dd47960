//! The worker tasks of a pipeline, written once against the runtime seam.
//!
//! Each worker loops: take an item (the source takes the next input item, a
//! later stage `get`s from its input queue), perform the stage's steps, hand
//! the item on (`put` on the next queue, or out of the pipeline). When a
//! stage's last worker runs out of items it closes the next queue, so the
//! workers downstream finish too, and a completed run ends with every task
//! done. Once the loop is capped a worker stops between items and steps.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use super::Mode;
use crate::runtime::sync::{Queue, Semaphore};
use crate::runtime::{Clock, EventLoop};
use crate::scenario::{DurationTable, Law, Scenario, Stage, Step};
use crate::time::Micros;
use crate::trace::{EventKind, ItemId, TaskInfo, TaskState};

/// Shared state of one run of a pipeline.
struct Pipeline {
    mode: Mode,
    stages: Vec<Stage>,
    item_count: ItemId,
    next_item: Cell<ItemId>,
    /// `queues[s]` feeds stage `s + 1`.
    queues: Vec<Queue<ItemId>>,
    resources: Vec<Semaphore>,
    counters: RefCell<Vec<i64>>,
    durations: RefCell<DurationTable>,
    live_workers: Vec<Cell<u32>>,
    /// Per stage, its reorder buffer if the stage is ordered.
    reorder: Vec<Option<Reorder>>,
}

/// An ordered stage's reorder buffer: items leave in the order they entered.
///
/// One worker at a time drains it: handing an item on may wait for room, and
/// a second worker releasing meanwhile could overtake it.
#[derive(Default)]
struct Reorder {
    entered: Cell<u64>,
    next_out: Cell<u64>,
    releasing: Cell<bool>,
    finished: RefCell<BTreeMap<u64, ItemId>>,
}

impl Reorder {
    /// The sequence number of an item entering the stage.
    fn enter(&self) -> u64 {
        let seq = self.entered.get();
        self.entered.set(seq + 1);
        seq
    }

    /// Puts a finished item in the buffer; whether it must wait there.
    fn finish(&self, seq: u64, item: ItemId) -> bool {
        self.finished.borrow_mut().insert(seq, item);
        seq != self.next_out.get() || self.releasing.get()
    }

    /// The next item whose turn it is, if it has finished.
    fn pop_next(&self) -> Option<ItemId> {
        let item = self.finished.borrow_mut().remove(&self.next_out.get())?;
        self.next_out.set(self.next_out.get() + 1);
        Some(item)
    }
}

/// Spawns every worker of `scenario` on `event_loop`: stage by stage from the
/// source, and within a stage in worker order.
pub fn spawn_pipeline<C: Clock + 'static>(
    event_loop: &Rc<EventLoop<C>>,
    scenario: &Scenario,
    mode: Mode,
) {
    let pipeline = Rc::new(Pipeline {
        mode,
        stages: scenario.stages.clone(),
        item_count: scenario.item_count() as ItemId,
        next_item: Cell::new(0),
        queues: scenario
            .stages
            .iter()
            .skip(1)
            .map(|s| Queue::new(s.capacity.map(|c| c as usize)))
            .collect(),
        resources: scenario
            .resources
            .iter()
            .map(|r| Semaphore::new(r.permits))
            .collect(),
        counters: RefCell::new(vec![0; scenario.counters.len()]),
        durations: RefCell::new(scenario.durations()),
        live_workers: scenario
            .stages
            .iter()
            .map(|s| Cell::new(s.workers))
            .collect(),
        reorder: scenario
            .stages
            .iter()
            .map(|s| s.ordered.then(Reorder::default))
            .collect(),
    });
    for (stage, spec) in scenario.stages.iter().enumerate() {
        for worker in 0..spec.workers {
            let info = TaskInfo {
                stage: stage as u32,
                worker,
            };
            let task = worker_task(Rc::clone(event_loop), Rc::clone(&pipeline), stage);
            event_loop.spawn(info, task);
        }
    }
}

async fn worker_task<C: Clock>(rt: Rc<EventLoop<C>>, pipeline: Rc<Pipeline>, stage: usize) {
    let Some(task) = rt.current() else { return };
    let Some(spec) = pipeline.stages.get(stage) else {
        return;
    };
    let reorder = pipeline.reorder.get(stage).and_then(Option::as_ref);
    while let Some(item) = pipeline.next_item(&rt, stage, task).await {
        if rt.capped() {
            return;
        }
        // A live page may take its turn between two items of a callback
        // that never suspends (nothing recorded, no time taken).
        rt.checkpoint().await;
        rt.record(EventKind::Got { item, task });
        let seq = reorder.map(Reorder::enter);
        for (index, step) in spec.steps.iter().enumerate() {
            if rt.capped() {
                return;
            }
            pipeline.perform(&rt, stage, index, step, item).await;
        }
        match (reorder, seq) {
            (Some(reorder), Some(seq)) => {
                if reorder.finish(seq, item) {
                    rt.record(EventKind::Buffered { item, task });
                }
                if !reorder.releasing.get() {
                    reorder.releasing.set(true);
                    while let Some(item) = reorder.pop_next() {
                        pipeline.release(&rt, stage, item, task).await;
                    }
                    reorder.releasing.set(false);
                }
            }
            _ => pipeline.release(&rt, stage, item, task).await,
        }
    }
    pipeline.worker_finished(stage);
}

impl Pipeline {
    /// The next item for a worker of `stage`, or `None` when there are no more.
    async fn next_item<C: Clock>(
        &self,
        rt: &EventLoop<C>,
        stage: usize,
        task: u32,
    ) -> Option<ItemId> {
        let Some(queue_index) = stage.checked_sub(1) else {
            let item = self.next_item.get();
            if item >= self.item_count {
                return None;
            }
            self.next_item.set(item + 1);
            rt.record(EventKind::Created { item, task });
            return Some(item);
        };
        let queue = self.queues.get(queue_index)?;
        let item = loop {
            if let Some(item) = queue.try_get() {
                break item;
            }
            if queue.is_closed() {
                return None;
            }
            rt.set_state(TaskState::WaitingItem, queue_index as u32);
            queue.item_put().await;
        };
        record_depth(rt, queue_index, queue);
        Some(item)
    }

    /// Hands `item` on from `stage`: onto the next queue, or out of the pipeline.
    async fn release<C: Clock>(&self, rt: &EventLoop<C>, stage: usize, item: ItemId, task: u32) {
        let last = stage + 1 == self.stages.len();
        if !last {
            self.hand_on(rt, stage, item).await;
        }
        rt.record(EventKind::Put { item, task });
        if last {
            rt.record(EventKind::Done { item });
        }
    }

    /// Puts `item` on the queue after `stage`, waiting for room if it is full.
    async fn hand_on<C: Clock>(&self, rt: &EventLoop<C>, stage: usize, item: ItemId) {
        let Some(queue) = self.queues.get(stage) else {
            return;
        };
        let mut item = item;
        while let Err(rejected) = queue.try_put(item) {
            item = rejected;
            rt.set_state(TaskState::WaitingRoom, stage as u32);
            queue.item_taken().await;
        }
        record_depth(rt, stage, queue);
    }

    fn worker_finished(&self, stage: usize) {
        let Some(live) = self.live_workers.get(stage) else {
            return;
        };
        live.set(live.get().saturating_sub(1));
        if live.get() == 0
            && let Some(queue) = self.queues.get(stage)
        {
            queue.close();
        }
    }

    fn duration(&self, stage: usize, step: usize, item: ItemId, law: &Law) -> Micros {
        self.durations
            .borrow_mut()
            .get(stage, step, item as usize, law)
    }

    /// A wait: yields to the loop, or blocks in the synchronous baseline.
    async fn wait<C: Clock>(&self, rt: &EventLoop<C>, duration: Micros) {
        match self.mode {
            Mode::Async => rt.sleep(duration).await,
            Mode::Sync => rt.block(duration).await,
        }
    }

    async fn perform<C: Clock>(
        &self,
        rt: &EventLoop<C>,
        stage: usize,
        index: usize,
        step: &Step,
        item: ItemId,
    ) {
        match step {
            Step::Wait(law) => self.wait(rt, self.duration(stage, index, item, law)).await,
            Step::Block(law) => rt.block(self.duration(stage, index, item, law)).await,
            Step::Yield => {
                if self.mode == Mode::Async {
                    rt.sleep(0).await;
                }
            }
            Step::Acquire(resource) => {
                let Some(semaphore) = self.resources.get(*resource) else {
                    return;
                };
                if !semaphore.try_acquire() {
                    rt.set_state(TaskState::WaitingResource, *resource as u32);
                    semaphore.acquire().await;
                }
                if let Some(task) = rt.current() {
                    rt.record(EventKind::Acquired {
                        resource: *resource as u32,
                        task,
                    });
                }
            }
            Step::Release(resource) => {
                let Some(semaphore) = self.resources.get(*resource) else {
                    return;
                };
                semaphore.release();
                if let Some(task) = rt.current() {
                    rt.record(EventKind::Released {
                        resource: *resource as u32,
                        task,
                    });
                }
            }
            Step::Add { counter, amount } => {
                if let Some(value) = self.counters.borrow_mut().get_mut(*counter) {
                    *value = value.saturating_add(*amount);
                }
            }
            Step::Read(counter) => {
                let value = self.counter(*counter);
                rt.record(EventKind::Observed {
                    item,
                    counter: *counter as u16,
                    value,
                });
            }
            Step::Increment { counter, wait } => {
                let seen = self.counter(*counter);
                self.wait(rt, self.duration(stage, index, item, wait)).await;
                if let Some(value) = self.counters.borrow_mut().get_mut(*counter) {
                    *value = seen.saturating_add(1);
                }
            }
        }
    }

    fn counter(&self, counter: usize) -> i64 {
        self.counters.borrow().get(counter).copied().unwrap_or(0)
    }
}

fn record_depth<C: Clock>(rt: &EventLoop<C>, queue_index: usize, queue: &Queue<ItemId>) {
    rt.record(EventKind::Depth {
        queue: queue_index as u32,
        depth: queue.len() as u32,
    });
}
