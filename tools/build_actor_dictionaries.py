"""Convert the Phoenix (CAMEO) actor and agent dictionaries into Tacitus data files.

Reads the TABARI/PETRARCH-format dictionaries in ``../shared/reference/cameo`` and writes
``src/tacitus/data/actors/actors.json.gz``, which the ``actors`` stage loads. Run it from the
repository root::

    .venv/bin/python tools/build_actor_dictionaries.py [--reference DIR]

Format notes (what the converter understands):

* actor files: an entry starts with a name line (``ASHTON_CARTER``); ``+NAME`` lines add
  synonyms; ``[CODE]`` or ``[CODE FROM-TO]`` (``>FROM``, ``<TO``) give the codes, on the name
  line or on indented lines after it. Dates are ``YYYYMMDD`` or ``YYMMDD`` (two-digit years
  below 30 are 20xx, as in PETRARCH). ``_`` separates words; ``#`` starts a comment.
* agents file: ``NAME [~CODE]``, ``{PLURAL}`` or ``{}`` (no plural), and ``!SET!`` substitution
  sets declared as ``!SET! = A, B``. Regular plurals are generated here, as PETRARCH does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
OUT = Path(__file__).resolve().parent.parent / "src" / "tacitus" / "data" / "actors"

# People crime and local news name by age, kinship or circumstance ("a 13-year-old boy shot
# his brother"), which Phoenix lacks though it codes WOMAN, CHILD, GIRL and MOTHER as
# civilians: without them such a shooting has no participant and makes no event.
CIVILIAN_PERSONS: tuple[str, ...] = (
    "BOY", "BOYS", "TEEN", "TEENS", "TEENAGER", "TEENAGERS", "TODDLER", "TODDLERS", "BABY",
    "BABIES", "INFANT", "INFANTS", "KID", "KIDS", "YOUTH", "YOUTHS", "JUVENILE", "JUVENILES",
    "MINOR", "MINORS", "ADULT", "ADULTS", "MALE", "MALES", "FEMALE", "FEMALES", "PERSON",
    "PERSONS", "INDIVIDUAL", "INDIVIDUALS", "SON", "SONS", "DAUGHTER", "DAUGHTERS", "BROTHER",
    "BROTHERS", "SISTER", "SISTERS", "FATHER", "FATHERS", "HUSBAND", "HUSBANDS", "WIFE", "WIVES",
    "BOYFRIEND", "BOYFRIENDS", "GIRLFRIEND", "GIRLFRIENDS", "COUSIN", "COUSINS", "NEPHEW",
    "NEPHEWS", "NIECE", "NIECES", "GRANDMOTHER", "GRANDMOTHERS", "GRANDFATHER", "GRANDFATHERS",
    "RELATIVE", "RELATIVES", "NEIGHBOR", "NEIGHBORS", "NEIGHBOUR", "NEIGHBOURS", "FRIEND",
    "FRIENDS", "PEDESTRIAN", "PEDESTRIANS", "BYSTANDER", "BYSTANDERS", "DRIVER", "DRIVERS",
)  # fmt: skip

# Agent nouns news text uses constantly that the Phoenix file lists only inside longer
# phrases ("GOVERNMENT_FORCES", "ALLEGED_MILITANTS"). Project additions, CAMEO role codes,
# every form written out (no plurals are generated for them).
EXTRA_AGENTS: tuple[tuple[str, str], ...] = (
    ("FORCE", "~MIL"),
    ("FORCES", "~MIL"),
    ("MILITARY FORCES", "~MIL"),
    ("SECURITY FORCES", "~MIL"),
    ("MILITANT", "~REB"),
    ("MILITANTS", "~REB"),
    ("INSURGENT", "~REB"),
    ("INSURGENTS", "~REB"),
    ("FIGHTER", "~REB"),
    ("FIGHTERS", "~REB"),
    ("GUNMAN", "~REB"),
    ("GUNMEN", "~REB"),
    ("JIHADIST", "~REB"),
    ("JIHADISTS", "~REB"),
    ("OFFICIAL", "~GOV"),
    ("OFFICIALS", "~GOV"),
    ("AUTHORITIES", "~GOV"),
    ("GOVERNMENT", "~GOV"),
    ("MINISTER", "~GOV"),
    ("MINISTRY", "~GOV"),
    ("PRIME MINISTER", "~GOV"),
    ("DEFENCE MINISTER", "~GOVMIL"),
    ("DEFENSE MINISTER", "~GOVMIL"),
    ("INTERIOR MINISTRY", "~GOV"),
    ("DEMONSTRATOR", "~OPP"),
    ("DEMONSTRATORS", "~OPP"),
    ("POLICE", "~COP"),
    ("POLICEMAN", "~COP"),
    ("POLICEMEN", "~COP"),
    ("COMMANDER", "~MIL"),
    ("COMMANDERS", "~MIL"),
    ("GENERAL", "~MIL"),
    ("ARMY", "~MIL"),
    ("NAVY", "~MIL"),
    ("AIR FORCE", "~MIL"),
    ("CIVILIAN", "~CVL"),
    ("CIVILIANS", "~CVL"),
    ("RESIDENT", "~CVL"),
    ("RESIDENTS", "~CVL"),
    ("VILLAGER", "~CVL"),
    ("VILLAGERS", "~CVL"),
    ("LEADER", "~GOV"),
    ("LEADERS", "~GOV"),
    ("NATIONAL", "~CVL"),
    ("NATIONALS", "~CVL"),
    ("INHABITANT", "~CVL"),
    ("INHABITANTS", "~CVL"),
    ("PEACEKEEPER", "~MIL"),
    ("PEACEKEEPERS", "~MIL"),
    ("OPPOSITION", "~OPP"),
    # Phoenix codes KILLER, ROBBER and THIEF as criminals, and DEPUTY and SHERIFF as police.
    ("SUSPECT", "~CRM"),
    ("SUSPECTS", "~CRM"),
    ("SHOOTER", "~CRM"),
    ("SHOOTERS", "~CRM"),
    ("MURDERER", "~CRM"),
    ("MURDERERS", "~CRM"),
    ("TROOPER", "~COP"),
    ("TROOPERS", "~COP"),
    ("COP", "~COP"),
    ("COPS", "~COP"),
    *((word, "~CVL") for word in CIVILIAN_PERSONS),
)

# Armed groups the 2014 dictionaries miss or spell differently from today's news, with the
# code their CAMEO-style siblings use (Phoenix codes Boko Haram NGAREB, al-Shabaab SOMREB).
# Project additions: (names, code, first date of the code or None).
EXTRA_ACTORS: tuple[tuple[tuple[str, ...], str, str | None], ...] = (
    (("HOUTHI", "HOUTHIS", "HUTHI", "HUTHIS", "HOUTHI MOVEMENT"), "YEMREB", "2004-06-18"),
    (("AL-SHABAB", "AL SHABAB", "AL-SHEBAB", "AL SHEBAB", "SHABAB", "SHEBAB"), "SOMREB", None),
    (("PEOPLE'S PROTECTION UNITS", "YPG"), "SYRREB", "2011-07-01"),
    (("SYRIAN DEMOCRATIC FORCES",), "SYRREB", "2015-10-10"),
    (("HAYAT TAHRIR AL-SHAM", "HAYAT TAHRIR AL SHAM", "TAHRIR AL-SHAM"), "SYRREB", "2017-01-28"),
    (
        ("ISLAMIC STATE WEST AFRICA PROVINCE", "ISWAP", "ISLAMIC STATE IN WEST AFRICA"),
        "IMGMUSISI",
        "2015-03-07",
    ),
    (("ISLAMIC STATE KHORASAN PROVINCE", "ISIS-K", "ISKP"), "IMGMUSISI", "2015-01-26"),
)

_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^(\d+)$")


@dataclass
class Entry:
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def parse_date(raw: str) -> str | None:
    """``YYYYMMDD`` or ``YYMMDD`` -> ISO date; malformed dates -> None (open end)."""
    if not _DATE.match(raw):
        return None
    if len(raw) > 8:  # typos such as 1920030320: the last eight digits are the date
        raw = raw[-8:]
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year < 30 else 1900 + year}{raw[2:]}"
    if len(raw) != 8:
        return None
    month, day = int(raw[4:6]), int(raw[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def parse_code(body: str) -> tuple[str, str | None, str | None] | None:
    """``USAGOV 20090120-20170120`` -> (code, from, to); ``---`` and empties -> None."""
    parts = body.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    code, start, end = parts[0], None, None
    if len(parts) > 1:
        period = parts[1]
        if period.startswith(">"):
            start = parse_date(period[1:])
        elif period.startswith("<"):
            end = parse_date(period[1:])
        elif "-" in period:
            a, b = period.split("-", 1)
            start, end = parse_date(a), parse_date(b)
    return code, start, end


def clean_name(raw: str) -> str:
    name = raw.replace("_", " ").strip().strip("+").strip()
    return re.sub(r"\s+", " ", name)


def parse_actor_file(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        codes = [c for c in (parse_code(m) for m in _CODE.findall(body)) if c]
        name_part = _CODE.sub("", body).strip()
        if body[0] in " \t" and not name_part:  # an indented code line
            if current is not None:
                current.codes.extend(codes)
            continue
        if name_part.startswith("+"):
            if current is not None:
                current.names.extend(n for n in [clean_name(name_part)] if n)
                current.codes.extend(codes)
            continue
        current = Entry(names=[clean_name(name_part)], codes=list(codes))
        entries.append(current)
    return [e for e in entries if e.names and e.codes]


def _plural(word: str) -> str:
    if word.endswith(("S", "X", "CH", "SH")):
        return word + "ES"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    return word + "S"


def parse_agent_file(path: Path) -> list[tuple[str, str]]:
    sets: dict[str, list[str]] = {}
    agents: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        declared = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", body)
        if declared:
            sets[declared.group(1)] = [w.strip() for w in declared.group(2).split(",")]
            continue
        found = _CODE.search(body)
        if not found or not found.group(1).startswith("~"):
            continue
        code = found.group(1)[1:].strip()
        plural_m = re.search(r"\{([^}]*)\}", body)
        phrase = re.sub(r"\{[^}]*\}", "", body[: found.start()]).strip()
        variants = [phrase]
        for name, words in sets.items():
            if name in phrase:
                variants = [v.replace(name, w) for v in variants for w in words]
        for variant in variants:
            phrase_words = clean_name(variant)
            if not phrase_words:
                continue
            agents.append((phrase_words, code))
            if plural_m is None:
                agents.append((clean_name(_plural(variant.rstrip("_ "))), code))
            elif plural_m.group(1).strip():
                agents.append((clean_name(plural_m.group(1)), code))
    return agents


def build(reference: Path) -> dict[str, object]:
    entries: list[Entry] = []
    for name in ACTOR_FILES:
        entries.extend(parse_actor_file(reference / name))
    entries.extend(
        Entry(names=list(names), codes=[(code, start, None)]) for names, code, start in EXTRA_ACTORS
    )
    countries = sorted(
        {
            code
            for e in parse_actor_file(reference / ACTOR_FILES[0])
            for code, _, _ in e.codes
            if len(code) == 3
        }
    )
    return {
        "licence": "MIT, Open Event Data Alliance; see LICENSE in this folder",
        "countries": countries,
        "actors": [{"n": e.names, "c": [list(c) for c in e.codes]} for e in entries],
        "agents": sorted(
            set(parse_agent_file(reference / AGENT_FILE))
            | {(phrase, code[1:]) for phrase, code in EXTRA_AGENTS}
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "cameo"
    parser.add_argument("--reference", type=Path, default=default)
    args = parser.parse_args()
    data = build(args.reference)
    OUT.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: rebuilding from the same sources gives the same bytes.
    with gzip.GzipFile(OUT / "actors.json.gz", "wb", mtime=0) as fh:
        fh.write(payload)
    print(f"{len(data['actors'])} actor entries, {len(data['agents'])} agent phrases")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
