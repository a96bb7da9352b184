"""Readers: turn files, directories, stdin and records into ``RawDoc`` values.

``iter_inputs`` yields, in input order, either a ``RawDoc`` or a ``ReadFailure`` naming the input
and the reason, so a batch goes on past a bad record and reports it at the end.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class ReadFailure:
    """An input that could not be read: ``origin`` names it (``dir/a.jsonl:17``), ``reason`` says why."""

    origin: str
    reason: str

    def line(self) -> str:
        return f"{self.origin}: {self.reason}"


from .core import MAX_BYTES, iter_inputs  # noqa: E402

__all__ = ["MAX_BYTES", "ReadFailure", "iter_inputs"]
