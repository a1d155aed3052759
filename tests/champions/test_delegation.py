"""The one value for "a Member State or an organisation" (champions.models.Delegation).

Form values: the decoders before this value (the views' ``delegation_from_value``, the
triage filter, the filter chip's label) agreed on every value a form lets through and
disagreed on the rest. ``Delegation.from_value`` keeps what they agreed on — "s12" and "o3",
with the decimal digits ``int`` reads (a form's ``\\d`` lets "s١" through and it was Member
State 1 everywhere) — and names nothing for the rest. Before, a forged value that no form
lets through gave: "s", "o1x", " s1" a server error (ValueError) in the views and an empty
triage list; "x1" organisation 1 in the views; "s-1" and "s99999" a 404 in the views. Now
each is None: a 404 in the views (``selectors.delegation_by_value``), an empty triage list.
"""

import pytest
from django.apps import apps
from django.http import Http404
from django.utils import translation

from champions.enums import ReviewerGroup
from champions.models import Delegation, DelegationOwned, Invitation, Membership
from reviews import selectors
from reviews.selectors.triage import apply_filters, filter_value_label
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="International Labour Organization", acronym="ILO", in_reference_group=True)


def test_form_value_round_trip(states, organisation):
    morocco, ilo = Delegation(member_state=states["MA"]), Delegation(organisation=organisation)

    assert (morocco.value, ilo.value) == (f"s{states['MA'].pk}", f"o{organisation.pk}")
    assert (morocco.code, ilo.code) == (morocco.value, ilo.value)
    assert Delegation.from_value(morocco.value) == morocco
    assert Delegation.from_value(ilo.value) == ilo
    assert Delegation.from_value(ilo.value).organisation == organisation
    assert (morocco.key, ilo.key) == ((states["MA"].pk, None), (None, organisation.pk))
    assert (Delegation.parse(morocco.value), Delegation.parse(ilo.value)) == (morocco.key, ilo.key)


@pytest.mark.parametrize("value", ["", "s", "o", "x1", "s-1", "s+1", "s 1", " s1", "s1 ", "o1x", "S1", "s1.0", "s²"])
def test_forged_form_values_name_nothing(states, organisation, value):
    assert (Delegation.parse(value), Delegation.from_value(value)) == (None, None)
    with pytest.raises(Http404):
        selectors.delegation_by_value(value)


@pytest.mark.parametrize("value", [None, 12, ["s1"]])
def test_values_that_are_not_text_name_nothing(db, value):
    assert (Delegation.parse(value), Delegation.from_value(value)) == (None, None)


def test_unknown_keys_name_nothing(states, organisation):
    assert Delegation.from_value("s99999") is None
    assert Delegation.from_value(f"o{organisation.pk + 1000}") is None
    assert Delegation.from_value("s" + "9" * 19) is None  # longer than any key: not read at all
    with pytest.raises(Http404):
        selectors.delegation_by_value("s99999")


def test_unicode_decimal_digits_are_the_same_delegation(states):
    value = "s" + str(states["MA"].pk).translate(ARABIC_INDIC)

    assert Delegation.from_value(value) == Delegation(member_state=states["MA"])
    assert Delegation.from_value(value).value == f"s{states['MA'].pk}"


def test_the_views_decoder_loads_the_delegation(states, organisation):
    assert selectors.delegation_by_value(f"s{states['MA'].pk}").owner == states["MA"]
    assert selectors.delegation_by_value(f"o{organisation.pk}").owner == organisation


def test_triage_filter_and_chip_read_the_same_values(states, organisation):
    from reviews.models import Comment

    comments = Comment.objects.all()
    value = "s" + str(states["MA"].pk).translate(ARABIC_INDIC)

    assert str(apply_filters(comments, {"delegation": value}).query) == str(
        apply_filters(comments, {"delegation": f"s{states['MA'].pk}"}).query
    )
    assert "WHERE" not in str(apply_filters(comments, {"delegation": ""}).query)
    assert list(apply_filters(comments, {"delegation": "x1"})) == []
    assert filter_value_label("delegation", value) == "Morocco"
    assert filter_value_label("delegation", f"o{organisation.pk}") == "International Labour Organization (ILO)"
    assert filter_value_label("delegation", "s99999") == "s99999"


