"""Admin screens for rows only the app itself writes (pins through the front-page actions, the
translation matrix, donation proposals decided by approval, the audit trail): people see them,
never add, edit or delete them through a model form."""

from django.contrib import admin


class WrittenByTheAppAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
