from django import forms
from django.db import models


class MultipleChoiceJSONField(models.JSONField):
    """A JSON list of choice values, edited as checkboxes in the admin."""

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _ in self.item_choices}
        unknown = [v for v in value or [] if v not in allowed]
        if unknown:
            from django.core.exceptions import ValidationError

            raise ValidationError(f"无效的选项：{'、'.join(map(str, unknown))}")
