"""Pipeline stages, one module each; importing this package registers them all."""

from tacitus.stages import (  # noqa: F401  (imported to register)
    acled,
    actors,
    clean,
    dates,
    events,
    modality,
    places,
    quantities,
    quotes,
)
from tacitus.stages.registry import STAGES, StageInfo, stage

__all__ = ["STAGES", "StageInfo", "stage"]
