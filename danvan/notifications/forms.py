from django import forms

from danvan.notifications import selectors


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind of notice: whether it reaches the person by e-mail too."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = selectors.email_choices(user)
        for choice in self.choices:
            self.fields[self.field_name(choice.kind.key)] = forms.BooleanField(
                label=choice.kind.label,
                help_text=choice.kind.help_text,
                required=False,
                initial=choice.email,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )

    @staticmethod
    def field_name(kind_key: str) -> str:
        return "email__" + kind_key.replace(".", "__")

    def email_choices(self) -> dict[str, bool]:
        return {
            choice.kind.key: self.cleaned_data[self.field_name(choice.kind.key)]
            for choice in self.choices
        }
