from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

# Third-party apps' code names, as the newsroom calls them.
APP_NAMES = {
    "taggit": "Tags",
    "flatpages": "Pages (About, Contact…)",
    "otp_totp": "Two-factor: authenticator apps",
    "otp_static": "Two-factor: backup codes",
    "axes": "Sign-in attempts and lockouts",
    "sites": "Site name and address",
    "auth": "Staff accounts and roles",
}


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Newsroom admin"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = APP_NAMES.get(app["app_label"], app["name"])
        return apps

    def index(self, request, extra_context=None):
        """The front page is each person's desk: what waits for them (newsroom/dashboard.py)."""
        from newsroom.dashboard import desk_for

        desk = desk_for(request.user)
        return super().index(request, {"desk": desk, "title": desk.title, **(extra_context or {})})

    def admin_view(self, view, cacheable=False):
        """A refusal inside the admin is a page of the admin (with the way back), not a bare "403 Forbidden"."""
        protected = super().admin_view(view, cacheable)

        @wraps(protected)
        def refusing_in_the_admin(request, *args, **kwargs):
            try:
                return protected(request, *args, **kwargs)
            except PermissionDenied as refusal:
                context = {**self.each_context(request), "title": "Not part of your role", "reason": str(refusal)}
                return TemplateResponse(request, "admin/403.html", context, status=403)

        return refusing_in_the_admin
