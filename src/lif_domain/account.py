"""Which member an operating-system account keys as (issue 12, rule W5): one record per
account, so that who an account belongs to is found in one read, and no account is linked to
two members. It changes only as a member's agreed account link does (rule W4)."""

from datetime import date

from lif_domain.events import LifAggregate, Opened, record_id
from lif_domain.roles import Actor


class Account(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every account event."""

    class Linked(Event, Opened):
        account: str
        holder: str

        def apply(self, account: "Account") -> None:
            account.ref = self.account
            account.holder = self.holder

    class HolderChanged(Event):
        holder: str  # '' when the account is no longer any member's

        def apply(self, account: "Account") -> None:
            account.holder = self.holder or None

    @staticmethod
    def id_for(account: str):
        return record_id("account", account)

    @classmethod
    def link(cls, account: str, holder: str, actor: Actor, on: date) -> "Account":
        return cls._open(cls.Linked, cls.id_for(account), actor, on, account=account,
                         holder=holder)

    def change_holder(self, holder: str | None, actor: Actor, on: date) -> None:
        self._record(self.HolderChanged, actor, on, holder=holder or "")
