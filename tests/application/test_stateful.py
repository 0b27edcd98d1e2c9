"""A board used at random (issue 12): Hypothesis runs random sequences of commands by random
members on random dates against a real SQLite store, and after every step checks what must
always hold: a refused command wrote nothing; the log verifies; `lif due` through the record
directory gives the clocks worked out from every record; every event was taken in a role its
member held on its business date, and the actions of powers only by the roles that have them.

Seeded and bounded for CI; LIF_STATEFUL_EXAMPLES raises the number of runs for a longer hunt."""

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from adapters.composition import build_app
from adapters.event_log import EventLog
from adapters.trust import Trust
from adapters.verify import verify
from lif_domain.case import ReviewChoice as R
from lif_domain.criteria import AbuseOrNeglect as A, AgencyConcern as C, CaseFacts, Harm as H
from lif_domain.errors import LifError
from lif_domain.permissions import roles_for
from lif_domain.roles import Role
from lif_domain.source import SourceType
from tests.application.test_clock_answers import PATH, every_clock

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
         "Member.AppointmentEnded": "end an appointment"}


class Board(RuleBasedStateMachine):
    @initialize()
    def found(self):
        self.folder = tempfile.TemporaryDirectory(prefix="lif-stateful-")
        self.path = Path(self.folder.name) / "lif.sqlite"
        self.app = build_app({"LIF_STORE": str(self.path)}, creating=True,
                             today=lambda: TODAY)
        self.day = date(2017, 4, 3)
        self.app.initialise("Test LSCB", "chair1", "Independent", "bm1", "Council", on=self.day)
        for ref, role in (("panel1", Role.SCR_PANEL_MEMBER), ("rev1", Role.INDEPENDENT_REVIEWER),
                          ("plqa1", Role.PLQA_MEMBER)):
            self.app.appoint(ref, role, "Police", by="bm1", on=self.day)
        self.checked = 0  # events whose roles were checked

    def teardown(self):
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

    @rule(ref=st.sampled_from(["AUD-1", "AUD-2"]), by=MEMBERS, gap=GAP)
    def record_source(self, ref, by, gap):
        self.attempt(gap, lambda on: self.app.record_source(
            ref, SourceType.PRACTICE_AUDIT, "Neglect audit", on, "plqa1", by=by, on=on))

    @invariant()
    def the_log_verifies(self):
        if hasattr(self, "path"):
            report = verify(EventLog(self.path), Trust(self.path.with_name("trust")))
            assert report.problems == [] and report.events == self.count()

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
                if n.id > 1 + 2 * 3:  # after the founding and its first appointments
                    assert role in member.roles_on(event.on), (name, event.member, role)
                if name in STEPS:
                    assert role in roles_for(STEPS[name]), (name, role)
                self.checked = n.id


TestBoard = Board.TestCase
TestBoard.settings = settings(
    max_examples=int(os.environ.get("LIF_STATEFUL_EXAMPLES", "30")), stateful_step_count=25,
    deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
