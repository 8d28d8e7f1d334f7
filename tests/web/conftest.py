"""Fixtures for the web UI: the app on a test client, a live server on a free loopback port, a corpus of
hand-built analyses (no model needed), and a headless Chromium driven through chromedriver."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'presslens[web]'")

#: Screenshots and page sources of the browser tests (gitignored).
ARTIFACTS = REPO / "artifacts" / "browser"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                  "--disable-extensions", "--disable-default-apps", "--mute-audio")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The app served by uvicorn in a thread on 127.0.0.1 (a real socket, as a browser needs)."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False, lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the test server on port {self.port} did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="session")
def live_server(analyzer) -> Iterator[Callable[..., LiveServer]]:
    """A factory of live servers sharing the session's analyzer; all are stopped at the end."""
    from presslens.web import WebConfig, create_app

    servers: list[LiveServer] = []

    def start(config: WebConfig | None = None) -> LiveServer:
        server = LiveServer(create_app(config or WebConfig(), analyzer=analyzer)).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()


def _browser_problem() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (it is in the test extra: pip install -e '.[test]')"
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return ("no Chromium on this machine: `make test` installs it as root with apt-get "
                "(scripts/install-browser.sh), or run `apt-get install chromium chromium-driver`")
    if not shutil.which("chromedriver"):
        return "no chromedriver on this machine: run `apt-get install chromium-driver` (make test does, as root)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session, with a fresh profile; skipped with the reason when there is none."""
    problem = _browser_problem()
    if problem:
        pytest.skip(problem)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    profile = tempfile.mkdtemp(prefix="presslens-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1600"):
        options.add_argument(flag)
    # An explicit driver path: Selenium Manager never runs, so nothing is downloaded.
    service = Service(executable_path=shutil.which("chromedriver") or "", log_output=os.devnull)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def save_artifacts(driver: object, name: str) -> Path:
    """A screenshot (and the page source) under artifacts/browser/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    (ARTIFACTS / f"{name}.html").write_text(driver.page_source, encoding="utf-8")  # type: ignore[attr-defined]
    return shot


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A corpus holding the ordinary articles and the hostile one (hand-built, stored with Corpus.add)."""
    from presslens.corpus import Corpus
    from tests.web.pages import hostile, ordinary

    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with Corpus(path) as corpus:
        for analysis in [*ordinary(), hostile()]:
            assert corpus.add(analysis).status == "stored"
    return path


@pytest.fixture
def client_for():
    """A factory of test clients (the app as a browser on this machine would reach it)."""
    from fastapi.testclient import TestClient

    from presslens.web import WebConfig, create_app

    clients = []

    def make(config: WebConfig | None = None, **kwargs: object) -> TestClient:
        client = TestClient(create_app(config or WebConfig(), **kwargs), base_url="http://127.0.0.1:8000")
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(client_for, corpus_db):
    """A read-only client over the test corpus."""
    from presslens.web import WebConfig

    return client_for(WebConfig(db=corpus_db))
