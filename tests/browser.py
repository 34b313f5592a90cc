"""Headless Chromium driven over the DevTools protocol on a pipe (no extra packages).

``--remote-debugging-pipe`` makes Chromium read protocol messages from fd 3 and write its
answers to fd 4, each a JSON object ended by a NUL byte: no port, no websocket library, no
Playwright download. Every wait is bounded; the browser is killed if it does not stop.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Where Debian's ``chromium`` package puts the browser; WOBTRACK_CHROMIUM overrides.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    """The Chromium executable, or None when none is installed."""
    configured = os.environ.get("WOBTRACK_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


class BrowserError(Exception):
    """Chromium did not answer in time, or answered with a protocol error."""


@dataclass
class PageVisit:
    """What a page did while it loaded and what a script read from it afterwards."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    probe: Any = None
    screenshot: bytes = b""


class Chromium:
    """One headless browser; use as a context manager."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="wobtrack-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Two pipes take the lowest free descriptors, so 3 and 4 are open in this process
        # and subprocess's own error pipe cannot land on them in the child.

        def wire_pipes() -> None:  # runs in the child before exec
            reader, writer = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        self._process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",  # root in CI containers; the page is our own file
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--mute-audio",
                f"--user-data-dir={self._profile.name}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes,
            pass_fds=(3, 4),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit; kill it if it does not within a few seconds."""
        try:
            if self._process.poll() is None:
                self._send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=5)
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._profile.cleanup()

    # ------------------------------------------------------------------ protocol

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Send a command and return its result; events seen meanwhile are kept."""
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self._events.append(message)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """The first event ``method`` of ``session`` (already received or still to come)."""
        deadline = time.monotonic() + self.timeout
        seen = 0
        while True:
            for event in self._events[seen:]:
                if event["method"] == method and event.get("sessionId") == session:
                    return event
            seen = len(self._events)
            message = self._read_message(deadline)
            if "method" in message:
                self._events.append(message)

    # ------------------------------------------------------------------ one page

    def visit(
        self, url: str, *, width: int, height: int, mobile: bool = False, probe: str = "null"
    ) -> PageVisit:
        """Load ``url`` in a new tab of this size, run the ``probe`` expression on it and
        take a full-page PNG screenshot. Collects console errors, uncaught exceptions,
        failed loads and every request the page made."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            session=session,
        )
        first_event = len(self._events)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        result = self.call(
            "Runtime.evaluate",
            {"expression": probe, "returnByValue": True, "awaitPromise": True},
            session=session,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"probe failed: {result['exceptionDetails']}")
        metrics = self.call("Page.getLayoutMetrics", session=session)
        size = metrics["cssContentSize"]
        shot = self.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": width,
                    "height": size["height"],
                    "scale": 1,
                },
            },
            session=session,
        )
        visit = PageVisit(probe=result["result"].get("value"))
        visit.screenshot = base64.b64decode(shot["data"])
        for event in self._events[first_event:]:
            if event.get("sessionId") != session:
                continue
            params = event["params"]
            if event["method"] == "Runtime.consoleAPICalled" and params["type"] in (
                "error",
                "assert",
            ):
                visit.console_errors.append(
                    " ".join(
                        str(arg.get("value", arg.get("description"))) for arg in params["args"]
                    )
                )
            elif event["method"] == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                thrown = details.get("exception", {}).get("description")
                visit.console_errors.append(thrown or details.get("text", "exception"))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                visit.console_errors.append(params["entry"]["text"])
            elif event["method"] == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
        self.call("Target.closeTarget", {"targetId": target})
        return visit
