from django.contrib import admin

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
