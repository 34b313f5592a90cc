"""Bounded work per file: run one file's extraction in a worker process with a time limit
and a memory limit, so that no PDF can hang wobtrack or take the machine's memory.

A hostile or broken PDF (a reference loop, a compression bomb, a page of millions of
operators) makes pdfminer spin or allocate without end, inside code we cannot interrupt. A
worker process can always be stopped: the parent kills it when its time is up, and the
kernel refuses its allocations beyond the memory limit (``RLIMIT_AS``). Either way the
caller gets one ``WobtrackError`` line naming the file, and the other files of a batch
are not affected.

- ``Limits``: how much time and memory one file may take; ``Limits.from_env()`` reads
  ``WOBTRACK_PDF_TIMEOUT``, ``WOBTRACK_PDF_PAGE_TIMEOUT`` and ``WOBTRACK_PDF_MEMORY_MB``.
- ``run_each(work, args, labels, jobs=, limits=)``: ``work(arg)`` for each arg in up to
  ``jobs`` workers at once (a worker takes one arg after another; one that runs out of
  time or memory, or dies, is replaced); each result or the one-line error of its file,
  in input order.
- ``run_bounded(work, arg, label=, limits=)``: the same for one call; raises the error.
- ``report_pages(count)``: called by the work once it knows the page count, which raises
  its time limit by the per-page allowance. ``extend_time(seconds)``: for a step that has
  its own time limit (OCR).

Inside a worker, ``run_bounded`` simply calls ``work`` (the enclosing worker's limits
already apply), so a batch worker that extracts a PDF does not start a second process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from wobtrack.errors import InvalidInput, UnreadableDocument, WobtrackError

A = TypeVar("A")
R = TypeVar("R")

#: Default limits. 60 s covers starting up and a short letter several times over; a page
#: takes about 0.2 s on average (``bench/bench_parse.py``), so a second per page leaves a
#: wide margin for heavy pages and a loaded machine while a 500-page bundle is still
#: stopped within ten minutes. 1 GB of memory is ten times what a long real letter needs.
DEFAULT_SECONDS = 60.0
DEFAULT_SECONDS_PER_PAGE = 1.0
DEFAULT_MEMORY_MB = 1024

ENV_SECONDS = "WOBTRACK_PDF_TIMEOUT"
ENV_SECONDS_PER_PAGE = "WOBTRACK_PDF_PAGE_TIMEOUT"
ENV_MEMORY_MB = "WOBTRACK_PDF_MEMORY_MB"

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost: ``seconds`` plus ``seconds_per_page`` once its page count
    is known, and ``memory_mb`` of memory (address space) beyond what the worker had when
    it started (about 80 MB: Python, pdfplumber and the parser)."""

    seconds: float = DEFAULT_SECONDS
    seconds_per_page: float = DEFAULT_SECONDS_PER_PAGE
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The limits set in the environment, the defaults for those not set; a value that
        is not a positive number is an ``InvalidInput``."""
        env = os.environ if environ is None else environ
        return cls(
            seconds=_env_number(env, ENV_SECONDS, DEFAULT_SECONDS),
            seconds_per_page=_env_number(
                env, ENV_SECONDS_PER_PAGE, DEFAULT_SECONDS_PER_PAGE, zero_ok=True
            ),
            memory_mb=int(_env_number(env, ENV_MEMORY_MB, DEFAULT_MEMORY_MB, whole=True)),
        )

    def seconds_for(self, pages: int) -> float:
        """The time limit of a file of ``pages`` pages."""
        return self.seconds + self.seconds_per_page * pages


def _env_number(
    env: Mapping[str, str], name: str, default: float, *, zero_ok: bool = False, whole: bool = False
) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(int(raw)) if whole else float(raw)
    except ValueError:
        value = float("nan")
    if not (value > 0 or (zero_ok and value == 0)) or value == float("inf"):
        unit = "a whole number of MB" if whole else "a number of seconds"
        lowest = "0 or more" if zero_ok else "above 0"
        raise InvalidInput(f"{name}={raw!r} is not valid: give {unit}, {lowest}, e.g. {default:g}")
    return value


# --- inside a worker -----------------------------------------------------------------------

#: The worker's end of the pipe to its parent; None outside a worker.
_to_parent: Connection | None = None


def in_worker() -> bool:
    """Whether this process is a bounded worker."""
    return _to_parent is not None


def report_pages(count: int) -> None:
    """Tell the parent the page count: the time limit becomes ``seconds_for(count)``."""
    if _to_parent is not None:
        _to_parent.send(("pages", count))


def extend_time(seconds: float) -> None:
    """Raise the time limit by ``seconds``, for a step with a time limit of its own (OCR)."""
    if _to_parent is not None:
        _to_parent.send(("extend", seconds))


def _worker_main(
    conn: Connection,
    work: Callable[[Any], Any],
    memory_mb: int,
    inherited: list[Connection],
    parent: int,
) -> None:
    """The worker: set the memory limit, then run ``work(arg)`` for each arg the parent
    sends and send each outcome back, until the parent sends None."""
    global _to_parent
    for other in inherited:  # other workers' pipes, copied by fork: not ours to hold open
        other.close()
    # Ctrl-C is the parent's to handle (it kills the workers); a worker that got it too
    # would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    _to_parent = conn
    _limit_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            break
        if task is None:
            break
        try:
            outcome = _run_one(work, task[0])
        except MemoryError:  # even receiving the argument did not fit
            outcome = ("memory", None)
        _send_outcome(conn, outcome)
    conn.close()
    # Leave without running the parent's atexit handlers or flushing its buffers (fork).
    os._exit(0)


def _run_one(work: Callable[[Any], Any], arg: Any) -> tuple[str, Any]:
    try:
        return ("ok", work(arg))
    except MemoryError:
        return ("memory", None)
    except WobtrackError as exc:
        return ("error", exc)
    except BaseException as exc:  # anything else is a bug: report it, do not hang the parent
        return ("crash", f"{type(exc).__name__}: {exc}")


def _send_outcome(conn: Connection, outcome: tuple[str, Any]) -> None:
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", None))
    except (EOFError, OSError):  # the parent is gone
        pass
    except Exception as exc:  # e.g. an exception that cannot be pickled
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker when its parent dies (even by SIGKILL),
    so that a worker spinning on a hostile PDF is never left behind."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the parent's own cleanup still applies
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _limit_memory(memory_mb: int) -> None:
    """Cap the address space at what the process has now plus ``memory_mb``."""
    try:
        import resource
    except ImportError:  # not on this platform: the time limit still applies
        return
    limit = _address_space() + memory_mb * _MB
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    # A platform that does not enforce RLIMIT_AS refuses it: the time limit still applies.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """The process's current address space (VmSize) in bytes; 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


