from django.db import models

from evaluation.privacy import crypto


class ProtectedIdNumber(models.Model):
    """An ID number kept as a keyed hash (to match), a mask (to show) and cipher text (to reveal)."""

    id_number_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    id_number_masked = models.CharField("身份证号", max_length=20, blank=True, editable=False)
    id_number_cipher = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def set_id_number(self, value):
        value = (value or "").strip().upper()
        self.id_number_hash = crypto.keyed_hash(value)
        self.id_number_masked = crypto.mask_id_number(value)
        self.id_number_cipher = crypto.encrypt(value)

    def reveal_id_number(self):
        """The full ID number: call only after rules.can_view_private_data."""
        return crypto.decrypt(self.id_number_cipher, record=self, field="id_number")
