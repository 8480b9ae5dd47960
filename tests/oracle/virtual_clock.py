#!/usr/bin/env python3
"""Runs Interleave's exported Python programs on CPython's own asyncio, with
only the clock made virtual: the oracle the engine is compared with.

    python3 virtual_clock.py PROGRAM.py ...   one JSON report per program
    python3 virtual_clock.py < programs.jsonl  one program per line (a JSON
                                               string), one report per line

The loop is asyncio's BaseEventLoop, unchanged except for its clock:

- time is an integer number of microseconds; when nothing is ready the loop
  jumps to the earliest timer instead of sleeping;
- time.sleep(d) advances the clock inside the running task (nothing else
  runs meanwhile, as with a real blocking call);
- timers with equal deadlines fire in the order they were created (in real
  time a later timer always gets a later deadline; asyncio's heap alone
  would break such ties arbitrarily);
- nothing ready and no timer pending means every task waits on another:
  the run is reported as a deadlock.

A report is the program's own `Log.report()`: the mode, the outcome, each
item's done time (ms with microsecond precision) and the counter values it
read, and the output order.
"""

import asyncio
import heapq
import json
import sys
import time


class Deadlock(Exception):
    """Nothing is ready and no timer is pending."""


class _Timer(asyncio.TimerHandle):
    """A timer ordered by (deadline in µs, creation order)."""

    __slots__ = ("_us", "_order")

    def __init__(self, us, order, callback, args, loop, context):
        super().__init__(us / 1e6, callback, args, loop, context)
        self._us = us
        self._order = order

    def __lt__(self, other):
        return (self._us, self._order) < (other._us, other._order)

    def __le__(self, other):
        return (self._us, self._order) <= (other._us, other._order)

    def __gt__(self, other):
        return (self._us, self._order) > (other._us, other._order)

    def __ge__(self, other):
        return (self._us, self._order) >= (other._us, other._order)


class VirtualLoop(asyncio.BaseEventLoop):
    """asyncio's event loop on a virtual clock (see the module doc)."""

    def __init__(self):
        super().__init__()
        self.now_us = 0
        self._timers_created = 0
        # Timers due within half a microsecond of now are due now.
        self._clock_resolution = 1e-7
        # _run_once asks the "selector" to wait for `timeout`: jump instead.
        self._selector = self

    def time(self):
        return self.now_us / 1e6

    def select(self, timeout):
        if timeout is None:
            raise Deadlock
        if timeout > 0 and self._scheduled:
            self.now_us = max(self.now_us, self._scheduled[0]._us)
        return []

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def call_later(self, delay, callback, *args, context=None):
        us = self.now_us + max(0, round(delay * 1e6))
        return self._timer(us, callback, args, context)

    def call_at(self, when, callback, *args, context=None):
        return self._timer(round(when * 1e6), callback, args, context)

    def _timer(self, us, callback, args, context):
        self._check_closed()
        timer = _Timer(us, self._timers_created, callback, args, self, context)
        self._timers_created += 1
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def block(self, seconds):
        """time.sleep inside the running task: the clock moves, nothing runs."""
        self.now_us += max(0, round(seconds * 1e6))


def run_program(source):
    """Runs one exported program on a fresh virtual loop; its report."""
    namespace = {"__name__": "exported_pipeline"}
    exec(compile(source, "<exported>", "exec"), namespace)
    log = namespace["Log"]()
    loop = VirtualLoop()
    loop.set_exception_handler(lambda loop, context: None)
    real_sleep = time.sleep
    time.sleep = loop.block
    outcome = "completed"
    try:
        loop.run_until_complete(namespace["pipeline"](log, 1.0))
    except Deadlock:
        outcome = "deadlock"
        # Close the stuck tasks' coroutines now, while time.sleep still
        # belongs to this loop, rather than whenever they are collected.
        for task in asyncio.all_tasks(loop):
            task._log_destroy_pending = False
            task.get_coro().close()
    finally:
        time.sleep = real_sleep
    report = log.report(outcome)
    report["virtual_end_us"] = loop.now_us
    return report


def main():
    if len(sys.argv) > 1:
        for path in sys.argv[1:]:
            with open(path, encoding="utf-8") as file:
                print(json.dumps(run_program(file.read())), flush=True)
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            report = run_program(json.loads(line))
        except Exception as error:  # reported to the comparing test
            report = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
