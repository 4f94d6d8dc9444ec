"""The HTTP API and the events page over a Tacitus database (``tacitus serve``)."""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str) -> object:
    # FastAPI is imported only when the API is used, not by `import tacitus.api`.
    if name == "create_app":
        from tacitus.api.app import create_app

        return create_app
    raise AttributeError(name)
