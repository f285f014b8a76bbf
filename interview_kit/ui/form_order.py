"""The interview form's order, top to bottom: one list, read when a form is built.

The form is filled straight after an interview, often on a phone, and what fades
first is what you noticed: how they listened and looked at you, how the talk flowed
(the article's signs, in the catalog's order: body language, then flow), what kind
of questions they asked, and how the time went against the schedule. So the form
asks for those first. The identifiers (company, role, date, stage) come after the
notes: they do not fade, the reading needs none of them (only the booked minutes,
which start at a suggestion), and a saved interview is named in the action bar
anyway. The Debrief section stays last (the form adds it after this order).

One order at every width: on a wide screen the reading sits beside the form and the
same order reads as well; one order keeps the tab order the reading order everywhere.

Each :class:`Section` names its heading and what goes under it: field keys from the
field table (``signals``: the article's signs, one row each, in the catalog's order)
or :data:`MORE_SIGNS` (the folded signs beyond the article). A simple field the
order does not name (a row a later schema added to the table) is not lost: it goes
under :data:`LATER_HEADING` after the rest, so a new field stays a one-place change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core import fields
from ..core.fields import Field

#: The article's signs, one row each (the field table's ``signals`` row).
SIGNS = fields.SIGNALS.key
#: The folded "More signs": signs beyond the article and signs of your own.
MORE_SIGNS = "more_signs"
#: The heading over the simple fields the order does not name.
LATER_HEADING = "More about it"


@dataclass(frozen=True)
class Section:
    """A heading (``""``: none of its own) and what goes under it, in order."""

    heading: str
    parts: tuple[str, ...]


#: The form from top to bottom (see the module's words for why this order).
FORM_ORDER: tuple[Section, ...] = (
    Section("What you noticed", (SIGNS,)),
    Section(
        "Their questions and the time",
        (
            fields.BEHAVIORAL_SHARE.key,
            fields.SCHEDULED_MINUTES.key,
            fields.ACTUAL_MINUTES.key,
        ),
    ),
    Section("", (MORE_SIGNS, fields.NOTES.key)),
    Section(
        "The interview",
        (fields.COMPANY.key, fields.ROLE.key, fields.DATE.key, fields.STAGE.key),
    ),
)

#: One step of the form's plan: ``("heading", words)``, ``("field", key)``,
#: ``(SIGNS, "")`` or ``(MORE_SIGNS, "")``.
Step = tuple[str, str]


def form_plan(simple: Sequence[Field], order: Sequence[Section] | None = None) -> list[Step]:
    """The form top to bottom for these simple fields: :data:`FORM_ORDER` (or
        ``order``), leaving out a key with no control here, then every simple field it
        does not name under :data:`LATER_HEADING`. Each part appears once, and the signs
    always do (at the end if the order leaves them out)."""
    keys = {f.key for f in simple}
    placed: set[str] = set()
    plan: list[Step] = []
    for section in FORM_ORDER if order is None else order:
        steps: list[Step] = []
        for part in section.parts:
            if part in placed:
                continue
            if part in (SIGNS, MORE_SIGNS):
                steps.append((part, ""))
            elif part in keys:
                steps.append(("field", part))
            else:
                continue
            placed.add(part)
        if steps and section.heading:
            plan.append(("heading", section.heading))
        plan += steps
    plan += [(part, "") for part in (SIGNS, MORE_SIGNS) if part not in placed]
    rest = [("field", f.key) for f in simple if f.key not in placed]
    if rest:
        plan += [("heading", LATER_HEADING), *rest]
    return plan
