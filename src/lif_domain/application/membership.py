"""Use cases: starting a store, appointing members and ending appointments."""

from datetime import date

from lif_domain.application.base import LifBase
from lif_domain.errors import DuplicateReference, InvalidInput, NotAuthorised, OutOfOrder
from lif_domain.member import Member
from lif_domain.powers import Proposal
from lif_domain.roles import Actor, Role


class Membership(LifBase):
    def initialise(self, board_name: str, chair: str, chair_org: str, manager: str,
                   manager_org: str, on: date | None = None) -> None:
        """Create the board with its first independent chair and business manager."""
        from lif_domain.board import Board

        on = self.business_date(on)
        if self.exists(Board.ID):
            raise DuplicateReference("this store is already initialised")
        if chair.strip().casefold() == manager.strip().casefold():
            raise InvalidInput("the chair and the business manager must be different members")
        founder = Actor(chair.strip(), Role.INDEPENDENT_CHAIR)
        board = Board.initialise(board_name, founder, on)
        members = []
        for ref, role, org in ((chair, Role.INDEPENDENT_CHAIR, chair_org),
                               (manager, Role.BUSINESS_MANAGER, manager_org)):
            member = Member.register(ref, founder, on)
            member.appoint(role, org, founder, on, founding=True)
            members.append(member)
        for org in dict.fromkeys((chair_org.strip(), manager_org.strip())):
            board.register_organisation(org, founder, on)
        self.save_all(board, *members)

    def record_arrangements(self, took_effect: date, *, by: str, on: date | None = None) -> None:
        """The date the partnership's new arrangements took effect (rule G1). Refused if a case
        already notified would be judged by another regime under it: a case keeps the regime
        it was judged by, so the date cannot silently contradict it."""
        from lif_domain.regimes import regime_for

        actor, on = self.act(by, "record when the new arrangements took effect", on)
        board = self.board()
        board.record_arrangements(took_effect, actor, on)
        judged = ((c, regime_for(c.aware_on, took_effect)[0])
                  for c in self.records(self.directory.ids("case")))
        against = [f"{c.ref} (aware {c.aware_on}) is judged under {c.policy.title}, not "
                   f"{would.title}" for c, would in judged if would is not c.policy]
        if against:
            raise OutOfOrder(f"new arrangements from {took_effect} contradict cases already "
                             f"notified, which keep their regime (rule G1): {'; '.join(against)}."
                             " Nothing recorded")
        self.save_all(board)

    def record_delegation(self, delegate: Role, published: str, *, by: str,
                          on: date | None = None) -> None:
        """The partners' published arrangements delegate their Rapid Review decision to
        `delegate` (rule RR4)."""
        actor, on = self.act(by, "record the partners' published delegation", on)
        board = self.board()
        board.record_delegation(delegate, published, actor, on)
        self.save_all(board)

    def report_scrutiny(self, summary: str, *, by: str, on: date | None = None) -> None:
        """The independent scrutineer's assessment of the arrangements (rule Y3)."""
        actor, on = self.act(by, "record independent scrutiny of the arrangements", on)
        board = self.board()
        board.report_scrutiny(summary, actor, on)
        self.save_all(board)

    def register_organisation(self, name: str, *, by: str, on: date | None = None,
                              relevant_agency: bool = False) -> None:
        actor, on = self.act(by, "register an organisation", on)
        board = self.board()
        board.register_organisation(name, actor, on, relevant_agency)
        self.save_all(board)

    def name_lead_partner(self, partner: Role, lead: str, delegate: str, published: str, *,
                          by: str, on: date | None = None) -> None:
        """Working Together 2023: a lead partner and the member it delegates to (rule RR6)."""
        actor, on = self.act(by, "name a lead safeguarding partner and its delegate", on)
        member = self.load(Member, delegate, "member")
        if partner not in member.roles_on(on):
            raise InvalidInput(f"{delegate} does not hold the {partner.title} role on {on}: "
                               "appoint them first")
        board = self.board()
        board.name_lead_partner(partner, lead, delegate, published, actor, on)
        self.save_all(board)

    def appoint(self, ref: str, role: Role, organisation: str, *, by: str,
                on: date | None = None) -> Proposal | None:
        """Appoint; a role that carries powers is proposed instead, and the proposal returned
        (rule W4)."""
        actor, on = self.act(by, "appoint a member", on)
        if self.exists(Member.id_for(ref)):
            member = self.load(Member, ref, "member")
        else:
            member = Member.register(ref, actor, on)
        proposal = member.appoint(role, organisation, actor, on)
        self.save_all(member)
        return proposal

    def end_appointment(self, ref: str, role: Role, reason: str, *, by: str,
                        on: date | None = None) -> Proposal | None:
        actor, on = self.act(by, "end an appointment", on)
        member = self.load(Member, ref, "member")
        proposal = member.end_appointment(role, reason, actor, on)
        self.save_all(member)
        return proposal

    def link_account(self, *, by: str, on: date | None = None) -> Proposal:
        """Member `by` proposes that they key from the operating-system account this command
        runs as (never a name they type)."""
        actor, on = self.act(by, "link one's own account", on)
        if self._keyings:
            raise NotAuthorised(f"{by} links their own account: it cannot be keyed on their "
                                "behalf")
        if self.account is None:
            raise InvalidInput("this store does not know which account is keying: there is no "
                               "account to link")
        from lif_domain.application.keyers import account_record

        member = self.load(Member, by, "member")
        proposal = member.link_account(self.account, actor, on)
        self._refuse_held(proposal.detail, account_record(self, proposal.detail), member)
        self.save_all(member)
        return proposal

    def agree(self, ref: str, number: int | None = None, *, by: str,
              on: date | None = None) -> Proposal:
        """A second member agrees member `ref`'s proposed change (`number`, or the only one
        awaiting agreement)."""
        from lif_domain.account import Account
        from lif_domain.application.keyers import account_record

        actor, on = self.act(by, "agree or decline a change of powers", on)
        member = self.load(Member, ref, "member")
        number = self._only(number, list(member.proposals), ref, "change awaiting agreement")
        before = member.account
        proposal = member.agree(number, actor, on)
        changed = [member]
        if proposal.change == "link":
            record = account_record(self, proposal.detail)
            self._refuse_held(proposal.detail, record, member)
            if record is None:
                record = Account.link(proposal.detail, member.ref, actor, on)
            else:
                record.change_holder(member.ref, actor, on)
            changed.append(record)
            released = account_record(self, before) if before is not None else None
            if released is not None:
                released.change_holder(None, actor, on)
                changed.append(released)
        self.save_all(*changed)
        return proposal

    def decline(self, ref: str, number: int | None, reason: str, *, by: str,
                on: date | None = None) -> Proposal:
        """Another member declines member `ref`'s proposed change, or its proposer withdraws
        it, with a reason: it never takes effect."""
        actor, on = self.act(by, "agree or decline a change of powers", on)
        member = self.load(Member, ref, "member")
        number = self._only(number, list(member.proposals), ref, "change awaiting agreement")
        proposal = member.decline(number, reason, actor, on)
        self.save_all(member)
        return proposal

    def confirm(self, number: int | None = None, *, by: str, on: date | None = None,
                dispute: str | None = None) -> list[int]:
        """Member `by` confirms (or, with a reason, disputes) entries keyed on their behalf:
        entry `number`, or every one awaiting confirmation. Only from their own account, and
        never from the account that keyed them."""
        actor, on = self.act(by, "confirm an entry keyed on their behalf", on)
        if self._keyings:
            raise NotAuthorised(f"a confirmation is {by}'s own: it cannot be keyed on their "
                                "behalf")
        member = self.load(Member, by, "member")
        waiting = list(member.awaiting_confirmation())
        numbers = [number] if number is not None else waiting
        if dispute is not None and number is None:
            raise InvalidInput("say which entry is disputed (its number, from lif due)")
        if not numbers:
            raise InvalidInput(f"nothing awaits {by}'s confirmation")
        keyed_by = self.keyed_by_account(member.id)
        for n in numbers:
            if self.account is not None and keyed_by.get(n) == self.account:
                raise NotAuthorised(f"entry {n} was keyed from this account ({self.account}): "
                                    f"{by} confirms it from their own")
            if dispute is None:
                member.confirm(n, actor, on)
            else:
                member.dispute(n, dispute, actor, on)
        self.save_all(member)
        return numbers

    @staticmethod
    def _refuse_held(account: str, record, member: Member) -> None:
        holder = record.holder if record else None
        if holder is not None and holder.casefold() != member.ref.casefold():
            raise DuplicateReference(f"account {account} is already {holder}'s: an account keys "
                                     "as one member")

    @staticmethod
    def _only(number: int | None, numbers: list[int], ref: str, what: str) -> int:
        if number is not None:
            return number
        if len(numbers) != 1:
            listed = ", ".join(str(n) for n in numbers)
            raise InvalidInput(f"{ref} has no {what}" if not numbers else
                               f"{ref} has several: events {listed}; say which")
        return numbers[0]

    def awaiting(self) -> list[dict]:
        """What awaits a member: changes of powers awaiting a second member's agreement (rule
        W4), and entries keyed on a member's behalf awaiting their confirmation (rule W5)."""
        rows = []
        for member in self.members():
            for p in member.proposals.values():
                rows.append({"awaits": "agreement", "member": member.ref, "number": p.number,
                             "what": f"{p.words}, proposed by {p.by}", "on": p.on, "by": p.by,
                             "command": f"lif member agree {member.ref} {p.number}"})
            for k in member.awaiting_confirmation().values():
                rows.append({"awaits": "confirmation", "member": member.ref,
                             "number": k.number, "what": k.words, "on": k.on, "by": k.keyer,
                             "command": f"lif member confirm {k.number} --as {member.ref}"})
        return sorted(rows, key=lambda r: (r["on"], r["member"], r["number"]))

    def member(self, ref: str) -> Member:
        return self.load(Member, ref, "member")

    def members(self) -> list[Member]:
        return self.records(self.directory.ids("member"))
