"""Django admin of the core app, for superusers.

Calendar days are entered here; every save and delete goes through the calendar services,
which audit the change and refresh the cached calendar. The job ledger is read-only.
"""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from danvan.core import calendar
from danvan.core.errors import DomainError
from danvan.core.models import CalendarDay, CalendarYear, JobRun


class SuperuserOnlyAdmin(admin.ModelAdmin):
    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "source"]

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date", self.instance.date if self.instance.pk else None)
        if self.errors or date is None:
            return cleaned
        try:
            cleaned["name"] = calendar.validate_calendar_day(
                date=date, kind=cleaned.get("kind"), name=cleaned.get("name")
            )
            cleaned["source"] = calendar.clean_source(cleaned.get("source"))
        except DomainError as error:
            field = error.field if error.field in self.fields else None
            self.add_error(field, str(error.message))
        return cleaned


@admin.register(CalendarDay)
class CalendarDayAdmin(SuperuserOnlyAdmin):
    form = CalendarDayForm
    list_display = ["date", "weekday", "kind", "name", "source", "created_by", "created_at"]
    change_list_template = "admin/core/calendarday/change_list.html"
    list_filter = ["kind"]
    list_select_related = ["created_by"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"
    ordering = ["-date"]

    def changelist_view(self, request, extra_context=None):
        this_year = timezone.localdate().year
        extra_context = {
            **(extra_context or {}),
            "calendar_years": calendar.calendar_years(range(this_year - 1, this_year + 2)),
        }
        return super().changelist_view(request, extra_context)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["date", "kind", "name", "source"]
        return ["date", "kind", "name", "source", "created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # To move an entry to another date, delete it and add the new date.
        return [] if obj is None else ["date", "created_by", "created_at"]

    @admin.display(description=_("weekday"))
    def weekday(self, obj):
        return date_format(obj.date, "l")

    def save_model(self, request, obj, form, change):
        saved = calendar.calendar_day_set(
            actor=request.user, date=obj.date, kind=obj.kind, name=obj.name, source=obj.source
        )
        # The admin goes on with ``obj`` (its log, its redirect): give it the saved row.
        obj.pk, obj.created_by, obj.created_at = saved.pk, saved.created_by, saved.created_at
        obj.name = saved.name

    def delete_model(self, request, obj):
        calendar.calendar_day_delete(actor=request.user, day=obj)

    def delete_queryset(self, request, queryset):
        for day in queryset:
            calendar.calendar_day_delete(actor=request.user, day=day)


@admin.register(CalendarYear)
class CalendarYearAdmin(SuperuserOnlyAdmin):
    """Which year's official holiday schedule is confirmed and which is still an estimate."""

    list_display = ["year", "status", "source", "note"]
    list_filter = ["status"]


@admin.register(JobRun)
class JobRunAdmin(SuperuserOnlyAdmin):
    list_display = ["key", "done_at"]
    search_fields = ["key"]
    date_hierarchy = "done_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
