"""Ingesting inputs into the store: read, skip what is known, analyse in parallel, write in batches.

The main process reads inputs (cheap) and skips any whose URL or exact input
is already stored; the rest go in batches to worker processes, which parse,
analyse and fingerprint them and return plain records
(:class:`~presslens.store.PreparedArticle` or
:class:`~presslens.records.Failure`, never spaCy objects). The main process
writes each batch in one transaction, so a crash loses at most the batches in
flight, and a rerun redoes exactly those.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from presslens.analyzer import Analyzer
from presslens.config import Settings
from presslens.corpus.results import IngestReport
from presslens.errors import InputError
from presslens.ingest.documents import RawDocument, count_documents, discover_documents, to_article
from presslens.link.minhash import MinHasher
from presslens.records import Analysis, Article, Failure
from presslens.store.keys import content_hash, raw_hash, url_key
from presslens.store.sqlite import PreparedArticle, Store, WriteResult

__all__ = ["IngestProgress", "add_analysis", "ingest", "prepare_batch"]


@dataclass(slots=True)
class IngestProgress:
    """Counts so far, passed to the progress callback after every batch."""

    total: int
    done: int = 0
    stored: int = 0
    copies: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


# -- worker side ------------------------------------------------------------------

_WORKER: tuple[Analyzer, MinHasher] | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = (Analyzer(settings), MinHasher())


def prepare_batch(batch: list[tuple[RawDocument, str]]) -> list[PreparedArticle | Failure]:
    """Parse, analyse and fingerprint raw documents (with their raw hashes): runs in a worker."""
    if _WORKER is None:
        _init_worker(Settings.from_env())
    assert _WORKER is not None
    analyzer, hasher = _WORKER
    articles: list[Article | Failure] = []
    for raw, _ in batch:
        try:
            articles.append(to_article(raw))
        except InputError as e:
            articles.append(Failure(raw.source, e.detail, type(e).__name__))
        except Exception as e:  # an extractor bug on one page must not sink the batch: reported, never hidden
            articles.append(Failure(raw.source, f"could not be parsed: {type(e).__name__}: {e}", type(e).__name__))
    out: list[PreparedArticle | Failure] = []
    for (_, raw_key), result in zip(batch, analyzer.analyze_many(articles), strict=True):
        if isinstance(result, Failure):
            out.append(result)
        else:
            out.append(_prepared(result, raw_key, hasher))
    return out


def _prepared(analysis: Analysis, raw_key: str | None, hasher: MinHasher) -> PreparedArticle:
    article = analysis.article
    signature = hasher.signature(article.body)
    return PreparedArticle(analysis, content_hash(article), url_key(article.url), raw_key,
                           signature.astype(np.uint32).tobytes(), len(hasher.shingles(article.body)))


# -- main process -------------------------------------------------------------------


def add_analysis(store: Store, analysis: Analysis, *, raw_key: str | None = None) -> WriteResult:
    """Store one article analysed elsewhere (the web UI's "store" on paste) with the same keys and
    near-copy check as ingest; a duplicate is reported, not stored again."""
    prepared = _prepared(analysis, raw_key, store.hasher)
    with store.transaction():
        return store.add(prepared)


def ingest(store: Store, paths: Iterable[str | os.PathLike[str]], *, workers: int = 1,
           settings: Settings | None = None, on_progress: Callable[[IngestProgress], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> IngestReport:
    """Read, analyse and store every article under ``paths``; see the module docstring."""
    settings = settings or Settings.from_env()
    paths = list(paths)
    started = time.perf_counter()
    progress = IngestProgress(total=count_documents(paths, settings))
    if on_start:
        on_start(progress.total)
    pending_failures: list[Failure] = []
    batches = _new_batches(store, discover_documents(paths, settings), settings.batch_size, progress,
                           pending_failures)
    for results in _prepared_batches(batches, workers, settings):
        with store.transaction():
            for failure in pending_failures:
                store.record_failure(failure)
            pending_failures.clear()
            for result in results:
                _write(store, result, progress)
        progress.done += len(results)
        if on_progress:
            on_progress(progress)
    if pending_failures:
        with store.transaction():
            for failure in pending_failures:
                store.record_failure(failure)
        pending_failures.clear()
    if on_progress:
        on_progress(progress)
    return IngestReport(progress.stored, progress.copies, tuple(progress.duplicates), tuple(progress.failures),
                        round(time.perf_counter() - started, 3))


def _write(store: Store, result: PreparedArticle | Failure, progress: IngestProgress) -> None:
    if isinstance(result, Failure):
        store.record_failure(result)
        progress.failures.append(result)
        return
    written = store.add(result)
    if written.status == "duplicate":
        progress.duplicates.append((result.analysis.article.source or "?", written.reason))
        return
    progress.stored += 1
    progress.copies += written.copy_of is not None


def _new_batches(store: Store, items: Iterator[RawDocument | Failure], size: int, progress: IngestProgress,
                 failures: list[Failure]) -> Iterator[list[tuple[RawDocument, str]]]:
    """Batches of raw documents the store does not have yet; known ones and read failures are counted here."""
    seen_urls: set[str] = set()
    seen_raw: set[str] = set()
    batch: list[tuple[RawDocument, str]] = []
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
            progress.failures.append(item)
            progress.done += 1
            continue
        key = raw_hash(item.content, format=item.format, url=item.url)
        link = url_key(item.url)
        known = store.known(url_key=link, raw_hash=key)
        if known is None and key in seen_raw:
            known = (0, "same input as one earlier in this run")
        elif known is None and link is not None and link in seen_urls:
            known = (0, "same URL as an input earlier in this run")
        if known is not None:
            why = known[1] if not known[0] else f"{known[1]} as article {known[0]}"
            progress.duplicates.append((item.source, why))
            progress.done += 1
            store.forget_failure(item.source)
            continue
        seen_raw.add(key)
        if link is not None:
            seen_urls.add(link)
        batch.append((item, key))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _prepared_batches(batches: Iterator[list[tuple[RawDocument, str]]], workers: int,
                      settings: Settings) -> Iterator[list[PreparedArticle | Failure]]:
    """Results batch by batch, in input order; with ``workers > 1`` from a pool of processes, at most a few
    batches per worker in flight so memory stays bounded."""
    if workers <= 1:
        _init_worker(settings)
        for batch in batches:
            yield prepare_batch(batch)
        return
    # spawn, not fork: the parent may hold threads (the progress display) and an open database.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings,)) as pool:
        in_flight: deque[Future[list[PreparedArticle | Failure]]] = deque()
        for batch in batches:
            in_flight.append(pool.submit(prepare_batch, batch))
            while len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()