@pytest.mark.parametrize(("language", "name"), [("en", "Morocco"), ("fr", "Maroc"), ("es", "Marruecos")])
def test_name_is_the_un_name_in_the_active_language(states, language, name):
    delegation = Delegation(member_state=states["MA"])
    with translation.override(language):
        assert (delegation.name, str(delegation), f"{delegation}") == (name, name, name)


def test_organisation_name_with_acronym(organisation):
    delegation = Delegation(organisation=organisation)
    assert (delegation.name, str(delegation)) == ("International Labour Organization (ILO)",) * 2
    assert delegation.owner == organisation


def test_reviewer_group(states, organisation):
    stakeholder = OrganisationFactory(name="A foundation", in_reference_group=False)

    assert [
        Delegation(member_state=states["MA"]).reviewer_group,
        Delegation(member_state=states["FR"]).reviewer_group,
        Delegation(organisation=organisation).reviewer_group,
        Delegation(organisation=stakeholder).reviewer_group,
    ] == [ReviewerGroup.CHAMPION, ReviewerGroup.MEMBER_STATE, ReviewerGroup.REFERENCE_GROUP, ReviewerGroup.STAKEHOLDER]
    membership = MembershipFactory(user=UserFactory(), member_state=states["FR"])
    assert membership.reviewer_group == ReviewerGroup.MEMBER_STATE


def test_equality_and_hash_by_key(states, organisation):
    from champions.models import MemberState, Organisation

    morocco = Delegation(member_state=states["MA"])
    again = Delegation(member_state=MemberState.objects.get(pk=states["MA"].pk))
    same_number = Delegation(organisation=Organisation(pk=states["MA"].pk, name="Same number"))

    assert (morocco == again, hash(morocco) == hash(again)) == (True, True)
    assert morocco != same_number
    assert morocco != states["MA"]
    assert morocco != morocco.value
    assert {morocco, again, same_number} == {morocco, same_number}


def test_exactly_one_of_the_two(states, organisation):
    with pytest.raises(ValueError):
        Delegation()
    with pytest.raises(ValueError):
        Delegation(states["MA"], organisation)


def test_of_reads_any_object_with_the_two_keys(states, organisation):
    membership = MembershipFactory(user=UserFactory(), member_state=None, organisation=organisation)

    assert membership.delegation == Delegation(organisation=organisation)
    assert Delegation.of(membership) == membership.delegation
    assert Invitation(email="x@example.org").delegation is None
    # A form not yet validated may set both: the Member State, as ``member_state or organisation`` did.
    assert Invitation(member_state=states["MA"], organisation=organisation).delegation == Delegation(states["MA"])


def test_q_selects_what_the_delegation_owns(states, organisation):
    from django.contrib.auth import get_user_model

    in_morocco = MembershipFactory(user=UserFactory(), member_state=states["MA"])
    MembershipFactory(user=UserFactory(), member_state=states["FR"])
    in_ilo = MembershipFactory(user=UserFactory(), member_state=None, organisation=organisation)

    assert list(Membership.objects.filter(Delegation(states["MA"]).q())) == [in_morocco]
    assert list(Membership.objects.filter(Delegation(organisation=organisation).q())) == [in_ilo]
    assert list(get_user_model().objects.filter(Delegation(organisation=organisation).q("memberships__"))) == [
        in_ilo.user
    ]
    assert Delegation(states["MA"]).fields == {"member_state": states["MA"], "organisation": None}


def test_every_model_owned_by_a_delegation_has_its_delegation():
    owned = {
        model.__name__
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
        and {"member_state", "organisation"} <= {f.name for f in model._meta.get_fields() if f.concrete}
        and model._meta.get_field("organisation").related_model.__name__ == "Organisation"
    }
    assert owned == {
        "Comment",
        "DeadlineExtension",
        "ExternalFeedback",
        "Invitation",
        "Membership",
        "ReminderSent",
        "Submission",
        "SurveyResponse",
    }
    assert all(issubclass(apps.get_model(label, name), DelegationOwned) for label, name in _labels(owned))


def _labels(names):
    for model in apps.get_models():
        if model.__name__ in names:
            yield model._meta.app_label, model.__name__
