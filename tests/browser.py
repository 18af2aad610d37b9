"""Drive headless Chromium (Debian ``chromium`` + ``chromium-driver``) on local pages, network blocked.

Every request the page makes is recorded from Chrome's performance log (``Network.requestWillBeSent``)
and every URL is blocked with ``Network.setBlockedURLs``, so a page that needs the network fails visibly.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--window-size=1400,900",
)


def find_binaries() -> tuple[str, str] | None:
    """Paths of chromium and chromedriver, or None when either is missing."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@dataclass
class PageLog:
    """What happened while a page was open: requests, blocked requests and console messages."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # request ids of requests that failed (blocked)
    console: list[dict[str, Any]] = field(default_factory=list)

    def outside_requests(self, page_url: str) -> list[str]:
        """Requests other than the page itself and data:/about: URLs."""
        return [
            u
            for u in self.requests
            if u != page_url and not u.startswith(("data:", "about:", "chrome-error:"))
        ]

    def errors(self) -> list[dict[str, Any]]:
        return [m for m in self.console if m.get("level") == "SEVERE"]


class Browser:
    """One headless Chromium session (selenium 4) with network blocking and request logging."""

    def __init__(self, width: int = 1400, height: int = 900) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        found = find_binaries()
        if found is None:
            raise RuntimeError(
                "chromium or chromedriver not found (apt-get install -y chromium chromium-driver)"
            )
        chromium, driver = found
        self._profile = tempfile.mkdtemp(prefix="lineage-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--window-size={width},{height}")
        options.add_argument(f"--user-data-dir={self._profile}")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(driver), options=options)
        # The page itself is width × height (the window's own frame would otherwise take ~140 px of it).
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*://*/*", "http*", "ws*", "ftp*"]})

    def open(self, path: Path, *, wait_drawn: float = 20.0) -> PageLog:
        """Load a local file, wait until the lineage graph is drawn, return what the page did."""
        from selenium.webdriver.support.ui import WebDriverWait

        self.drain()
        self.driver.get(path.resolve().as_uri())
        WebDriverWait(self.driver, wait_drawn).until(
            lambda d: d.execute_script("return !!(window.lineage && window.lineage.state.drawn)")
        )
        return self.drain()

    def drain(self) -> PageLog:
        """Read (and clear) the performance and console logs collected since the last call."""
        log = PageLog()
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                log.requests.append(message["params"]["request"]["url"])
            elif message.get("method") == "Network.loadingFailed":
                log.failed.append(message["params"].get("requestId", ""))
        log.console = self.driver.get_log("browser")
        return log

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)


@contextmanager
def browser(**kwargs: Any) -> Iterator[Browser]:
    b = Browser(**kwargs)
    try:
        yield b
    finally:
        b.close()


def chromium_with_hooks(hooks: str) -> Iterator[Browser]:
    """A Browser whose pages first run ``hooks`` (e.g. alert counters); fail under CI, skip locally
    when Chromium or ChromeDriver is missing. Use as the body of a pytest fixture (``yield from``)."""
    import pytest

    if find_binaries() is None:
        reason = "chromium/chromedriver not installed (apt-get install -y chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    b = Browser()
    b.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": hooks})
    try:
        yield b
    finally:
        b.close()
