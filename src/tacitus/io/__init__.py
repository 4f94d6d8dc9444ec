"""Reading articles from files, folders and stdin (see ``tacitus.io.readers``)."""

from tacitus.io.readers import (
    DEFAULT_MAX_CHARS,
    ReadProblem,
    iter_articles,
    read_article_input,
    read_text_file,
)

__all__ = [
    "DEFAULT_MAX_CHARS",
    "ReadProblem",
    "iter_articles",
    "read_article_input",
    "read_text_file",
]
