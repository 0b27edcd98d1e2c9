"""The domain's errors: one hierarchy under LifError.

The CLI turns every LifError into a one-line message and exit code 1.
"""


class LifError(Exception):
    """Raised when a command is refused by the framework's rules."""


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
    """Raised when the store cannot be used: missing, not a LIF store, locked or uninitialised."""
