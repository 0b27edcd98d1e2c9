"""A round of Section 11 self-assessments (issue 14, item 2; REFERENCE §6; rules SA1 to SA4
in docs/rules.md): the agencies named rate themselves on each standard, green, amber or red,
with evidence, by the round's deadline; a challenge session tests each agency's ratings and
agrees a different one where it must; amber and red standards lead to actions, through a
learning source that takes them as findings; the next round opens with them carried forward.
"""

from dataclasses import dataclass
from datetime import date

from lif_domain.choices import Choice
from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.events import DelayExplained, LifAggregate, Opened, record_id
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before, one_of, reference, unique

# The standards boards commonly check (REFERENCE §6), by key, in their usual order.
STANDARDS = {
    "senior_commitment": "senior management commitment to safeguarding",
    "responsibilities": "a clear statement of responsibilities to children",
    "accountability": "a clear line of accountability for safeguarding",
    "voice_of_children": "service development informed by children and families",
    "training": "safeguarding training for staff",
    "safer_recruitment": "safer recruitment",
    "inter_agency": "effective inter-agency working",
    "information_sharing": "information sharing",
}


def standard(text: str) -> str:
    """A standard's key, given by its key, its number (1 to 8) or its words."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    keys = list(STANDARDS)
    if key.isdigit() and 1 <= int(key) <= len(keys):
        return keys[int(key) - 1]
    for known, words in STANDARDS.items():
        if key == known or text.strip().casefold() == words:
            return known
    listed = "; ".join(f"{n} {k}" for n, k in enumerate(keys, start=1))
    raise InvalidInput(f"standard {text!r} is not one of the Section 11 standards: {listed}")


class Rating(Choice):
    GREEN = "green"  # fully met
    AMBER = "amber"  # partially met
    RED = "red"  # not met

    @property
    def rank(self) -> int:
        """Red 0, amber 1, green 2: higher is better."""
        return ("red", "amber", "green").index(self.value)

    @property
    def meaning(self) -> str:
        return {"green": "fully met", "amber": "partially met", "red": "not met"}[self.value]


@dataclass(frozen=True)
class SelfRating:
    rating: Rating
    evidence: str
    on: date


class Section11Round(LifAggregate):
    KIND = "s11"  # in the record directory and lif history --kind
    RETURNS_RULE = "rule SA2"  # each agency's return is due by the date set

    class Event(LifAggregate.Event):
        """Base of every Section 11 round's events: member, role and business date `on`."""

    class RoundOpened(Event, Opened):
        ref: str
        agencies: list
        standards: list
        returns_due: date
        carried_from: str | None  # the round whose amber and red standards it carries
        carried: list  # [agency, standard, rating] carried forward

        def apply(self, round_: "Section11Round") -> None:
            round_.ref, round_.returns_due = self.ref, self.returns_due
            round_.agencies, round_.standards = tuple(self.agencies), tuple(self.standards)
            round_.carried_from = self.carried_from
            round_.carried = tuple((a, s, Rating(r)) for a, s, r in self.carried)
            round_.opened_on = self.on
            round_.dates = {1: ("opened", self.on)}

    class SelfAssessed(Event):
        agency: str
        standard: str
        rating: str
        evidence: str

        def apply(self, round_: "Section11Round") -> None:
            round_.ratings[(self.agency, self.standard)] = SelfRating(
                Rating(self.rating), self.evidence, self.on)
            round_.dates[self.originator_version] = ("self_assessed", self.on)

    class ChallengeHeld(Event):
        agency: str
        summary: str
        changes: list  # [standard, agreed rating, reason] where the rating agreed differs

        def apply(self, round_: "Section11Round") -> None:
            round_.challenges[self.agency] = (self.on, self.summary,
                                              tuple((s, Rating(r), why)
                                                    for s, r, why in self.changes))
            round_.dates[self.originator_version] = ("challenge", self.on)

    class DelayExplained(Event, DelayExplained):
        pass

    def __init__(self) -> None:
        self.ratings: dict[tuple[str, str], SelfRating] = {}
        self.challenges: dict[str, tuple[date, str, tuple]] = {}

    @staticmethod
    def id_for(ref: str):
        return record_id(Section11Round.KIND, ref)

    @classmethod
    def open(cls, ref: str, agencies: list[str], standards: list[str], returns_due: date,
             actor: Actor, on: date,
             carried_from: "Section11Round | None" = None) -> "Section11Round":
        """A round for `agencies` on `standards` (all eight by default), returns due by
        `returns_due`; with `carried_from`, the last round's amber and red standards are
        carried forward, their agencies and standards taken in (rule SA4)."""
        authorise(actor, "open a Section 11 round")
        ref = reference(ref, "a round's reference", "S11-2018")
        carried = carried_from.open_items() if carried_from else []
        if carried_from is not None and carried_from.opened_on > on:
            raise OutOfOrder(f"{carried_from.ref} opened after this round "
                             f"({carried_from.opened_on})")
        names = unique([*agencies, *(a for a, _, _ in carried)])
        if not names:
            raise InvalidInput("name the agencies the round asks to assess themselves")
        keys = {standard(s) for s in standards} or set(STANDARDS)
        keys |= {s for _, s, _ in carried}
        not_before(returns_due, on, "the returns' deadline", "the round's opening")
        return cls._open(cls.RoundOpened, cls.id_for(ref), actor, on, ref=ref, agencies=names,
                         standards=[k for k in STANDARDS if k in keys], returns_due=returns_due,
                         carried_from=carried_from.ref if carried_from else None,
                         carried=[[a, s, r.value] for a, s, r in carried])

    def self_assess(self, agency: str, standard_key: str, rating: Rating, evidence: str,
                    actor: Actor, on: date) -> bool:
        """An agency's rating of itself on a standard, with its evidence (rule SA2); the same
        rating and evidence again is no change (False), a different one is refused."""
        authorise(actor, "record a Section 11 self-assessment")
        agency = self.agency(agency)
        if standard_key not in self.standards:
            raise InvalidInput(f"{self.ref} does not assess {standard_key}: its standards are "
                               f"{', '.join(self.standards)}")
        evidence = need(evidence, "give the evidence for the rating")
        not_before(on, self.opened_on, "the self-assessment", "the round's opening")
        if agency in self.challenges:
            raise OutOfOrder(f"{agency}'s ratings in {self.ref} were challenged on "
                             f"{self.challenges[agency][0]}: the challenge agreed them")
        had = self.ratings.get((agency, standard_key))
        if had is not None:
            if (had.rating, had.evidence) == (rating, evidence):
                return False
            raise OutOfOrder(f"{agency} already rated {standard_key} {had.rating.value} on "
                             f"{had.on}: a different rating is agreed at the challenge session")
        self._record(self.SelfAssessed, actor, on, agency=agency, standard=standard_key,
                     rating=rating.value, evidence=evidence)
        return True

    def challenge(self, agency: str, summary: str, changes: list[tuple[str, Rating, str]],
                  actor: Actor, on: date) -> None:
        """The challenge session for `agency`, once it has rated every standard: the ratings
        it agrees where they differ from the agency's own, each with a reason (rule SA3)."""
        authorise(actor, "hold a Section 11 challenge session")
        agency = self.agency(agency)
        if agency in self.challenges:
            raise OutOfOrder(f"{agency}'s challenge session in {self.ref} was already held "
                             f"({self.challenges[agency][0]})")
        missing = [s for s in self.standards if (agency, s) not in self.ratings]
        if missing:
            raise OutOfOrder(f"{agency} has not rated {', '.join(missing)} in {self.ref}: the "
                             "challenge tests a whole return")
        not_before(on, max(self.ratings[(agency, s)].on for s in self.standards),
                   "the challenge session", f"{agency}'s return")
        agreed = []
        for key, rating, reason in changes:
            if key not in self.standards:
                raise InvalidInput(f"{self.ref} does not assess {key}")
            if rating is self.ratings[(agency, key)].rating:
                raise InvalidInput(f"{agency} rated {key} {rating.value} itself: record only "
                                   "the ratings the challenge changes")
            agreed.append([key, rating.value, need(reason, f"say why {key} is {rating.value}")])
        if len({k for k, _, _ in agreed}) != len(agreed):
            raise InvalidInput("each standard is agreed once")
        self._record(self.ChallengeHeld, actor, on, agency=agency,
                     summary=need(summary, "summarise the challenge session"), changes=agreed)

    def agency(self, name: str) -> str:
        found = one_of(name, self.agencies)
        if found is None:
            raise InvalidInput(f"{name.strip()!r} is not an agency of {self.ref} (its "
                               f"agencies: {', '.join(self.agencies)})")
        return found

    def agreed(self, agency: str, key: str) -> Rating | None:
        """The rating that stands: the challenge's where it changed one, else the agency's
        own (None if not rated)."""
        for changed, rating, _ in (self.challenges.get(agency) or (None, None, ()))[2]:
            if changed == key:
                return rating
        own = self.ratings.get((agency, key))
        return own.rating if own else None

    def open_items(self) -> list[tuple[str, str, Rating]]:
        """The amber and red standards that stand, by agency: what the next round carries
        and actions answer."""
        return [(a, s, r) for a in self.agencies for s in self.standards
                if (r := self.agreed(a, s)) in (Rating.AMBER, Rating.RED)]

    def returned_on(self, agency: str) -> date | None:
        """When `agency` had rated every standard of the round."""
        days = [self.ratings[(agency, s)].on for s in self.standards
                if (agency, s) in self.ratings]
        return max(days) if len(days) == len(self.standards) else None


def compare(earlier: Section11Round, later: Section11Round) -> dict:
    """The two rounds side by side, by agency and standard (rule SA4): the rating that stood
    in each and whether it improved, stayed or worsened."""
    if earlier.id == later.id:
        raise InvalidInput(f"compare {earlier.ref} with another round")
    if earlier.opened_on > later.opened_on:
        earlier, later = later, earlier
    rows = []
    for agency in unique([*earlier.agencies, *later.agencies]):
        for key in [k for k in STANDARDS if k in earlier.standards or k in later.standards]:
            was = earlier.agreed(agency, key) if agency in earlier.agencies else None
            now = later.agreed(agency, key) if agency in later.agencies else None
            if was is None or now is None:
                change = "not compared"
            else:
                change = ("improved" if now.rank > was.rank
                          else "worse" if now.rank < was.rank else "same")
            rows.append({"agency": agency, "standard": key, "earlier": was and was.value,
                         "later": now and now.value, "change": change})
    return {"earlier": earlier.ref, "later": later.ref, "rows": rows}

