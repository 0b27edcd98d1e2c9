"""Who keys a step, beside the member it is recorded as (issue 12, rule W5).

The composition root gives the application the operating-system account the command runs as
(`account`; None where no account is known, as in the domain's tests) and whether the user
asked to key the step on another member's behalf (`on_behalf`). A member whose account is
linked (rule W4) keys as themselves only from it; anyone else keys their step only on their
behalf, which their record notes for them to confirm. Where neither the member nor the account
is linked, the step is keyed as before: a board that links every member's account closes
that gap. On a partnership's PostgreSQL store (`logins_linked_only`) it is closed for it: once
any member's login is linked, a login linked to no member may only propose its own link (rule
W6)."""

from dataclasses import dataclass
from datetime import date

from lif_domain.account import Account
from lif_domain.errors import InvalidInput, NotAuthorised
from lif_domain.member import Member
from lif_domain.roles import Actor


@dataclass
class OnBehalf:
    """A step of this command keyed for `member` by `keyer` (a member, or '')."""

    member: Member
    actor: Actor
    on: date
    keyer: str


def account_record(app, account: str) -> Account | None:
    """The account's record, if it was ever linked: one read (it is on every write's path)."""
    from eventsourcing.application import AggregateNotFoundError

    from lif_domain.application.base import store_errors

    with store_errors():
        try:
            return app.repository.get(Account.id_for(account))
        except AggregateNotFoundError:
            return None


def holder_of(app, account: str) -> str | None:
    """The member the account is linked to, if any."""
    record = account_record(app, account)
    return record.holder if record else None


def links_exist(app) -> bool:
    """Whether any member's login is linked: read once per application (a command)."""
    if app._links_exist is None:
        app._links_exist = any(m.account for m in app.members())
    return app._links_exist


def check_keyer(app, member: Member, actor: Actor, on: date,
                step: str = "") -> OnBehalf | None:
    """Refuse a step keyed for `member` by someone else unless it is said to be on their
    behalf; return the note to make when it is."""
    account = app.account
    if account is None:
        return None
    # the member the login is linked to: one read, and none for the member's own login
    holder = None if member.account == account else holder_of(app, account)
    if getattr(app, "logins_linked_only", False) and step != "link one's own account" \
            and member.account != account and holder is None and links_exist(app):
        raise NotAuthorised(f"login {account} is linked to no member, and this store keys "
                            "only from linked logins (rule W6): link it first, from it, with "
                            "'lif member link --as YOU'")
    if member.account == account:
        if app.on_behalf:
            raise InvalidInput(f"account {account} is {member.ref}'s own: --on-behalf is for a "
                               "step keyed for another member")
        return None
    if not app.on_behalf:
        if member.account is None and holder is None:
            return None  # neither is linked: as before any account was
        whose = f"{holder}'s" if holder else "linked to no member"
        theirs = f"keys from account {member.account}" if member.account else \
            "has no account linked"
        raise NotAuthorised(f"this is account {account} ({whose}), and {member.ref} {theirs}: "
                            f"to record {member.ref}'s step for them, add --on-behalf; "
                            f"{member.ref} then confirms it (rule W5)")
    return OnBehalf(member, actor, on, holder or "")


def note_keyed_for(keyings: list[OnBehalf], aggregates: tuple) -> list:
    """Record on each member's own record the entries about to be saved that were keyed on
    their behalf; return the member records to save with them."""
    from lif_domain.application.directory import KINDS  # as `lif history` names them

    entries = [(KINDS.get(type(a).__name__, type(a).__name__.lower()), getattr(a, "ref", ""),
                e.originator_version) for a in aggregates for e in a.pending_events]
    if not entries:
        return []
    noted = []
    for keying in keyings:
        member = next((a for a in aggregates if a.id == keying.member.id), keying.member)
        member.keyed_on_behalf(entries, keying.keyer, keying.actor, keying.on)
        if member not in aggregates and member not in noted:
            noted.append(member)
    return noted
