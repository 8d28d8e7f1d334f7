"""Throughput of presslens's whole analysis, with and without the technique component, against bare
en_core_web_sm ``nlp.pipe`` on the same texts, in the same run.

    python benchmarks/techniques_throughput.py [TEXT_DIR] [--rounds N]

TEXT_DIR defaults to ../shared/data/polnear/dev/text. Each round times the three set-ups one after the
other (a warm-up pass first), and the medians of the words-per-second rates are reported, with their ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import spacy

from presslens import Analyzer, Article
from presslens.config import DEFAULT_MODELS
from presslens.nlp.pipeline import build_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", default=str(Path(__file__).resolve().parents[1].parent
                                                         / "shared/data/polnear/dev/text"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.texts).glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    bare = next(spacy.load(name) for name in DEFAULT_MODELS if spacy.util.is_package(name))
    full = Analyzer(nlp=build_pipeline())
    without = Analyzer(nlp=build_pipeline())
    without_nlp = without.nlp

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=16):
            pass

    def run_full() -> None:
        for _ in full.analyze_many(Article(body=t) for t in texts):
            pass

    def run_without() -> None:
        with without_nlp.select_pipes(disable=["presslens_techniques"]):
            for _ in without.analyze_many(Article(body=t) for t in texts):
                pass

    setups = {"bare en_core_web_sm": run_bare, "presslens without techniques": run_without,
              "presslens (default, with techniques)": run_full}
    for run in setups.values():  # warm-up: loads the technique model, fills caches
        run()
    rates: dict[str, list[float]] = {name: [] for name in setups}
    for _ in range(args.rounds):
        for name, run in setups.items():
            began = time.perf_counter()
            run()
            rates[name].append(words / (time.perf_counter() - began))
    medians = {name: statistics.median(r) for name, r in rates.items()}
    reference = medians["bare en_core_web_sm"]
    print(json.dumps({
        "texts": len(texts), "words": words, "rounds": args.rounds,
        "words_per_second": {name: round(v) for name, v in medians.items()},
        "spread": {name: [round(min(r)), round(max(r))] for name, r in rates.items()},
        "ratio_to_bare": {name: round(v / reference, 3) for name, v in medians.items()},
    }, indent=2))


if __name__ == "__main__":
    main()
