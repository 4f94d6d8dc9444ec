"""Creating a database file whole or not at all (a kill during creation leaves no half file)."""

from __future__ import annotations

import os
from pathlib import Path

from tacitus.store.db import MEMORY, Store


def create_database(db: Path | str) -> None:
    """Create the database ``db`` if it does not exist, whole or not at all.

    DuckDB creates a new file, then writes its header: a kill in between leaves a file of 0
    or 4,096 bytes that no later run can open. So a new database is made under a temporary
    name (``.NAME.PID.new`` beside it) and linked into place once complete; a kill leaves no
    database (and a temporary file the next run removes) or a whole one.
    """
    path = Path(db)
    if str(db) == MEMORY or path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        Store.open(temporary).close()
        try:
            os.link(temporary, path)  # never replaces a database another run made meanwhile
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temporary, path)
    finally:
        for leftover in (temporary, _wal(temporary)):
            leftover.unlink(missing_ok=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _remove_abandoned(path: Path) -> None:
    """Remove the temporary files of runs killed while creating ``path``."""
    prefix = f".{path.name}."
    for leftover in path.parent.iterdir():
        pid, _, rest = leftover.name.removeprefix(prefix).partition(".")
        if (
            leftover.name.startswith(prefix)
            and pid.isdigit()
            and rest in ("new", "new.wal")
            and not _alive(int(pid))
        ):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, as another user's process
        return True
    return True
