"""The back office's read-only pages: evidence (messages, proofs, logs, counts) is read, not
edited, there. What changes such rows goes through an audited service."""

from django.contrib import admin


class ReadOnlyAdminMixin:
    """No add, change or delete, on a ModelAdmin or an inline alike (inlines pass `obj`)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
