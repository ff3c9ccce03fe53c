"""The worker's child process: cleaning and extraction run there, so a time limit can stop them.

- Started with multiprocessing's "spawn": a fresh interpreter, not a fork of the worker (which
  runs a recovery thread, holds a database connection and locks; forking it copied them).
- It never touches the database and imports no Django: it receives text, returns plain data.
- It dies with its worker: on Linux the kernel kills it when the worker dies
  (`prctl(PR_SET_PDEATHSIG, SIGKILL)`), and a watch thread ends it whenever its parent
  changes (other systems, or a worker killed before the prctl took effect).
- It stays up between articles (spaCy is loaded once in it); when a call runs over its time
  limit the worker kills it and starts a new one for the next call.
- `Child.start(preload=model)` starts it before any work and has it load the model at once,
  while the worker sets itself up and claims its first articles (the worker's start-up and
  the model's loading overlap instead of adding up). The first call waits for that loading
  (within LOAD_TIMEOUT, not within the call's own time limit).

`Child.call("clean" | "extract", ...)` and `Child.stream("extract_many", ...)` are the
worker's side; `_serve` the child's.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback

PR_SET_PDEATHSIG = 1
# Seconds a child may take to load the spaCy model (not counted in any call's time limit).
LOAD_TIMEOUT = 600


class ChildTimeout(Exception):
    """The call ran over its time limit; the child was stopped."""


class ChildFailed(Exception):
    """The call raised in the child (its text is the child's traceback), or the child ended
    without an answer."""


class Child:
    """One child process, started on first use and again after it was stopped."""

    def __init__(self):
        self.process = None
        self.connection = None
        self.preload = None  # the model each child started loads at once (see start)
        self.loading = False  # the child's "ready" after preloading is not read yet

    def start(self, *, preload: str | None = None) -> None:
        """Start the child now (unless it runs) and have it load the spaCy model `preload`
        straight away, and again in every child started after a time-out."""
        self.preload = preload
        if self.process is None or not self.process.is_alive():
            self._start()

    def _ready(self) -> None:
        """A running child that has finished preloading (started if need be)."""
        if self.process is None or not self.process.is_alive():
            self._start()
        if self.loading:
            try:
                if not self.connection.poll(LOAD_TIMEOUT):
                    self.stop()
                    raise ChildFailed(f"the child did not load its model in {LOAD_TIMEOUT} s")
                self.connection.recv()  # ("ready", None)
            except (EOFError, OSError) as exc:
                self.stop()
                raise ChildFailed(f"the child process ended while loading ({exc!r})") from exc
            self.loading = False

    def call(self, name: str, *args, timeout: float):
        """`name(*args)` in the child (see WORK); ChildTimeout after `timeout` seconds."""
        self._ready()
        try:
            self.connection.send((name, args))
            if not self.connection.poll(timeout):
                self.stop()
                raise ChildTimeout(name)
            outcome, value = self.connection.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self.stop()
            raise ChildFailed(f"the child process ended without an answer ({exc!r})") from exc
        if outcome != "ok":
            raise ChildFailed(value)
        return value

    def stream(self, name: str, *args, timeout: float):
        """Each answer of `name(*args)`, a generator in the child (see STREAMS), as it comes:
        ("ok", value) or ("error", traceback) per item; ChildTimeout when the next answer has
        not come within `timeout` seconds."""
        self._ready()
        try:
            self.connection.send((name, args))
            while True:
                if not self.connection.poll(timeout):
                    self.stop()
                    raise ChildTimeout(name)
                outcome, value = self.connection.recv()
                if outcome == "item":
                    yield value
                elif outcome == "ok":
                    return
                else:
                    raise ChildFailed(value)
        except (EOFError, OSError) as exc:
            self.stop()
            raise ChildFailed(f"the child process ended without an answer ({exc!r})") from exc
        except GeneratorExit:  # the caller stopped reading: the child's answers are unread
            self.stop()
            raise

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        parent_end, child_end = context.Pipe()
        self.process = context.Process(
            target=_serve,
            args=(child_end, os.getpid(), self.preload),
            name="parallax-child",
            daemon=True,
        )
        self.process.start()
        child_end.close()
        self.connection = parent_end
        self.loading = self.preload is not None

    def stop(self) -> None:
        """Kill the child (it holds nothing but memory) and forget it."""
        if self.process is not None:
            self.process.kill()
            self.process.join(timeout=5)
        if self.connection is not None:
            self.connection.close()
        self.process = self.connection = None
        self.loading = False

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None


# --- the child's side -------------------------------------------------------------------------


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent_pid:  # the worker died before the prctl above
        os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _clean(raw: str, kind: str, url: str):
    from coverage_app.text.clean import cleaning

    return cleaning.clean(raw, kind=kind, url=url)


_WARM: set[str] = set()
WARM_UP_TEXT = 'The council met on Monday. "We will see," the mayor said.'


def _load(model: str) -> bool:
    """Load the model and warm extraction up (its word lists and models load on first use),
    once per child: what the extraction time limit does not count."""
    if model not in _WARM:
        _extract(WARM_UP_TEXT, None, model)
        _WARM.add(model)
    return True


def _extract(body: str, published, model: str):
    from coverage_app.text import nlp
    from coverage_app.text.extract import CHUNK_CHARS, extract, extract_long

    pipeline = nlp.load(model)
    with pipeline.memory_zone():
        if len(body) > CHUNK_CHARS:  # parsed in paragraph chunks, offsets kept
            return extract_long(pipeline, body, published=published)
        return extract(pipeline(body), published=published)


def _extract_many(items: list, model: str):
    """Extractions of short bodies [(body, published)...], spaCy parsing them as a batch; one
    ("ok", Extraction) or ("error", traceback) per body, in order, as each is done."""
    from coverage_app.text import nlp
    from coverage_app.text.extract import extract

    pipeline = nlp.load(model)
    with pipeline.memory_zone():
        docs = pipeline.pipe((body for body, _ in items), batch_size=PIPE_BATCH)
        for (_, published), doc in zip(items, docs, strict=True):
            try:
                yield ("ok", extract(doc, published=published))
            except Exception:  # noqa: BLE001 - this article fails, the others go on
                yield ("error", traceback.format_exc())


def _sleep(seconds: float) -> float:
    """For tests: a call that takes as long as asked."""
    time.sleep(seconds)
    return seconds


def _warm() -> list[str]:
    """For tests: the models this child has loaded and warmed up."""
    return sorted(_WARM)


WORK = {"clean": _clean, "load": _load, "extract": _extract, "sleep": _sleep, "warm": _warm}
STREAMS = {"extract_many": _extract_many}
# spaCy batch inside one stream: small enough that articles are stored as they finish.
PIPE_BATCH = 4


def _serve(connection, parent_pid: int, preload: str | None = None) -> None:
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the worker, which stops us
    if preload is not None:
        try:
            _load(preload)
        except Exception:  # noqa: BLE001 - the worker's own "load" call reports it
            pass
        connection.send(("ready", None))
    while True:
        try:
            name, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if name in STREAMS:
                for item in STREAMS[name](*args):
                    connection.send(("item", item))
                answer = ("ok", None)
            else:
                answer = ("ok", WORK[name](*args))
        except Exception:  # noqa: BLE001 - reported to the worker, which decides
            answer = ("error", traceback.format_exc())
        connection.send(answer)
