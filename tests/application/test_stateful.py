"""A board used at random (issue 12): Hypothesis runs random sequences of commands by random
members on random dates against a real SQLite store, and after every step checks what must
always hold: a refused command wrote nothing; the log verifies; `lif due` through the record
directory gives the clocks worked out from every record; every event was taken in a role its
member held on its business date, and the actions of powers only by the roles that have them;
no change of powers was agreed by its proposer or (but for an end) the member it is for (rule
W4); every event keyed from an account that is not its member's is on that member's record as
keyed on their behalf (rule W5). Commands run as one of three operating-system accounts.

The same board runs on a PostgreSQL schema too (PartnershipBoard, issue 15): there who keys
is the server's login, one for the whole run (the machine's server trusts everyone; logins of
their own are tested on a SCRAM cluster, in tests/adapters/test_postgres_logins), and rule W6
holds once it is linked: a command for another member is refused unless keyed on their behalf.

Seeded and bounded for CI; LIF_STATEFUL_EXAMPLES raises the number of runs for a longer hunt."""

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from adapters.composition import Lif, build_app
from adapters.trust import Trust
from adapters.verify import verify
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import LifError
from lif_domain.member import Member
from lif_domain.permissions import roles_for
from lif_domain.roles import Role
from lif_domain.source import SourceType
from tests.application.test_clock_answers import PATH, every_clock
from tests.conftest import appoint
from tests.postgres import postgres_store

TODAY = date(2030, 1, 1)
MEMBERS = st.sampled_from(["chair1", "bm1", "panel1", "rev1", "plqa1", "lead9", "ghost"])
CASES = st.sampled_from(["Child A", "Child B", "Child C"])
REVIEWS = st.sampled_from(["SCR-1", "SCR-2"])
ROLES = st.sampled_from(list(Role))
TEXT = st.sampled_from(["", "criteria met", "agree with the panel", "call 0161 496 0000"])
GAP = st.integers(0, 40)
# The step each event type records, for the role check (events not listed: any role held).
STEPS = {"Case.Notified": "record a notification",
         "Case.PanelRecommended": "record the panel's recommendation",
         "Case.ChairDecided": "decide whether to hold a review",
         "Member.Appointed": "appoint a member",
         "Member.AppointmentEnded": "end an appointment",
         "Member.AppointmentProposed": "appoint a member",
         "Member.EndProposed": "end an appointment",
         "Member.ChangeAgreed": "agree or decline a change of powers"}
ACCOUNTS = st.sampled_from(["alice", "bob", "carol"])


