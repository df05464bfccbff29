"""Insert each question's `asks` into the bank files, right after its `text:` line.

    python benchmarks/apply_asks.py [--mapping FILE] [--dry-run] [BANK.yaml ...]

The mapping (default question_banks/drafts/asks-general.yaml) is a YAML mapping from question id
to its asks list (``failure-01: [failure_event, own_part, learning]``). Banks default to
question_banks/ja/*.yaml. The files are edited as text, so comments, quoting and layout stay as
they are; a question that already has an `asks:` line gets it replaced. Every ask must be in the
vocabulary (coach.domain.ASKS) and every id must exist; otherwise nothing is written.
Prints how many questions got asks and which bank questions the mapping does not cover.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.domain import ASKS  # noqa: E402

_ID = re.compile(r"^(?P<indent>\s*)-\s+id:\s*(?P<id>[a-z0-9-]+)\s*$")
_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>[a-z_]+):(?P<rest>.*)$")


def load_mapping(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: a mapping from question id to a list of asks is needed")
    out: dict[str, list[str]] = {}
    for qid, asks in data.items():
        if not isinstance(asks, list) or not asks:
            raise SystemExit(f"{path}: {qid}: a non-empty list of asks is needed")
        unknown = [a for a in asks if a not in ASKS]
        if unknown:
            raise SystemExit(f"{path}: {qid}: unknown asks {unknown} (use: {', '.join(ASKS)})")
        out[str(qid)] = list(dict.fromkeys(str(a) for a in asks))  # [reason, reason] is one ask
    return out


def apply(text: str, mapping: dict[str, list[str]]) -> tuple[str, list[str], list[str]]:
    """The bank text with asks inserted; (new text, ids given asks, ids in the file without)."""
    lines = text.split("\n")
    out: list[str] = []
    done: list[str] = []
    left: list[str] = []
    current: str | None = None
    field_indent = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _ID.match(line)
        if m:
            current = m.group("id")
            field_indent = m.group("indent") + "  "
            if current not in mapping:
                left.append(current)
            out.append(line)
            i += 1
            continue
        key = _KEY.match(line)
        if current in mapping and key and key.group("indent") == field_indent:
            if key.group("key") == "asks":
                i += 1  # replaced below, after text:
                continue
            if key.group("key") == "text":
                out.append(line)
                i += 1
                if key.group("rest").strip() in ("|", "|-", ">", ">-", "|+", ">+"):
                    # a block scalar: its lines are indented deeper than the key
                    while i < len(lines) and (
                        not lines[i].strip()
                        or len(lines[i]) - len(lines[i].lstrip()) > len(field_indent)
                    ):
                        out.append(lines[i])
                        i += 1
                out.append(f"{field_indent}asks: [{', '.join(mapping[current])}]")
                done.append(current)
                continue
        out.append(line)
        i += 1
    return "\n".join(out), done, left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mapping", type=Path, default=ROOT / "question_banks" / "drafts" / "asks-general.yaml"
    )
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument("banks", nargs="*", type=Path)
    args = parser.parse_args()
    mapping = load_mapping(args.mapping)
    banks = args.banks or sorted((ROOT / "question_banks" / "ja").glob("*.yaml"))
    results = []
    found: set[str] = set()
    for path in banks:
        new, done, left = apply(path.read_text(encoding="utf-8"), mapping)
        found.update(done)
        results.append((path, new, done, left))
    unknown = sorted(set(mapping) - found)
    if unknown and not args.banks:  # a mapping id no built-in bank has: a typo
        raise SystemExit(f"ids in the mapping that no bank has: {', '.join(unknown)}")
    for path, new, done, left in results:
        if not args.dry_run:
            path.write_text(new, encoding="utf-8")
        note = f"; without asks: {', '.join(left)}" if left else ""
        print(f"{path.name}: {len(done)} questions{note}")


if __name__ == "__main__":
    main()
