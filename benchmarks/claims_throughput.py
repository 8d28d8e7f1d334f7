"""Throughput of presslens's analysis, with and without the claims component, against bare en_core_web_sm.

Usage: python benchmarks/claims_throughput.py [TEXT_DIR] [--rounds N] [--claims-mode fast|accurate] [--limit N]

TEXT_DIR defaults to ../shared/data/polnear/dev/text. All three pipelines run in the same process,
interleaved round by round, so a busy machine slows them alike; the best round of each is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from presslens.analyzer import Analyzer
from presslens.config import Settings
from presslens.nlp.pipeline import build_pipeline, load_model
from presslens.records import Article


def main() -> None:
    shared = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
    parser = argparse.ArgumentParser()
    parser.add_argument("texts", nargs="?", type=Path, default=shared / "data" / "polnear" / "dev" / "text")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--claims-mode", default="fast", choices=["fast", "accurate"])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))][:args.limit]
    words = sum(len(t.split()) for t in texts)
    bare = load_model()
    full = Analyzer(nlp=build_pipeline(Settings.from_env(claims_mode=args.claims_mode)))
    # The same pipeline as build_pipeline() builds, minus the claims component.
    without = Analyzer(nlp=load_model())
    without.nlp.add_pipe("presslens_paragraphs", before="parser")
    for name in ("presslens_attribution", "presslens_speakers", "presslens_voice"):
        without.nlp.add_pipe(name)
    articles = [Article(body=t) for t in texts]
    runs = {
        "bare en_core_web_sm nlp.pipe": lambda: list(bare.pipe(texts, batch_size=16)),
        "presslens analysis without claims": lambda: list(without.analyze_many(articles)),
        f"presslens analysis (with claims, {args.claims_mode})": lambda: list(full.analyze_many(articles)),
    }
    for run in runs.values():  # warm-up
        run()
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(args.rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    reference = best["bare en_core_web_sm nlp.pipe"]
    report = {name: {"seconds": round(s, 2), "words_per_s": round(words / s),
                     "ms_per_doc": round(1000 * s / len(texts), 1), "ratio_to_bare": round(reference / s, 3)}
              for name, s in best.items()}
    print(json.dumps({"docs": len(texts), "words": words, "rounds": args.rounds, "results": report}, indent=2))


if __name__ == "__main__":
    main()
