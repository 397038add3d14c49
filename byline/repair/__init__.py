"""Spun-text detection and repair: repairs are annotations, the original text stays the reference."""

from byline.repair.document import RepairResult, repair_document
from byline.repair.resources import RepairResourceError, RepairResources, load_repair_resources

__all__ = [
    "RepairResources",
    "RepairResult",
    "RepairResourceError",
    "load_repair_resources",
    "repair_document",
]
