"""Convert the CAMEO/PLOVER reference files into Tacitus's own data files.

Reads (paths relative to the repository root, overridable on the command line):

- ``../shared/reference/cameo/CAMEO.2.0.txt``: the PETRARCH CAMEO verb-pattern dictionary (MIT);
- ``../shared/reference/cameo/CAMEO.goldsteinscale.txt``: GDELT's CAMEO -> Goldstein table;
- ``../shared/reference/plover/CAMEO2PLOVER-2021.txt``: CAMEO -> PLOVER 0.8 table (CC BY-SA 4.0).

Writes ``src/tacitus/data/cameo/verbs.json`` (verb lemma -> block and default code; object /
preposition / subject-word patterns per block) and ``codes.json`` (every CAMEO code -> name,
PLOVER type/mode/context, Goldstein, QuadClass), plus licence notices beside them.

Decisions (also in ``src/tacitus/data/cameo/README.md``):

- PLOVER type comes from the CAMEO *root*, using the root headers of the 2021 table ("19:
  ASSAULT"), because the table's detail lines move a few codes to another root's type
  (191/192 -> COERCE, 163 -> COERCE, 1712/175 -> ASSAULT) and the PLOVER README's own table maps
  whole roots (18, 19, 20 -> ASSAULT). Root 08 is split as PLOVER splits it: 080-083 CONCEDE,
  084-087 RETREAT. Mode and context come from the code's own line (or its nearest parent).
- CAMEO 01 (public statements) is dropped, as PLOVER drops it: the events stage emits nothing
  for it. CAMEO 02 (appeals) is mapped to PLOVER 0.8's REQUEST, which absorbed appeals; mode
  and context follow the matching 10x ("demand") line (021x appeal for cooperation -> 101x).
- QuadClass follows GDELT: roots 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4.

Run: ``.venv/bin/python tools/build_cameo_tables.py``.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
OUT = ROOT / "src" / "tacitus" / "data" / "cameo"

# Blocks the dictionary leaves without a default code although every verb in them has one
# meaning in the CAMEO codebook: "reject/refuse/spurn/rule out" is 120 (Reject).
BLOCK_DEFAULTS = {"REFUSE": "120"}

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")
_PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#?\s*(.*)$")
_PLOVER_ROOT = re.compile(r"^(\d{2}):\s*([A-Z]+)\s*$")


@dataclass
class Pattern:
    """One verb pattern: words before the verb, object words after it, prepositional groups."""

    code: str
    reverse: bool  # "[:110]": the code applies with source and target swapped
    pre: list[list[str]] = field(default_factory=list)  # each slot: alternative words
    post: list[list[str]] = field(default_factory=list)
    preps: list[list[list[str]]] = field(default_factory=list)  # [[prep], [alt], [alt], ...]


def _parse_code(raw: str) -> tuple[str | None, bool]:
    """``"072"`` -> ("072", False); ``":110"`` -> ("110", True); ``"---"`` -> (None, False)."""
    raw = raw.strip()
    if not raw or raw.startswith("---"):
        return None, False
    first, _, second = raw.partition(":")
    if first.strip():
        return first.strip(), False
    return (second.strip() or None), True


def _word(raw: str) -> str:
    # A trailing "_" marks an exact form in PETRARCH; underscores join multi-word items.
    return raw.strip("_").replace("_", " ").lower()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            break
        if not line.strip():
            current = None
            continue
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text.split()[0]
            synsets[current] = []
        elif text.startswith("+") and current is not None:
            synsets[current].append(_word(text[1:].split()[0]))
    return synsets


def _slot(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    if token in {"$", "+", "^", "%", "|"}:
        return None  # actor markers and skips: PETRARCH positions, not words
    if token.startswith("&"):
        if not synsets.get(token):
            raise KeyError(f"unknown synonym set {token}")
        return synsets[token]
    word = _word(token)
    return [word] if word else None


def parse_pattern(body: str, code: str, reverse: bool, synsets: dict[str, list[str]]) -> Pattern:
    pattern = Pattern(code=code, reverse=reverse)
    # Split into prepositional groups "(...)" and loose tokens; braces only group words.
    body = body.replace("{", " ").replace("}", " ")
    seen_verb = False
    for group, loose in re.findall(r"\(([^)]*)\)|(\S+)", body):
        if group:
            words = group.split()
            if not words:
                continue
            preps = [_word(p) for p in words[0].split("/")]
            slots = [s for s in (_slot(w, synsets) for w in words[1:]) if s]
            pattern.preps.append([preps, *slots])
            continue
        if loose == "*":
            seen_verb = True
            continue
        slot = _slot(loose, synsets)
        if slot:
            (pattern.post if seen_verb else pattern.pre).append(slot)
    return pattern


def read_verbs(lines: list[str], synsets: dict[str, list[str]]) -> dict[str, object]:
    verbs: dict[str, dict[str, object]] = {}
    blocks: dict[str, dict[str, object]] = {}
    block: str | None = None
    in_patterns = False
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if not in_patterns:
            continue
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if m := _BLOCK.match(text):
            block = m.group(1)
            default, reverse = _parse_code(m.group(2))
            default = default or BLOCK_DEFAULTS.get(block)
            blocks[block] = {"code": default, "reverse": reverse, "patterns": []}
            continue
        if block is None:
            continue
        code_match = _CODE.search(text)
        if text.startswith("-"):
            if not code_match:
                continue
            code, reverse = _parse_code(code_match.group(1))
            body = text[1 : code_match.start()]
            try:
                pattern = parse_pattern(body, code or "---", reverse, synsets)
            except KeyError:
                continue  # a pattern naming an undefined synonym set can never match
            blocks[block]["patterns"].append(asdict(pattern))  # type: ignore[attr-defined]
            continue
        # A verb line: VERB {FORMS} [code] or +MULTI_WORD {FORMS} [code]
        words = _CODE.sub(" ", _FORMS.sub(" ", text)).split()
        if not words:
            continue
        lemma = _word(words[0].lstrip("+"))
        if code_match:
            code, reverse = _parse_code(code_match.group(1))
            own: str | None = code or "---"
        else:
            own, reverse = None, False
        verbs.setdefault(lemma, {"block": block, "code": own, "reverse": reverse})
    return {"verbs": verbs, "blocks": blocks}


def read_goldstein(path: Path) -> dict[str, float]:
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split()
        if len(parts) == 2:
            table[parts[0]] = float(parts[1])
    return table


def read_plover(path: Path) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    """Root -> PLOVER type, and code -> {type, mode, context, name} from the 2021 table."""
    roots: dict[str, str] = {}
    codes: dict[str, dict[str, object]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("~"):
            continue
        if m := _PLOVER_ROOT.match(line):
            roots.setdefault(m.group(1), m.group(2))
            continue
        if m := _PLOVER_LINE.match(line):
            code, ptype, mode, context, name = m.groups()
            contexts = [c.strip() for c in context.split(";") if c.strip()]
            codes.setdefault(
                code,
                {
                    "type": ptype,
                    "mode": mode.strip() or None,
                    "context": contexts,
                    "name": name.strip(),
                },
            )
    return roots, codes


def quad_class(root: str) -> int:
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _parents(code: str) -> list[str]:
    return [code[:n] for n in range(len(code), 1, -1)]


def _plover_type(code: str, roots: dict[str, str], table: dict[str, dict[str, object]]) -> str:
    root = code[:2]
    if root == "02":
        return "REQUEST"
    if root == "08":
        # PLOVER splits CAMEO's YIELD: 080-083 are verbal (CONCEDE), 084-087 material (RETREAT).
        return "RETREAT" if code[:3] >= "084" or code in {"0813", "0814"} else "CONCEDE"
    return roots[root]


def _appeal_twin(code: str) -> str:
    """02x appeal -> the 10x demand with the same sub-structure (0211 -> 1011)."""
    return "10" + code[2:] if len(code) > 2 else "10"


def _name(code: str, table: dict[str, dict[str, object]], detail: dict[str, object]) -> str:
    if code in table:
        return str(table[code]["name"])
    name = str(detail.get("name") or "")
    if code.startswith("02"):
        # Named after its 10x twin: "Demand economic cooperation" -> "Appeal for economic ..."
        name = re.sub(r"^(Demand|REQUEST)( that)?", "Appeal for", name) or "Appeal"
    return name


def build_codes(
    goldstein: dict[str, float], roots: dict[str, str], table: dict[str, dict[str, object]]
) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for code in sorted(set(goldstein) | set(table)):
        root = code[:2]
        if root == "01" or not code.isdigit():
            continue  # statements: dropped (see module docstring)
        detail_key = _appeal_twin(code) if root == "02" else code
        detail: dict[str, object] = {}
        for parent in _parents(detail_key):
            if parent in table:
                detail = table[parent]
                break
        score = next((goldstein[p] for p in _parents(code) if p in goldstein), 0.0)
        out[code] = {
            "plover_type": _plover_type(code, roots, table),
            "mode": detail.get("mode"),
            "context": detail.get("context", []),
            "name": _name(code, table, detail),
            "goldstein": score,
            "quad_class": quad_class(root),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    cameo = args.reference / "cameo"
    lines = (cameo / "CAMEO.2.0.txt").read_text(encoding="latin-1").splitlines()
    synsets = read_synsets(lines)
    verbs = read_verbs(lines, synsets)
    roots, table = read_plover(args.reference / "plover" / "CAMEO2PLOVER-2021.txt")
    codes = build_codes(read_goldstein(cameo / "CAMEO.goldsteinscale.txt"), roots, table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "verbs.json").write_text(json.dumps(verbs, sort_keys=True) + "\n")
    (args.out / "codes.json").write_text(json.dumps(codes, indent=1, sort_keys=True) + "\n")
    print(f"{len(verbs['verbs'])} verbs, {len(codes)} codes -> {args.out}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