# --- in the parent ---------------------------------------------------------------------------


@dataclass
class _Worker:
    """A worker process and the file it is working on (``index``; None while idle)."""

    process: Any  # multiprocessing.Process (BaseProcess in the typeshed)
    conn: Connection
    index: int | None = None
    started: float = 0.0
    deadline: float = 0.0
    #: The page count the work reported, and the time added for steps with their own limit.
    pages: int = 0
    extra: float = 0.0


def _context() -> Any:
    # fork: the worker starts in milliseconds with everything already imported (and with
    # the test suite's monkeypatches); elsewhere spawn, where work must be importable.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_bounded(work: Callable[[A], R], arg: A, *, label: str, limits: Limits) -> R:
    """``work(arg)`` in a bounded worker; raises the work's ``WobtrackError`` or, when a
    limit stops it, an ``UnreadableDocument`` whose message starts with ``label``."""
    if in_worker():
        return work(arg)
    (outcome,) = run_each(work, [arg], [label], jobs=1, limits=limits)
    if isinstance(outcome, WobtrackError):
        raise outcome
    return outcome


def run_each(
    work: Callable[[A], R],
    args: Sequence[A],
    labels: Sequence[str],
    *,
    jobs: int,
    limits: Limits,
    on_done: Callable[[int, R | WobtrackError], None] | None = None,
) -> list[R | WobtrackError]:
    """``work(arg)`` for every arg in up to ``jobs`` worker processes, each call with its
    own time limit, each worker with the memory limit.

    Returns, in input order, each result or the ``WobtrackError`` that ended it (raised by
    the work, or made here when the worker ran out of time or memory, or died). A worker
    that ran out of time or died is replaced; the others go on with the next args.
    ``on_done(index, outcome)`` is called as each one finishes. Workers still running when
    this is interrupted (Ctrl-C) are killed.
    """
    context = _context()
    outcomes: dict[int, R | WobtrackError] = {}
    queue = list(range(len(args)))
    queue.reverse()  # popped from the end: input order
    workers: list[_Worker] = []

    def start_worker() -> _Worker:
        ours, theirs = context.Pipe(duplex=True)
        inherited = [w.conn for w in workers] if context.get_start_method() == "fork" else []
        process = context.Process(
            target=_worker_main,
            args=(theirs, work, limits.memory_mb, inherited, os.getpid()),
            daemon=True,
        )
        process.start()
        theirs.close()  # only the worker holds its end: EOF reaches us when it dies
        return _Worker(process, ours)

    def assign(worker: _Worker, index: int) -> None:
        worker.index, worker.pages, worker.extra = index, 0, 0.0
        worker.started = time.monotonic()
        worker.deadline = worker.started + limits.seconds
        worker.conn.send((args[index],))

    def finish(worker: _Worker, outcome: R | WobtrackError, *, retire: bool) -> None:
        index = worker.index
        assert index is not None
        worker.index = None
        if retire:  # out of time, dead, or out of memory: start afresh for the next file
            _kill(worker)
            workers.remove(worker)
        outcomes[index] = outcome
        if on_done is not None:
            on_done(index, outcome)

    try:
        while queue or any(w.index is not None for w in workers):
            for worker in workers:
                if worker.index is None and queue:
                    assign(worker, queue.pop())
            while queue and len(workers) < max(1, jobs):
                workers.append(start_worker())
                assign(workers[-1], queue.pop())
            busy = [w for w in workers if w.index is not None]
            next_deadline = min(w.deadline for w in busy)
            wait([w.conn for w in busy], timeout=max(0.0, next_deadline - time.monotonic()))
            for worker in busy:
                label = labels[worker.index] if worker.index is not None else ""
                kind, outcome = _collect(worker, limits, label)
                if kind == "working" and time.monotonic() >= worker.deadline:
                    finish(worker, _timed_out(label, worker, limits), retire=True)
                elif kind != "working":
                    finish(worker, outcome, retire=kind in ("died", "memory"))
    finally:
        for worker in workers:  # done or interrupted: leave no worker behind
            _kill(worker)
    return [outcomes[i] for i in range(len(args))]


