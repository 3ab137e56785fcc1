"""Admin create and edit views whose save is one service call: a refusal shows on the form, nothing is saved."""

from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.admin.views import generic


class RefusalOnFormMixin:
    """A service's ValidationError (or a PermissionDenied it raises for this object) becomes the form's error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PermissionDenied as exc:
            self.produced_error_message = str(exc) or "您没有权限执行此操作。"
        except ValidationError as exc:
            self.produced_error_message = "；".join(exc.messages)
        form.add_error(None, self.produced_error_message)
        return self.form_invalid(form)


class ServiceCreateView(RefusalOnFormMixin, generic.CreateView):
    """A create view whose `save_instance` calls the service."""


class ServiceEditView(RefusalOnFormMixin, generic.EditView):
    """An edit view whose `save_instance` calls the service."""
