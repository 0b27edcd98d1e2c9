"""A child's death as the panel that reviews child deaths records it (issue 14, item 1;
REFERENCE §5 and §9; rules CD1 to CD5 in docs/rules.md).

Every death of a child normally resident in the area is notified to the Child Death Overview
Panel (CDOP). An unexpected death has a rapid response (Working Together 2015), called a joint
agency response from 2018. From 2018 the professionals involved hold a child death review
meeting before the panel reviews the death. The panel records a category, whether there were
modifiable factors (and what they were) and the learning. It refers a death that may meet the
criteria for a serious case to the chair (2015) or to the safeguarding partners (2018 on), which
opens a case.

The record is pseudonymous (rule X1): its reference is a code, the child's age is an age band,
and no name, NHS number or date of birth is ever in it."""

from dataclasses import dataclass
from datetime import date

from lif_domain.choices import Choice
from lif_domain.errors import InvalidInput, OutOfOrder
from lif_domain.events import DelayExplained, LifAggregate, Opened, record_id
from lif_domain.identifiers import check_pseudonym
from lif_domain.permissions import authorise
from lif_domain.roles import Actor
from lif_domain.rules import need, not_before

# The ten categories of the child death analysis form (REFERENCE §5).
CATEGORIES = {
    1: "deliberately inflicted injury, abuse or neglect",
    2: "suicide or deliberate self-inflicted harm",
    3: "trauma and other external factors",
    4: "malignancy",
    5: "acute medical or surgical condition",
    6: "chronic medical condition",
    7: "chromosomal, genetic and congenital anomalies",
    8: "perinatal or neonatal event",
    9: "infection",
    10: "sudden unexpected, unexplained death",
}


def category(text: str) -> int:
    """A category given by its number (1 to 10) or its words."""
    text = str(text).strip()
    if text.isdigit() and int(text) in CATEGORIES:
        return int(text)
    for number, words in CATEGORIES.items():
        if text.casefold() == words.casefold():
            return number
    listed = "; ".join(f"{n} {w}" for n, w in CATEGORIES.items())
    raise InvalidInput(f"category {text!r} is not one of the analysis form's ten: {listed}")


class AgeBand(Choice):
    """The age bands the panels' figures use: the child's age is kept as a band, never a date
    of birth (rule X1)."""

    NEONATAL = "0_27_days"
    INFANT = "28_364_days"
    AGE_1_4 = "1_4_years"
    AGE_5_9 = "5_9_years"
    AGE_10_14 = "10_14_years"
    AGE_15_17 = "15_17_years"

    @property
    def label(self) -> str:
        low, high, unit = self.value.split("_")
        return f"{low} to {high} {unit}"


class Modifiable(Choice):
    """Whether the panel found modifiable factors (REFERENCE §5)."""

    YES = "yes"
    NO = "no"
    INSUFFICIENT = "insufficient_information"


@dataclass(frozen=True)
class Response:
    """The rapid response (2015) or joint agency response (2018 on) to an unexpected death."""

    kind: str
    started_on: date
    meeting_on: date | None
    summary: str


@dataclass(frozen=True)
class PanelReview:
    reviewed_on: date
    category: int
    modifiable: Modifiable
    factors: str
    learning: str
    themes: tuple[str, ...]

    @property
    def category_words(self) -> str:
        return f"{self.category} {CATEGORIES[self.category]}"


