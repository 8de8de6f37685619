"""A page with one unit picker and one date field, only for the browser tests of core's widgets."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

from danvan.core.forms import DateField, ServiceForm
from danvan.core.pickers import PickerField, PickerMultipleField
from danvan.core.views import posted


class TryForm(ServiceForm):
    target = PickerField("units.visible", label="Đơn vị nhận")
    others = PickerMultipleField("units.visible", label="Đơn vị phối hợp", required=False)
    day = DateField(label="Ngày nhận")
    note = forms.CharField(label="Ghi chú", required=False)

    def call_service(self):
        return None


def try_page(request):
    form = TryForm(posted(request), actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        others = ", ".join(u.name for u in data["others"])
        return HttpResponse(f"OK {data['target'].name} | {others} | {data['day']:%d/%m/%Y}")
    return render(request, "core/tests/try_form.html", {"form": form})


urlpatterns = [path("thu-chon/", try_page), path("", include("danvan.urls"))]
