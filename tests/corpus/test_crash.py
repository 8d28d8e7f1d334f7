"""Crash safety, for real: start `presslens ingest` in a subprocess, SIGKILL it at random moments,
run it again, and check every input ends up stored exactly once in an intact database."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]

_PEOPLE = ["Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Novak", "Elif Sahin", "Femi Adeyemi", "Greta Lind", "Hugo Marin"]
_PLACES = ["Portvik", "Valdor", "Kestria", "Nordhaven", "Lisbon", "Tartu", "Oran", "Bergen", "Cork", "Split", "Ghent",
           "Malmo"]
_TOPICS = [("bridge", "the bridge will reopen before the summer"), ("school", "every child deserves a warm classroom"),
           ("budget", "this budget protects the poorest families"), ("hospital", "no ward will close this year"),
           ("port", "the port must stay open to fishing boats"), ("tram", "the tram line will be finished on time")]


def _articles(n: int) -> list[dict[str, str]]:
    rng = random.Random(1234)
    out = []
    for i in range(n):
        person, place = _PEOPLE[i % len(_PEOPLE)], _PLACES[i % len(_PLACES)]
        topic, quote = _TOPICS[i % len(_TOPICS)]
        figure = rng.randint(2, 900)
        out.append({
            "url": f"https://paper{i % 5}.example/{place.lower()}/{topic}/{i}",
            "title": f"{place} {topic} plan number {i} debated",
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}",
            "outlet": f"Paper {i % 5}",
            "text": (f"Officials in {place} met on day {i} to discuss the {topic}, which costs {figure} million.\n\n"
                     f"\"{quote.capitalize()}, and {figure} workers agree,\" {person} said after meeting {i}.\n\n"
                     f"Critics in {place} said the plan numbered {i} ignores {rng.choice(_PLACES)}."),
        })
    return out


def _ingest(inputs: Path, db: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "presslens", "ingest", str(inputs), "--db", str(db), "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _state(db: Path) -> dict[str, int]:
    """Attributions per stored URL, after checking the database and its indexes are sound and nothing is twice."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for fts in ("_fts_articles", "_fts_attributions"):
            connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        rows = connection.execute("SELECT ar.url, count(a.row_id) FROM articles ar "
                                  "LEFT JOIN attributions a ON a.article_id = ar.id GROUP BY ar.id").fetchall()
        twice = connection.execute("SELECT count(*) FROM (SELECT article_id, id FROM attributions "
                                   "GROUP BY article_id, id HAVING count(*) > 1)").fetchone()[0]
        assert twice == 0
        fts_rows = connection.execute("SELECT count(*) FROM _fts_articles").fetchone()[0]
    finally:
        connection.close()
    urls = [url for url, _ in rows]
    assert len(urls) == len(set(urls)), "an article was stored twice"
    assert fts_rows == len(rows)
    return dict(rows)


def _timed_run(inputs: Path, db: Path) -> float:
    started = time.monotonic()
    process = _ingest(inputs, db)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()
    return time.monotonic() - started


def test_sigkill_at_random_moments_then_rerun_stores_everything_once(tmp_path):
    articles = _articles(160)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "a.jsonl").write_text("\n".join(json.dumps(a) for a in articles[:100]) + "\n", encoding="utf-8")
    (inputs / "b.jsonl").write_text("\n".join(json.dumps(a) for a in articles[100:]) + "\n", encoding="utf-8")
    one = tmp_path / "one"
    one.mkdir()
    (one / "one.jsonl").write_text(json.dumps(articles[0]) + "\n", encoding="utf-8")

    # Reference: one uninterrupted run; and how long starting up takes (one article).
    duration = _timed_run(inputs, tmp_path / "reference.db")
    startup = _timed_run(one, tmp_path / "startup.db")
    reference = _state(tmp_path / "reference.db")
    assert len(reference) == len(articles)

    seed = int(os.environ.get("PRESSLENS_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    db = tmp_path / "crashed.db"
    kills: list[int] = []  # articles stored after each kill
    stored, tries = 0, 0
    # Kill at random moments until three kills have landed while articles were being stored (at most 15 tries).
    while sum(0 < n < len(articles) for n in kills) < 3 and tries < 15:
        tries += 1
        # A moment while this run still has work: during start-up, or in the share of the work left.
        left = startup + max(0.0, duration - startup) * (1 - stored / len(articles))
        process = _ingest(inputs, db, workers=2 if tries == 2 else 1)
        time.sleep(rng.uniform(0.3 * startup, 0.9 * left))
        finished = process.poll() is not None
        if not finished:
            os.killpg(process.pid, signal.SIGKILL)  # the ingest and its worker processes, at once
        process.communicate(timeout=60)
        if db.exists():
            partial = _state(db)
            for url, count in partial.items():  # whatever is stored is stored whole
                assert reference[url] == count, f"seed {seed}: {url} has {count} attributions, not {reference[url]}"
            stored = len(partial)
        if finished:  # too late: the run was done; start the job again from an empty database
            for path in tmp_path.glob("crashed.db*"):
                path.unlink()
            stored = 0
        else:
            kills.append(stored)
    assert sum(0 < n < len(articles) for n in kills) >= 2, f"seed {seed}: kills rarely landed mid-ingest ({kills})"

    final = _ingest(inputs, db)
    stdout, stderr = final.communicate(timeout=300)
    assert final.returncode == 0, stderr.decode()
    assert _state(db) == reference, f"seed {seed}, stored after each kill: {kills}"
    # Once more: nothing new.
    again = _ingest(inputs, db)
    stdout, _ = again.communicate(timeout=300)
    assert b"stored 0 article(s)" in stdout
    assert _state(db) == reference