class ChildDeath(LifAggregate):
    class Event(LifAggregate.Event):
        """Base of every child death's events: member, role and business date `on`."""

    class Notified(Event, Opened):
        ref: str
        died_on: date
        age_band: str
        expected: bool
        regime: str  # the regime in force when the death was notified (rule G1)
        regime_reason: str

        def apply(self, death: "ChildDeath") -> None:
            death.ref, death.died_on, death.notified_on = self.ref, self.died_on, self.on
            death.age_band, death.expected = AgeBand(self.age_band), self.expected
            death.regime, death.regime_reason = self.regime, self.regime_reason
            death.dates = {1: ("notified_on", self.on)}

    class ResponseRecorded(Event):
        kind: str  # "rapid response" or "joint agency response"
        started_on: date
        meeting_on: date | None
        summary: str

        def apply(self, death: "ChildDeath") -> None:
            death.response = Response(self.kind, self.started_on, self.meeting_on,
                                      self.summary)
            death.dates[self.originator_version] = ("response", self.on)

    class ReviewMeetingHeld(Event):
        summary: str

        def apply(self, death: "ChildDeath") -> None:
            death.meeting = (self.on, self.summary)
            death.dates[self.originator_version] = ("review_meeting", self.on)

    class PanelReviewed(Event):
        category: int
        modifiable: str
        factors: str
        learning: str
        themes: list

        def apply(self, death: "ChildDeath") -> None:
            death.review = PanelReview(self.on, self.category, Modifiable(self.modifiable),
                                       self.factors, self.learning, tuple(self.themes))
            death.dates[self.originator_version] = ("panel_review", self.on)

    class Referred(Event):
        to: str  # "the independent chair" or "the safeguarding partners"
        case_ref: str
        rationale: str

        def apply(self, death: "ChildDeath") -> None:
            death.referral = (self.on, self.to, self.case_ref, self.rationale)
            death.dates[self.originator_version] = ("referred", self.on)

    class DelayExplained(Event, DelayExplained):
        pass

    def __init__(self) -> None:
        self.response: Response | None = None
        self.meeting: tuple[date, str] | None = None
        self.review: PanelReview | None = None
        self.referral: tuple[date, str, str, str] | None = None

    @staticmethod
    def id_for(ref: str):
        return record_id("death", ref)

    @property
    def partnership(self) -> bool:
        """Whether it falls under the child death review partners' arrangements (2018 on),
        with a joint agency response and a child death review meeting (REFERENCE §9)."""
        return self.regime != "wt2015"

    @property
    def response_kind(self) -> str:
        return "joint agency response" if self.partnership else "rapid response"

    @property
    def referred_to(self) -> str:
        return "the safeguarding partners" if self.partnership else "the independent chair"

    @classmethod
    def notify(cls, ref: str, died_on: date, age_band: AgeBand, expected: bool, actor: Actor,
               on: date, regime: tuple[str, str]) -> "ChildDeath":
        """The panel told of a death (rule CD1); `regime`: the key of the regime in force on
        the date of notification, and why (regimes.regime_for)."""
        authorise(actor, "notify a child death")
        ref = check_pseudonym(ref, "child death reference")
        not_before(on, died_on, "the notification", "the death")
        key, why = regime
        return cls._open(cls.Notified, cls.id_for(ref), actor, on, ref=ref, died_on=died_on,
                         age_band=age_band.value, expected=expected, regime=key,
                         regime_reason=why)

    def record_response(self, started_on: date, meeting_on: date | None, summary: str,
                        actor: Actor, on: date) -> None:
        """An unexpected death's rapid response or joint agency response (rule CD2), once."""
        authorise(actor, "record a child death's response")
        if self.expected:
            raise OutOfOrder(f"{self.ref} was an expected death: it has no "
                             f"{self.response_kind} (rule CD2)")
        if self.response is not None:
            raise OutOfOrder(f"{self.ref}'s {self.response_kind} was already recorded "
                             f"(begun {self.response.started_on})")
        not_before(started_on, self.died_on, f"the {self.response_kind}", "the death")
        if meeting_on is not None:
            not_before(meeting_on, started_on, "its information-sharing meeting",
                       f"the {self.response_kind}")
        not_before(on, meeting_on or started_on, "the record of it", "what it records")
        self._record(self.ResponseRecorded, actor, on, kind=self.response_kind,
                     started_on=started_on, meeting_on=meeting_on,
                     summary=need(summary, f"summarise the {self.response_kind}"))

    def hold_review_meeting(self, summary: str, actor: Actor, on: date) -> None:
        """The child death review meeting of the professionals involved (rule CD3), once; an
        unexpected death's response comes first."""
        authorise(actor, "record a child death's response")
        if self.meeting is not None:
            raise OutOfOrder(f"{self.ref}'s child death review meeting was already recorded "
                             f"({self.meeting[0]})")
        self._after_response("the child death review meeting")
        not_before(on, self.notified_on, "the child death review meeting", "the notification")
        self._record(self.ReviewMeetingHeld, actor, on,
                     summary=need(summary, "summarise what the meeting found"))

    def panel_review(self, category_number: int, modifiable: Modifiable, factors: str,
                     learning: str, themes: list[str], actor: Actor, on: date) -> None:
        """The panel's review: the category, modifiable factors and what they were, the
        learning (rule CD3), once."""
        authorise(actor, "record the child death overview panel's review")
        if self.review is not None:
            raise OutOfOrder(f"{self.ref} was already reviewed by the panel on "
                             f"{self.review.reviewed_on}")
        self._after_response("the panel's review")
        if self.partnership and self.meeting is None:
            raise OutOfOrder(f"{self.ref} is reviewed by the panel after its child death "
                             "review meeting (rule CD3): record the meeting first")
        not_before(on, (self.meeting or (self.notified_on,))[0], "the panel's review",
                   "the child death review meeting" if self.meeting else "the notification")
        if category_number not in CATEGORIES:
            category(str(category_number))  # refused with the list
        factors = factors.strip()
        if modifiable is Modifiable.YES:
            factors = need(factors, "modifiable factors were found: say what they were")
        elif factors:
            raise InvalidInput(f"modifiable factors were found '{modifiable.words}': leave "
                               "out what they were, or record 'yes'")
        self._record(self.PanelReviewed, actor, on, category=category_number,
                     modifiable=modifiable.value, factors=factors,
                     learning=need(learning, "record what the panel learned"),
                     themes=sorted({t.strip().lower() for t in themes if t.strip()}))

    def refer(self, case_ref: str, rationale: str, actor: Actor, on: date) -> None:
        """A death that may meet the criteria for a serious case, referred to the chair (2015)
        or the safeguarding partners (2018 on), which opens case `case_ref` (rule CD4)."""
        authorise(actor, "refer a child death for a case review")
        if self.referral is not None:
            raise OutOfOrder(f"{self.ref} was already referred to {self.referral[1]} on "
                             f"{self.referral[0]} (case {self.referral[2]})")
        not_before(on, self.notified_on, "the referral", "the notification")
        self._record(self.Referred, actor, on, to=self.referred_to,
                     case_ref=check_pseudonym(case_ref),
                     rationale=need(rationale, "say why the death may meet the criteria"))

    def _after_response(self, what: str) -> None:
        if not self.expected and self.response is None:
            raise OutOfOrder(f"{self.ref} was an unexpected death: {what} follows its "
                             f"{self.response_kind} (rule CD2): record that first")


