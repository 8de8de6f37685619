"""The unit picker: type part of a name, get the units the action allows, labelled by place."""

import pytest
from django import forms

from danvan.core.forms import ServiceForm
from danvan.core.pickers import PickerField, PickerMultipleField


def _matches(client, query, source="units.visible"):
    response = client.get(f"/chon/{source}/", {"q": query})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_typing_without_diacritics_finds_the_unit_with_its_place(cast, client_for):
    texts = _matches(client_for(cast.province_officer), "kim phu")
    assert texts == ["Xã Kim Phú · Tỉnh Quảng Trị"]


def test_two_communes_of_one_name_are_told_apart_by_their_province(cast, client_for):
    texts = _matches(client_for(cast.admin), "truong son")
    assert "Xã Trường Sơn · Tỉnh Quảng Trị" in texts
    assert "Xã Trường Sơn · Tỉnh Bắc Ninh" in texts


def test_an_official_finds_only_the_units_of_their_commune(cast, client_for):
    client = client_for(cast.official_a)
    assert _matches(client, "kim phu") == []  # commune B is not theirs
    assert _matches(client, "bac ninh") == []
    assert _matches(client, "dong") == ["Thôn Đông · Xã Trường Sơn · Tỉnh Quảng Trị"]


def test_the_picker_answers_nothing_to_strangers_and_unknown_sources(cast, client, client_for):
    assert client.get("/chon/units.visible/", {"q": "kim"}).status_code == 404
    assert client_for(cast.admin).get("/chon/nothing.here/", {"q": "a"}).status_code == 404


def test_matches_are_few_and_the_query_count_does_not_grow(cast, client_for, tree):
    from danvan.units.tests.factories import OrgUnitFactory, unit_type

    for index in range(40):
        OrgUnitFactory(
            name=f"Thôn Mới {index}", unit_type=unit_type("village"), parent=tree.commune_a
        )
    client = client_for(cast.province_officer)
    texts = _matches(client, "thon moi")
    assert len(texts) == 20


class TargetForm(ServiceForm):
    target = PickerField("units.visible", label="Đơn vị")
    others = PickerMultipleField("units.visible", label="Đơn vị khác", required=False)

    def call_service(self):
        return self.cleaned_data


def test_a_unit_outside_what_the_action_allows_is_refused_like_any_bad_choice(cast):
    form = TargetForm({"target": cast.tree.commune_b.pk}, actor=cast.official_a)
    assert form.save() is False
    assert "target" in form.errors


def test_the_form_offers_only_the_chosen_units_never_the_whole_list(cast):
    form = TargetForm(
        {
            "target": cast.tree.commune_a.pk,
            "others": [cast.tree.commune_b.pk, cast.tree.province.pk],
        },
        actor=cast.province_officer,
    )
    assert form.save(), form.errors
    assert form.result["target"] == cast.tree.commune_a
    html = str(form["others"])
    assert html.count("<option") == 2
    assert "Xã Kim Phú · Tỉnh Quảng Trị" in html and 'data-picker="/chon/units.visible/"' in html
    blank = str(TargetForm(actor=cast.province_officer)["target"])
    assert blank.count("<option") == 1  # an empty choice, nothing else


@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-1"])
def test_garbage_ids_are_a_form_error(cast, value):
    form = TargetForm({"target": value}, actor=cast.province_officer)
    assert form.save() is False and "target" in form.errors


def test_too_many_units_at_once_are_refused(cast):
    class Few(TargetForm):
        others = PickerMultipleField("units.visible", max_count=1, required=False)

    form = Few(
        {
            "target": cast.tree.commune_a.pk,
            "others": [cast.tree.commune_a.pk, cast.tree.commune_b.pk],
        },
        actor=cast.province_officer,
    )
    assert form.save() is False and "others" in form.errors
    assert isinstance(TargetForm.base_fields["target"], forms.ModelChoiceField)
