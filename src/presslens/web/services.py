"""What the routes share: the server's configuration, one analyzer, and the corpus.

The analyzer's spaCy pipeline is built once and used by one request at a
time (a lock: spaCy makes no promise about concurrent calls, and the work is
CPU-bound under the GIL anyway). SQLite connections belong to the thread
that opened them, so each worker thread opens its own :class:`Corpus` on
first use and keeps it; WAL mode lets them read side by side.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from presslens.analyzer import Analyzer
from presslens.config import Settings
from presslens.corpus import Corpus
from presslens.errors import EmptyInputError
from presslens.ingest import article_from_string
from presslens.records import Analysis
from presslens.store.location import resolve_db_path
from presslens.web.security import LOOPBACK_HOSTS, is_loopback

__all__ = ["DEFAULT_MAX_BODY", "Services", "WebConfig"]

#: Largest request body accepted, in bytes: a pasted article at presslens's 500,000-character limit,
#: form-encoded, or a large HTML page.
DEFAULT_MAX_BODY = 4_000_000


@dataclass(frozen=True, slots=True)
class WebConfig:
    """How ``presslens serve`` runs.

    ``db`` is the corpus file (``None``: ``PRESSLENS_DB`` or the per-user
    default). Nothing is written unless ``allow_writes``. ``allowed_hosts``
    are the names the server answers to; ``None`` means the loopback names when
    ``host`` is a loopback address, and any name otherwise.
    """

    db: Path | None = None
    allow_writes: bool = False
    max_body: int = DEFAULT_MAX_BODY
    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] | None = None

    def hosts(self) -> tuple[str, ...] | None:
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        return tuple(sorted(LOOPBACK_HOSTS)) if is_loopback(self.host) else None


class Services:
    """The analyzer and the corpus, as the routes use them."""

    def __init__(self, config: WebConfig, *, analyzer: Analyzer | None = None,
                 settings: Settings | None = None) -> None:
        self.config = config
        self.settings = settings or (analyzer.settings if analyzer else Settings.from_env())
        self._analyzer = analyzer
        self._analyzer_lock = threading.Lock()
        self._local = threading.local()
        self.db_path = resolve_db_path(config.db)

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(self.settings)
        return self._analyzer

    def warm_up(self) -> None:
        """Load the spaCy pipeline now rather than on the first request."""
        with self._analyzer_lock:
            self.analyzer.nlp  # noqa: B018 (loading is the point)

    def analyze(self, text: str, *, format: str = "auto", source: str = "<paste>", **fields: object) -> Analysis:
        """Analyse pasted text or HTML (raises :class:`~presslens.errors.InputError` for unusable input)."""
        if not text.strip():
            raise EmptyInputError(source, "nothing pasted: paste an article's text or HTML")
        article = article_from_string(text, source=source, format=format,
                                      **{k: v for k, v in fields.items() if v})
        with self._analyzer_lock:
            return self.analyzer.analyze(article)

    @property
    def has_corpus(self) -> bool:
        return self.config.allow_writes or self.db_path.exists()

    def corpus(self) -> Corpus:
        """This thread's connection to the corpus (raises :class:`~presslens.errors.StoreError` when there is
        none and the server may not create one)."""
        corpus: Corpus | None = getattr(self._local, "corpus", None)
        if corpus is None:
            corpus = Corpus(self.db_path, create=self.config.allow_writes, settings=self.settings)
            self._local.corpus = corpus
        return corpus
