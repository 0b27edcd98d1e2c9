"""Use cases: starting a store, appointing members and ending appointments."""

from datetime import date

from lif_domain.application.base import LifBase
from lif_domain.errors import DuplicateReference, InvalidInput, StoreError
from lif_domain.member import Member
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

    def board(self):
        from lif_domain.board import Board

        if not self.exists(Board.ID):
            raise StoreError("this store has not been initialised: run 'lif init' first")
        return self.repository.get(Board.ID)

    def register_organisation(self, name: str, *, by: str, on: date | None = None) -> None:
        actor, on = self.act(by, "register an organisation", on)
        board = self.board()
        board.register_organisation(name, actor, on)
        self.save_all(board)

    def appoint(self, ref: str, role: Role, organisation: str, *, by: str,
                on: date | None = None) -> None:
        actor, on = self.act(by, "appoint a member", on)
        if self.exists(Member.id_for(ref)):
            member = self.load(Member, ref, "member")
        else:
            member = Member.register(ref, actor, on)
        member.appoint(role, organisation, actor, on)
        self.save_all(member)

    def end_appointment(self, ref: str, role: Role, reason: str, *, by: str,
                        on: date | None = None) -> None:
        actor, on = self.act(by, "end an appointment", on)
        member = self.load(Member, ref, "member")
        member.end_appointment(role, reason, actor, on)
        self.save_all(member)

    def member(self, ref: str) -> Member:
        return self.load(Member, ref, "member")

    def members(self) -> list[Member]:
        return self.records(self.directory.ids("member"))
