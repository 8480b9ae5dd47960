//! What each task state means, in asyncio terms: the line of code that puts
//! a task there. The legend shows it on hover or focus, the page's help
//! lists it in full. Also each state's short id, which the page's CSS
//! classes and variables and the exported SVG spell.

use crate::trace::TaskState;

/// The state in asyncio terms: which line of code puts a task in it, and
/// what it means for the other tasks.
pub fn asyncio_meaning(state: TaskState) -> &'static str {
    match state {
        TaskState::Running => {
            "The task holds the event loop and runs Python code between two awaits; no other task runs meanwhile."
        }
        TaskState::Blocked => {
            "A blocking call inside the coroutine, like time.sleep() or a CPU loop: the task holds the loop without awaiting, so every other task waits."
        }
        TaskState::AwaitingIo => {
            "await asyncio.sleep(…) or awaited I/O (a request, a file): the task has given the loop up and others can run."
        }
        TaskState::WaitingItem => {
            "await queue.get() on an empty queue: the worker waits for the stage before to hand it an item."
        }
        TaskState::WaitingRoom => {
            "await queue.put(…) on a full queue (maxsize reached): back-pressure from a slower stage after this one."
        }
        TaskState::WaitingResource => {
            "async with semaphore: or async with lock: while all permits are taken: the task queues for the resource."
        }
        TaskState::Ready => {
            "Woken (its sleep ended, its item or permit arrived) but not running yet: it waits for the task holding the loop. Long ready spans mean something blocks the loop."
        }
        TaskState::Done => "The worker has returned: no more items will come.",
    }
}

/// A state's short id, as the page's CSS classes spell it (`io`, `ready`).
pub fn state_id(state: TaskState) -> &'static str {
    match state {
        TaskState::Running => "running",
        TaskState::Blocked => "blocked",
        TaskState::AwaitingIo => "io",
        TaskState::WaitingItem => "item",
        TaskState::WaitingRoom => "room",
        TaskState::WaitingResource => "resource",
        TaskState::Ready => "ready",
        TaskState::Done => "done",
    }
}
