"""Use cases: the history of any record, and the record as it stood at the end of a date, by
recorded time (what our record said then) or by business time (what had happened by then)."""

from datetime import date, datetime, time, timedelta, timezone

from lif_domain.application.action_plan import ActionPlan
from lif_domain.application.base import replay
from lif_domain.errors import InvalidInput, UnknownRecord

KINDS = ("case", "review", "source", "action", "round", "training", "programme", "death",
         "s11", "audit")


class History(ActionPlan):
    def find(self, ref: str, kind: str | None = None) -> tuple[str, object, list[str]]:
        """The record `ref` (of `kind`, or the first kind that has it) and the other kinds
        that also use the reference."""
        kind, record, _, also = self.read(ref, kind)
        return kind, record, also

    def read(self, ref: str, kind: str | None = None):
        """(kind, record, its events, other kinds using the reference): the events are read
        and decoded once, and the record is replayed from them."""
        if kind is not None and kind not in KINDS:
            raise InvalidInput(f"--kind is one of {', '.join(KINDS)}")
        found = [k for k in ([kind] if kind else KINDS) if self.exists(self._id(k, ref))]
        if not found:
            what = kind or ("case, review, source, action, round, training event or "
                            "programme, child death, Section 11 round or audit")
            raise UnknownRecord(f"no {what} "
                                f"{ref!r} in this store")
        events = self.decoded_events(self._id(found[0], ref))
        return found[0], replay(events), events, found[1:]

    @staticmethod
    def as_it_stood(events: list, as_of: date, clock: str = "recorded"):
        """(state, events) of a record at the end of `as_of`, from its events.

        recorded: the events stored by the end of that day (UTC), replayed exactly as the
        application replayed them then. business: the events whose business date is on or
        before that day, in the order they were recorded."""
        if clock == "recorded":
            cutoff = datetime.combine(as_of + timedelta(days=1), time(), timezone.utc)
            kept = [e for e in events if e.timestamp < cutoff]
            return (replay(kept), kept) if kept else (None, [])
        if clock == "business":
            kept = [e for e in events if e.on <= as_of]
            if not kept or kept[0] is not events[0]:
                return None, []
            # Business dates need not follow the order of recording, so the kept events may
            # skip versions: apply them directly rather than through the version check.
            state = kept[0].mutate(None)
            for e in kept[1:]:
                e.apply(state)
            return state, kept
        raise InvalidInput(f"--by is 'recorded' or 'business', not {clock!r}")

    def keyed_by(self, kind: str, ref: str) -> dict[int, str]:
        """{event version: the account that keyed it} of a record, where the store says
        (the operating-system account, issue 12)."""
        return self.keyed_by_account(self._id(kind, ref))

    def notes(self, kind: str, ref: str, events: list) -> dict[int, str]:
        """{event version: what a reader must know about how it was keyed}: keyed after the
        member's appointment ended (rule W3), keyed on the member's behalf (rule W5)."""
        members = {m.ref.casefold(): m for m in self.members()}  # read once for both
        notes = self.keyed_late(events, members)
        for version, note in self.keyed_for(kind, ref, members.values()).items():
            notes[version] = f"{notes[version]}; {note}" if version in notes else note
        return notes

    @staticmethod
    def keyed_for(kind: str, ref: str, members) -> dict[int, str]:
        """{event version: a note} for each event of the record keyed on its member's behalf
        by someone else (as `members`' records say), and whether the member has confirmed it
        (rule W5)."""
        notes = {}
        wanted = ref.casefold()
        for member in members:
            for k in member.keyed_for.values():
                versions = [v for kd, r, v in k.entries if kd == kind and r.casefold() == wanted]
                if not versions:
                    continue
                by = k.keyer or "an account linked to no member"
                if k.settled == "confirmed":
                    answer = f"confirmed by {member.ref} on {k.settled_on}"
                elif k.settled == "disputed":
                    answer = f"DISPUTED by {member.ref} on {k.settled_on}: {k.reason}"
                else:
                    answer = (f"awaiting {member.ref}'s confirmation (lif member confirm "
                              f"{k.number} --as {member.ref})")
                for v in versions:
                    notes[v] = f"keyed on {member.ref}'s behalf by {by}; {answer} (rule W5)"
        return notes

    @staticmethod
    def keyed_late(events: list, members: dict) -> dict[int, str]:
        """{event version: a note} for each of `events` keyed after its member's appointment
        ended though dated within it (rule W3); `members` by casefolded reference."""
        from lif_domain.roles import Role

        notes = {}
        for e in events:
            member = members.get(e.member.casefold())
            ended = member and member.ended_before_keyed(Role(e.role), e.on, e.timestamp)
            if ended:
                notes[e.originator_version] = (
                    f"keyed after {e.member}'s appointment as {ended.role.title} ended on "
                    f"{ended.end} (its end recorded {ended.ended_at:%Y-%m-%d %H:%M} UTC; rule "
                    "W3)")
        return notes

    def links(self, kind: str, record) -> dict[str, list[str]]:
        """References of the records related to `record`."""
        find = self.directory
        if kind == "case":
            return {"reviews": find.refs("review", link=record.ref)}
        if kind == "review":
            return {"case": [record.case_ref], "sources": find.refs("source", link=record.ref)}
        if kind == "source":
            actions = find.refs("action", link=record.ref)
            return {"review": [record.review_ref] if record.review_ref else [],
                    "actions": actions,
                    "monitoring": [e.ref for e in find.rounds_reviewing(actions)]}
        if kind == "action":
            return {"source": [record.source_ref],
                    "monitoring": [e.ref for e in find.rounds_reviewing([record.ref])]}
        if kind == "training":
            return {"sources": sorted({c.source_ref for c in record.carries})}
        if kind == "programme":
            return {"events": [e.ref for e in self.training_events()
                               if e.programme.casefold() == record.ref.casefold()]}
        if kind == "death":
            return {"case": [record.referral[2]] if record.referral else []}
        if kind == "s11":
            return {"carried from": [record.carried_from] if record.carried_from else [],
                    "sources": find.refs("source", link=record.ref)}
        if kind == "audit":
            return {"re-audits": [record.reaudit_of] if record.reaudit_of else [],
                    "sources": find.refs("source", link=record.ref)}
        return {"actions": sorted(record.reviewed)}

    def _id(self, kind: str, ref: str):
        from lif_domain.events import record_id

        return record_id(kind, ref)
