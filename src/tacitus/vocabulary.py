"""English function words that several stages read the same way.

Stages never import each other (docs/architecture.md); word lists that more than one of them
needs live here so that, say, ``events`` and ``modality`` agree on what an intention verb is.
"""

from __future__ import annotations

# Auxiliaries that put a clause in the future ("will send", "we'll bring", "won't").
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# Verbs of intention: "vowed to seize" reports the seizure as intended, not as done.
INTENTION_VERBS = frozenset(
    {
        "vow", "pledge", "promise", "plan", "intend", "threaten", "aim", "expect", "agree",
        "decide", "offer", "prepare", "seek", "want", "hope", "undertake", "resolve",
        "propose",
    }
)  # fmt: skip
# Adjectives of intention: "is ready to lift the ban" announces the lifting.
INTENTION_ADJECTIVES = frozenset(
    {"ready", "prepared", "willing", "determined", "poised", "eager", "keen", "set"}
)
# Verbs that report speech: cues of quotes, and the reporting clause of "said they would".
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "state", "explain", "claim", "announce", "insist", "warn",
        "declare", "write", "note", "ask", "reply", "respond", "argue", "confirm", "deny",
        "acknowledge", "admit", "suggest", "report", "comment", "stress", "urge", "vow",
        "promise", "predict", "recall", "tweet", "post", "allege", "assert", "emphasise",
        "emphasize", "maintain", "observe", "remark", "reiterate", "contend", "complain",
        "concede", "testify", "shout", "cry", "scream", "whisper", "quip", "joke", "continue",
        "conclude", "threaten", "demand", "caution", "estimate",
        "mention", "pledge", "boast", "speak", "reveal", "disclose", "indicate", "charge",
        "exclaim", "assure", "retort", "counter", "lament", "muse", "wonder",
        "proclaim", "scoff", "snap", "plead", "rail", "describe", "bark", "growl", "sneer",
        "thunder", "interject", "implore", "beg", "gush", "marvel", "recount",
        "yell", "holler", "chant", "mutter", "murmur", "shriek", "opine",
    }
)  # fmt: skip
# Verbs that report a belief or decision, whose complement is reported like speech.
REPORTING_VERBS = SPEECH_VERBS | {"believe", "think", "expect", "hope", "decide", "agree", "know"}
# Number words below a hundred that compose the rest ("ninety" + "six"): the counts of
# ``quantities`` and the spoken years of ``dates`` ("nineteen ninety-six").
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
