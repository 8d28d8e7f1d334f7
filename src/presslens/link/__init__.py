"""Linking articles: near-copies (MinHash), quote variants (shared word runs), stories (TF-IDF
clustering).

Everything here works on plain strings and numpy arrays, so it runs the same on the
articles of the store, on a directory of evaluation data and in unit tests.
"""

from __future__ import annotations
