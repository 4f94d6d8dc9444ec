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
