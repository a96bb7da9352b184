"""Small named errors.  The CLI turns each into one line: ``pantau: <input>: <reason> (hint)``."""
from __future__ import annotations


class PantauError(Exception):
    """Base class: every error Pantau raises on purpose."""

    hint: str | None = None

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        if hint is not None:
            self.hint = hint

    def line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        tail = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{self}{tail}"


class InputError(PantauError):
    """An input that cannot be analysed: empty, binary, undecodable, too large, malformed."""


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class DecodeFailure(InputError):
    pass


class TooLarge(InputError):
    pass


class MalformedRecord(InputError):
    pass


class NotIndonesian(InputError):
    """Text that is clearly in another language (the check warns instead when it is unsure)."""


class ResourceError(PantauError):
    """A language resource or model file is missing or fails its integrity check."""


class PipelineError(PantauError):
    """Stages were put together in an order that cannot work (a requirement is not provided)."""


class StoreError(PantauError):
    """The store cannot be opened, migrated or queried."""
