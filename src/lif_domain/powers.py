"""What a member's record holds besides appointments: changes that carry powers awaiting a
second member's agreement (rule W4), and entries keyed on the member's behalf awaiting their
confirmation (rule W5). Both are numbered by the event of the member's record that made them."""

import re
from dataclasses import dataclass
from datetime import date

from lif_domain.errors import InvalidInput
from lif_domain.roles import Role

# An operating-system account name: letters, digits, '.', '_', '-', '$' (and a Windows
# domain's '\'), as the system gives it; never a person's typed claim (issue 12).
ACCOUNT = re.compile(r"[A-Za-z0-9._$\\-][A-Za-z0-9._$\\ -]{0,63}", re.ASCII)


def check_account(account: str) -> str:
    account = account.strip()
    if not ACCOUNT.fullmatch(account):
        raise InvalidInput(f"{account[:70]!r} is not an account name: 1 to 64 letters, digits, "
                           "'.', '_', '-', '$' or spaces, as the operating system spells it")
    return account


@dataclass(frozen=True)
class Proposal:
    """A change to a member's powers, proposed by `by` on `on`: it takes effect from `on` once
    another member agrees."""

    number: int
    change: str  # "appoint", "end" or "link"
    role: Role | None
    detail: str  # the organisation, the reason for ending, or the account
    on: date
    by: str

    @property
    def words(self) -> str:
        if self.change == "appoint":
            return f"appointment as {self.role.title} for {self.detail}"
        if self.change == "end":
            return f"end of the appointment as {self.role.title} ({self.detail})"
        return f"link to the operating-system account {self.detail}"


@dataclass(frozen=True)
class KeyedForMember:
    """Entries keyed on a member's behalf by someone else (`keyer`: the member the account is
    linked to, or '' when it is linked to none), awaiting the member's own confirmation."""

    number: int
    entries: tuple[tuple[str, str, int], ...]  # (kind, reference, event version)
    keyer: str
    role: Role
    on: date
    settled: str | None = None  # "confirmed" or "disputed"
    settled_on: date | None = None
    reason: str = ""  # why it was disputed

    @property
    def words(self) -> str:
        by = self.keyer or "an account linked to no member"
        return f"{len(self.entries)} entr{'y' if len(self.entries) == 1 else 'ies'} keyed " \
               f"by {by} ({self.listed})"

    @property
    def listed(self) -> str:
        shown = [f"{kind} {ref} event {version}" for kind, ref, version in self.entries[:4]]
        more = len(self.entries) - len(shown)
        return "; ".join(shown) + (f" and {more} more" if more else "")