def _collect(worker: _Worker, limits: Limits, label: str) -> tuple[str, Any]:
    """Read what the worker sent: ``("working", None)`` while it works on, else the kind of
    its outcome ("ok", "error", "memory", "crash" or "died") and the outcome."""
    try:
        while worker.conn.poll():
            kind, value = worker.conn.recv()
            if kind == "pages":
                worker.pages = int(value)
            elif kind == "extend":
                worker.extra += float(value)
            else:
                return kind, _outcome(kind, value, label, limits)
            worker.deadline = worker.started + limits.seconds_for(worker.pages) + worker.extra
    except (EOFError, OSError):  # the pipe closed without an outcome: the worker died
        worker.process.join()
        return "died", _died(label, worker.process.exitcode, limits)
    return "working", None


def _outcome(kind: str, value: Any, label: str, limits: Limits) -> Any:
    if kind == "ok":
        return value
    if kind == "error":
        return value if isinstance(value, WobtrackError) else WobtrackError(f"{label}: {value}")
    if kind == "memory":
        return _out_of_memory(label, limits)
    return WobtrackError(
        _one_line(f"{label}: internal error while reading the PDF ({value}); please report "
                  f"this with the PDF")
    )  # fmt: skip


def _kill(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.conn.close()


def _timed_out(label: str, worker: _Worker, limits: Limits) -> UnreadableDocument:
    allowed = worker.deadline - worker.started
    return UnreadableDocument(
        f"{label}: reading the PDF took longer than {allowed:.3g} s and was stopped (a reference "
        f"loop or an extremely heavy page?); if the letter is genuine, allow more with "
        f"{ENV_SECONDS}=SECONDS (now {limits.seconds:g} s + {limits.seconds_per_page:g} s "
        f"per page)"
    )


def _out_of_memory(label: str, limits: Limits) -> UnreadableDocument:
    return UnreadableDocument(
        f"{label}: reading the PDF needed more than {limits.memory_mb} MB of memory and was "
        f"stopped (a compression bomb?); if the letter is genuine, allow more with "
        f"{ENV_MEMORY_MB}=MB"
    )


def _died(label: str, exitcode: int | None, limits: Limits) -> WobtrackError:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"killed by signal {-exitcode}"
    else:
        how = f"exit status {exitcode}"
    if exitcode == -signal.SIGABRT:
        # C code (PDFium) aborts when an allocation fails, and under the memory limit
        # that is the limit speaking (a compression bomb), not a damaged file.
        return _out_of_memory(label, limits)
    if exitcode == -signal.SIGKILL:
        # The kernel's out-of-memory killer sends SIGKILL too: name it as a possible cause.
        return WobtrackError(
            f"{label}: the process reading the PDF was {how} (out of memory? the limit is "
            f"{limits.memory_mb} MB, {ENV_MEMORY_MB}); try this file again on its own"
        )
    return WobtrackError(
        f"{label}: the process reading the PDF died ({how}); try this file again on its own, "
        f"and please report it with the PDF if it keeps failing"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