@dataclass(frozen=True)
class DeathFigures:
    """The panel's figures for a period (rule CD6): deaths notified in it, by age band and
    expected or not; deaths the panel reviewed in it, by category, modifiable factors and
    theme; and referrals for a case review made in it. The one answer `lif deaths report`,
    its JSON and the annual report read."""

    start: date
    end: date
    notified: tuple[ChildDeath, ...]
    reviewed: tuple[ChildDeath, ...]
    referred: tuple[ChildDeath, ...]

    @classmethod
    def of(cls, deaths: list[ChildDeath], start: date, end: date) -> "DeathFigures":
        if start > end:
            raise InvalidInput(f"the period starts ({start}) after it ends ({end})")

        def within(day: date | None) -> bool:
            return day is not None and start <= day <= end

        in_order = sorted(deaths, key=lambda d: (d.notified_on, d.ref))
        return cls(start, end, tuple(d for d in in_order if within(d.notified_on)),
                   tuple(d for d in in_order if d.review and within(d.review.reviewed_on)),
                   tuple(d for d in in_order if d.referral and within(d.referral[0])))

    def by_age_band(self) -> dict[str, int]:
        return {band.label: sum(d.age_band is band for d in self.notified) for band in AgeBand}

    def by_category(self) -> dict[str, int]:
        return {f"{n} {words}": sum(d.review.category == n for d in self.reviewed)
                for n, words in CATEGORIES.items()}

    def by_modifiable(self) -> dict[str, int]:
        return {m.words: sum(d.review.modifiable is m for d in self.reviewed)
                for m in Modifiable}

    def by_theme(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for d in self.reviewed:
            for theme in d.review.themes:
                counts[theme] = counts.get(theme, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def data(self) -> dict:
        """The figures as plain data, for --json."""
        expected = sum(d.expected for d in self.notified)
        return {"from": self.start, "to": self.end,
                "notified": len(self.notified), "expected": expected,
                "unexpected": len(self.notified) - expected,
                "by_age_band": self.by_age_band(),
                "reviewed": len(self.reviewed), "by_category": self.by_category(),
                "modifiable_factors": self.by_modifiable(), "themes": self.by_theme(),
                "referred": [{"death": d.ref, "on": d.referral[0], "to": d.referral[1],
                              "case": d.referral[2]} for d in self.referred]}


# The analysis fields of each death, for a national return (rule CD6; docs/child-deaths.md):
# one row a death, in this order. LAYOUT names the layout; a change gets a new name.
LAYOUT = "lif-child-death-analysis-1"
ANALYSIS_FIELDS = ("reference", "regime", "died_on", "notified_on", "age_band", "expected",
                   "response", "response_started_on", "review_meeting_on", "reviewed_on",
                   "category", "category_words", "modifiable_factors", "factors", "learning",
                   "themes", "referred_on", "referred_to", "case")


def analysis_row(death: ChildDeath) -> dict:
    """One death's analysis fields (ANALYSIS_FIELDS), as plain values (None where not yet
    recorded)."""
    review, response, referral = death.review, death.response, death.referral
    return {"reference": death.ref, "regime": death.regime, "died_on": death.died_on,
            "notified_on": death.notified_on, "age_band": death.age_band.label,
            "expected": death.expected,
            "response": None if death.expected else death.response_kind,
            "response_started_on": response and response.started_on,
            "review_meeting_on": death.meeting and death.meeting[0],
            "reviewed_on": review and review.reviewed_on,
            "category": review and review.category,
            "category_words": review and CATEGORIES[review.category],
            "modifiable_factors": review and review.modifiable.words,
            "factors": review and review.factors, "learning": review and review.learning,
            "themes": list(review.themes) if review else [],
            "referred_on": referral and referral[0], "referred_to": referral and referral[1],
            "case": referral and referral[2]}
