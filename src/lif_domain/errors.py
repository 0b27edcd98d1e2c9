"""The domain's errors: one hierarchy under LifError.

The CLI turns every LifError into a one-line message and its class's exit code: 1 refused by
the framework's rules (or bad input), 3 busy or conflicting (retry), 4 the store is damaged or
cannot be read, 5 tampering found.
"""


class LifError(Exception):
    """Raised when a command is refused by the framework's rules."""

    exit_code = 1


class InvalidInput(LifError):
    """Raised when a value is malformed or inconsistent (a date, a choice, a set of facts)."""


class FutureDate(InvalidInput):
    """Raised when a business date lies after today."""


class MissingRationale(LifError):
    """Raised when a decision is recorded without the reason it requires."""


class UnknownRecord(LifError):
    """Raised when a member, case or review reference is not in the store."""


class DuplicateReference(LifError):
    """Raised when a new record would reuse an existing reference."""


class NotAuthorised(LifError):
    """Raised when the acting member does not hold a role that may take this step on that date."""


class OutOfOrder(LifError):
    """Raised when a step is taken before the steps that must come first, or after the record closed."""


class StoreError(LifError):
    """Raised when the store cannot be used: missing, damaged, not a LIF store, or
    uninitialised."""

    exit_code = 4


class StoreBusy(StoreError):
    """Raised when another writer holds the store or changed the same record at once: nothing
    was saved, and the command can be run again."""

    exit_code = 3


class Tampered(StoreError):
    """Raised when a command is refused because the log does not verify (ADR 0025)."""

    exit_code = 5