class Board(RuleBasedStateMachine):
    def open_store(self) -> dict:
        """The environment of a new, empty store (a SQLite file here)."""
        return {"LIF_STORE": str(Path(self.folder.name) / "lif.sqlite")}

    @initialize()
    def found(self):
        self.folder = tempfile.TemporaryDirectory(prefix="lif-stateful-")
        self.env = self.open_store()
        self.app = build_app(self.env, creating=True, today=lambda: TODAY)
        self.day = date(2017, 4, 3)
        self.app.initialise("Test LSCB", "chair1", "Independent", "bm1", "Council", on=self.day)
        for ref, role in (("panel1", Role.SCR_PANEL_MEMBER), ("rev1", Role.INDEPENDENT_REVIEWER),
                          ("plqa1", Role.PLQA_MEMBER)):
            appoint(self.app, ref, role, "Police", on=self.day)
        self.founded = self.checked = self.count()  # events whose roles were checked
        self.log_in("alice", False)
        self.links: dict[str, str] = {}  # member -> account, as the log has run so far
        self.keyed_for: set[tuple] = set()  # (member, kind, ref, version) expected noted

    def teardown(self):
        if hasattr(self, "app"):
            self.app.close()
        self.folder.cleanup()

    def count(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def attempt(self, gap: int, command) -> None:
        """Run `command` on a later business date; a refusal must leave the log as it was."""
        self.day += timedelta(days=gap)
        before = self.count()
        try:
            command(self.day)
        except LifError:
            assert self.count() == before, "a refused command wrote to the log"

    @rule(ref=CASES, by=MEMBERS, gap=GAP, harm=st.sampled_from(list(H)))
    def notify(self, ref, by, gap, harm):
        self.attempt(gap, lambda on: self.app.notify_case(
            ref, on - timedelta(days=2), CaseFacts(A.SUSPECTED, harm, C.YES), by=by, on=on))

    @rule(ref=CASES, by=MEMBERS, gap=GAP, text=TEXT)
    def recommend(self, ref, by, gap, text):
        self.attempt(gap, lambda on: self.app.recommend(ref, R.SCR, text, by=by, on=on))

    @rule(ref=CASES, by=MEMBERS, gap=GAP, choice=st.sampled_from(list(R)), text=TEXT,
          departure=TEXT)
    def decide(self, ref, by, gap, choice, text, departure):
        self.attempt(gap, lambda on: self.app.decide(ref, choice, text, departure, by=by, on=on))

    @rule(ref=CASES, by=MEMBERS, gap=GAP)
    def tell_panel(self, ref, by, gap):
        self.attempt(gap, lambda on: self.app.tell_national_panel(ref, by=by, on=on))

    @rule(review=REVIEWS, ref=CASES, by=MEMBERS, gap=GAP, text=TEXT)
    def commission(self, review, ref, by, gap, text):
        self.attempt(gap, lambda on: self.app.commission_review(review, ref, "scr", text, by=by,
                                                                on=on))

    @rule(review=REVIEWS, step=st.sampled_from(PATH), by=MEMBERS, gap=GAP)
    def review_step(self, review, step, by, gap):
        name, _, details = step
        self.attempt(gap, lambda on: self.app.record_step(review, name, by=by, on=on, **details))

    @rule(ref=MEMBERS, role=ROLES, by=MEMBERS, gap=GAP)
    def appoint(self, ref, role, by, gap):
        self.attempt(gap, lambda on: self.app.appoint(ref, role, "Health", by=by, on=on))

    @rule(ref=MEMBERS, role=ROLES, by=MEMBERS, gap=GAP, text=TEXT)
    def end_appointment(self, ref, role, by, gap, text):
        self.attempt(gap, lambda on: self.app.end_appointment(ref, role, text, by=by, on=on))

    @rule(account=ACCOUNTS, on_behalf=st.booleans())
    def log_in(self, account, on_behalf):
        self.app.account = self.app.recorder.keyed_by = account
        self.app.on_behalf = on_behalf

    @rule(by=st.sampled_from(["chair1", "bm1", "panel1"]), gap=GAP, decline=st.booleans(),
          data=st.data())
    def agree(self, by, gap, decline, data):
        pending = sorted(m.ref for m in self.app.members() if m.proposals)
        ref = data.draw(st.sampled_from(pending or ["ghost"]))  # most often, one pending
        self.attempt(gap, lambda on: self.app.decline(ref, None, "no", by=by, on=on) if decline
                     else self.app.agree(ref, by=by, on=on))

    @rule(by=st.sampled_from(["chair1", "bm1", "panel1", "plqa1"]), gap=st.integers(0, 5),
          agreer=st.sampled_from(["chair1", "bm1"]))
    def link(self, by, gap, agreer):
        """A member proposes linking the account, and another is asked to agree at once."""
        self.attempt(gap, lambda on: self.app.link_account(by=by, on=on))
        self.attempt(0, lambda on: self.app.agree(by, by=agreer, on=on))

    @rule(by=MEMBERS, gap=GAP)
    def confirm(self, by, gap):
        self.attempt(gap, lambda on: self.app.confirm(by=by, on=on))

    @rule(ref=st.sampled_from(["AUD-1", "AUD-2"]), by=MEMBERS, gap=GAP)
    def record_source(self, ref, by, gap):
        self.attempt(gap, lambda on: self.app.record_source(
            ref, SourceType.PRACTICE_AUDIT, "Neglect audit", on, "plqa1", by=by, on=on))

    @invariant()
    def the_log_verifies(self):
        if hasattr(self, "app"):
            report = verify(Lif(self.env).log, Trust(Path(self.folder.name) / "trust"))
            assert report.problems == [] and report.events == len(self.app.recorder.
                                                                 select_notifications(1, 10**6))

    @invariant()
    def due_agrees_with_every_record(self):
        if hasattr(self, "app"):
            records = self.app.cases() + self.app.reviews()
            assert self.app.clocks(self.day) == every_clock(self.app, records, self.day, False)

    @invariant()
    def every_event_was_taken_in_a_role_its_member_held(self):
        if not hasattr(self, "app"):
            return
        for batch in self.app.notifications_after(self.checked, 500):
            for n in batch:
                event = self.app.mapper.to_domain_event(n)
                role, member = Role(event.role), self.app.member(event.member)
                name = n.topic.partition(":")[2]
                if n.id > self.founded:  # after the founding and its first appointments
                    assert role in member.roles_on(event.on), (name, event.member, role)
                    self.check_keyer(n, event, name)
                if name in STEPS:
                    assert role in roles_for(STEPS[name]), (name, role)
                self.checked = n.id
        for member, kind, ref, version in self.keyed_for:
            assert any((kind, ref, version) in k.entries
                       for k in self.app.member(member).keyed_for.values()), (member, kind, ref)

    def check_keyer(self, n, event, name):
        """Rules W4 and W5 for one event, in log order (links as they stood when it was
        saved)."""
        from lif_domain.application.directory import KINDS

        if not (name.startswith("Account.") or name.endswith(("OnBehalf", "Confirmed",
                                                               "Disputed"))):
            # (those are saved with the agreement, or the note, that is checked)
            account = self.app.keyed_by_account(n.originator_id)[n.originator_version]
            holder = next((m for m, a in self.links.items() if a == account), None)
            if self.links.get(event.member, account) != account or holder not in (
                    None, event.member):
                kind = KINDS.get(name.partition(".")[0], name.partition(".")[0].lower())
                ref = getattr(self.app.replay(n.originator_id), "ref", "")
                self.keyed_for.add((event.member, kind, ref, n.originator_version))
        if name == "Member.ChangeAgreed":
            proposal = self.app.decoded_events(n.originator_id)[event.proposal - 1]
            subject = self.app.replay(n.originator_id).ref
            assert event.member != proposal.member, "a change agreed by its proposer (rule W4)"
            assert event.member != subject or isinstance(proposal, Member.EndProposed), \
                "a change of one's own powers agreed by oneself (rule W4)"
            if isinstance(proposal, Member.AccountLinkProposed):
                self.links[subject] = proposal.account


class PartnershipBoard(Board):
    """The board on a PostgreSQL schema of its own, keyed by the server's login."""

    def open_store(self) -> dict:
        self.postgres = postgres_store()
        return self.postgres.__enter__()

    def teardown(self):
        super().teardown()
        if hasattr(self, "postgres"):
            self.postgres.__exit__(None, None, None)

    @rule(account=ACCOUNTS, on_behalf=st.booleans())
    def log_in(self, account, on_behalf):
        """The server's login keys every command; only keying on a member's behalf varies."""
        self.app.on_behalf = on_behalf


def bounded(examples: int) -> settings:
    return settings(max_examples=int(os.environ.get("LIF_STATEFUL_EXAMPLES", examples)),
                    stateful_step_count=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


TestBoard = Board.TestCase
TestBoard.settings = bounded(30)
TestPartnershipBoard = PartnershipBoard.TestCase
TestPartnershipBoard.settings = bounded(15)
