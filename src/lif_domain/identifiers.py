"""Keeping personal identifiers out of the event log (REFERENCE §11; rules X1 and X2 in
docs/rules.md): the log is permanent and cannot be erased, so what a person could be found by
never goes into it.

- Every text an event carries (rationales, summaries, notes, titles, findings, names of
  invitees...) is screened for NHS numbers (ten digits, however grouped), telephone numbers
  (UK, and any ten digits grouped 3-3-4), e-mail addresses, National Insurance numbers,
  postcodes, and dates labelled as dates of birth (rule X1).
- A case reference is a pseudonym: 'Child H', 'Family U', 'Baby 3', or a code such as
  'C-2017-04'; never a name, and never a date or a number of the kinds above (rule X2).

What is refused is named but not repeated whole, so the refusal itself does not spread it.
Names in free text cannot be told from other words reliably and are not screened: the
refusal messages and docs/rules.md say to write pseudonyms."""

import functools
import re
import unicodedata

from lif_domain.errors import InvalidInput

_DATE = (r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3,9}\.?,?\s+\d{2,4}"
         r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4}"
         r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})")


@functools.cache
def patterns() -> list[tuple[str, re.Pattern]]:
    """The identifiers screened for, compiled when a text first needs them (a text with no
    digit and no '@' never does: start-up, ADR 0005)."""
    return [
        ("an NHS number", re.compile(r"(?<![\d\w])\d{3}[ \-.]?\d{3}[ \-.]?\d{4}(?![\d\w])",
                                     re.ASCII)),
        ("a telephone number", re.compile(
            r"(?<![\d\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s\-]?\d{3,4}[\s\-]?\d{3,4}(?!\d)",
            re.ASCII)),
        ("an e-mail address", re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.ASCII)),
        ("a National Insurance number", re.compile(
            r"(?<![A-Za-z\d])[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]"
            r"(?![A-Za-z\d])", re.IGNORECASE | re.ASCII)),
        ("a postcode", re.compile(
            r"(?<![A-Za-z\d])[A-Z]{1,2}\d[A-Z\d]?\s*\d(?-i:(?!st|nd|rd|th))[A-Z]{2}"
            r"(?![A-Za-z\d])", re.IGNORECASE | re.ASCII)),
        ("a date of birth", re.compile(
            r"(?:\bd\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|\bborn(?:\s+on)?)\W{0,3}" + _DATE,
            re.IGNORECASE | re.ASCII)),
    ]


@functools.cache
def reference_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Any date, and the shapes of a pseudonym (rule X2)."""
    return re.compile(_DATE, re.ASCII), re.compile(
        r"(?:child|children|family|baby|infant|young person|sibling|siblings|case)"
        r"(?:[ \-][A-Za-z0-9][A-Za-z0-9 \-]{0,15})?"
        r"|(?=[A-Za-z0-9/\-]*\d)[A-Za-z]{1,8}[\-/][A-Za-z0-9/\-]{1,24}", re.IGNORECASE | re.ASCII)


# Text is screened in its compatibility form, so full-width digits, non-breaking and thin spaces
# and typographic dashes hide nothing (ASCII patterns compile in a fifth of the time: every
# write screens, ADR 0005).
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63"})
ADVICE = ("keep names, dates of birth, addresses and numbers of children and families out of "
          "the log (rule X1): refer to them by pseudonyms such as 'Child H'")


class PersonalData(InvalidInput):
    """Raised when a text holds what looks like a personal identifier (rules X1, X2)."""


def _hint(found: str) -> str:
    """The identifier with most of it hidden, to say which one without repeating it."""
    return found[:2] + "\u2026" if len(found) > 3 else "\u2026"


def screen(text: str, what: str) -> str:
    """`text`, if it holds no personal identifier; else PersonalData naming `what` holds."""
    plain = text if text.isascii() else "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c
        for c in unicodedata.normalize("NFKC", text).translate(_DASHES))
    if "@" not in plain and not any(c.isdigit() for c in plain):
        return text
    for kind, pattern in patterns():
        found = pattern.search(plain)
        if found:
            raise PersonalData(f"the {what} holds what looks like {kind} "
                               f"({_hint(found.group())!r}): {ADVICE}; nothing was written")
    return text


def screen_fields(fields: dict) -> None:
    """Every text among an event's fields (in lists, tuples and dicts too) screened."""
    for name, value in fields.items():
        for text in _texts(value):
            screen(text, name.replace("_", " "))


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def check_pseudonym(ref: str, what: str = "case reference") -> str:
    """A case reference (or `what`: a child death's) is a pseudonym such as 'Child H', short,
    and never an identifier or a date (rule X2)."""
    ref = ref.strip()
    if not ref or len(ref) > 40:
        raise InvalidInput(f"a {what} must be 1 to 40 characters, e.g. 'Child H'")
    screen(ref, what)
    any_date, pseudonym = reference_patterns()
    if any_date.search(ref) or patterns()[0][1].search(ref.replace(" ", "")):
        raise PersonalData(f"{what} {ref!r} looks like a date or an NHS number: use a "
                           "pseudonym such as 'Child H'")
    if not pseudonym.fullmatch(ref):
        raise PersonalData(f"{what} {_hint(ref)!r} is not a pseudonym: use 'Child', "
                           "'Family', 'Baby', 'Sibling' or 'Case' and a letter or number (e.g. "
                           "'Child H', 'Family U2'), or a code such as 'C-2017-04' (rule X2)")
    return ref
