"""What every trainer shares: hashing the training data, and writing the model card."""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from presslens.errors import DataFormatError

__all__ = ["check_hash", "data_hash", "write_card"]


def data_hash(files: Iterable[Path], root: Path) -> str:
    """SHA-256 over the given files' paths (relative to ``root``) and contents, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def check_hash(actual: str, pinned: str, data: Path, *, allow_other: bool) -> None:
    """Refuse to train on data other than the pinned set, unless ``allow_other``."""
    if actual != pinned and not allow_other:
        raise DataFormatError(
            f"{data}: the training data's hash is {actual[:16]}..., not the pinned {pinned[:16]}...; "
            "the shipped weights come from the pinned data. Pass --allow-other-data to train on it anyway."
        )



def write_card(directory: Path, card: dict[str, Any]) -> None:
    """Write ``card.json`` and a readable ``MODEL_CARD.md`` into ``directory``."""
    card = {**card, "trained_at": time.strftime("%Y-%m-%d"), "python": platform.python_version()}
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [f"# {card.get('name', directory.name)}", ""]
    for key, value in card.items():
        if key == "name":
            continue
        title = key.replace("_", " ").capitalize()
        if isinstance(value, dict | list):
            lines += [f"## {title}", "", "```json", json.dumps(value, indent=2, ensure_ascii=False), "```", ""]
        else:
            lines += [f"## {title}", "", str(value), ""]
    (directory / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")
