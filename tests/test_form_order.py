"""The form's order comes from one list (``ui/form_order.FORM_ORDER``), not from code
spread over the form: what you noticed first (the signs, the questions, the time),
the identifiers after; a field the list does not name still gets its control."""

from __future__ import annotations

import ipywidgets as w
import pytest
from field_helpers import REFERRAL, add_field

from interview_kit.core import fields
from interview_kit.core import signals as signals_module
from interview_kit.ui import form_order
from interview_kit.ui.form import InterviewForm, simple_fields
from interview_kit.ui.form_order import (
    FORM_ORDER,
    LATER_HEADING,
    MORE_SIGNS,
    SIGNS,
    Section,
    form_plan,
)


def _positions(form: InterviewForm) -> list[int]:
    """Where each step of the form's plan sits among the form's children."""
    children = list(form.container.children)
    found = []
    for kind, value in form_plan(form.fields):
        if kind == "heading":
            [index] = [
                i
                for i, c in enumerate(children)
                if isinstance(c, w.HTML) and f">{value}</h2>" in c.value
            ]
        elif kind == SIGNS:
            rows = [children.index(form._rows[s.id]) for s in form.signals if not s.optional]
            assert rows == list(range(rows[0], rows[0] + len(rows)))  # together, in order
            index = rows[0]
        elif kind == MORE_SIGNS:
            index = children.index(form.more_signs)
        else:
            index = children.index(form.controls[value])
            assert children[index + 1] is form.messages.slot(value)  # its message after it
        found.append(index)
    return found


def test_the_form_follows_the_order_list():
    form = InterviewForm()
    positions = _positions(form)
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    # The list names every simple field of the table but the later schema's (placed after).
    named = [p for s in FORM_ORDER for p in s.parts if p not in (SIGNS, MORE_SIGNS)]
    shown = [value for kind, value in form_plan(form.fields) if kind == "field"]
    assert shown[: len(named)] == named
    assert sorted(shown) == sorted(f.key for f in simple_fields())
    assert form.container.children[-1] is form.debrief.accordion  # the Debrief stays last


def test_what_you_notice_comes_before_the_identifiers():
    form = InterviewForm()
    children = list(form.container.children)
    first_sign = children.index(form._rows[signals_module.observed_signals()[0].id])
    noticed = [
        first_sign,
        *(children.index(c) for c in (form.share, form.scheduled, form.actual, form.notes)),
    ]
    identifiers = [children.index(c) for c in (form.company, form.role, form.date, form.stage)]
    assert max(noticed) < min(identifiers)
    assert first_sign < children.index(form.share) < children.index(form.scheduled)


def test_a_changed_list_changes_the_form(monkeypatch):
    reordered = (
        Section("The interview", (fields.COMPANY.key, fields.ROLE.key)),
        Section("Signs", (SIGNS,)),
    )
    monkeypatch.setattr(form_order, "FORM_ORDER", reordered)
    form = InterviewForm()
    children = list(form.container.children)
    sign = children.index(form._rows[signals_module.observed_signals()[0].id])
    assert children.index(form.company) < children.index(form.role) < sign
    positions = _positions(form)
    assert positions == sorted(positions)
    # What the list left out still has its control, after the rest: "More signs",
    # then the simple fields under their heading.
    plan = form_plan(form.fields)
    assert plan.index((MORE_SIGNS, "")) < plan.index(("heading", LATER_HEADING))
    assert all(("field", f.key) in plan for f in simple_fields())


@pytest.mark.parametrize("order", [FORM_ORDER, ()])
def test_every_part_is_planned_once(order):
    plan = form_plan(simple_fields(), order)
    assert len(plan) == len(set(plan))
    assert (SIGNS, "") in plan and (MORE_SIGNS, "") in plan


def test_a_new_field_gets_its_control_after_the_named_ones(monkeypatch):
    add_field(monkeypatch, REFERRAL)
    form = InterviewForm()
    children = list(form.container.children)
    assert children.index(form.controls[REFERRAL.key]) > children.index(form.stage)
    positions = _positions(form)
    assert positions == sorted(positions)
