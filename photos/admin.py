from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from photos.forms import PhotoForm
from photos.models import Embed, Photo
from photos.tasks import fetch_embed

LIBRARY_PAGE = 24


def preview_url(photo: Photo) -> str:
    """The smallest copy for a thumbnail (the original until copies are made)."""
    copies = [r for r in photo.renditions if r.get("source") == photo.image.name]
    return default_storage.url(copies[0]["name"]) if copies else photo.image.url


def as_json(photo: Photo) -> dict:
    return {"id": photo.pk, "thumb": preview_url(photo), "alt": photo.alt, "caption": photo.caption,
            "credit": photo.credit, "language": photo.language, "label": photo.label}


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "alt", "caption", "credit", "language", "uploaded_by", "created_at"]
    list_display_links = ["thumbnail", "alt"]
    list_filter = ["language"]
    search_fields = ["alt", "caption", "credit"]
    list_select_related = ["uploaded_by"]
    readonly_fields = ["uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["image", ("focal_x", "focal_y"), "alt", "caption", "credit", "language"]}),
        ("Record", {"fields": ["uploaded_by", "created_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="photo")
    def thumbnail(self, photo):
        return format_html('<img src="{}" alt="" width="96" loading="lazy">', preview_url(photo)) if photo.image else "—"

    def get_queryset(self, request):
        # Writers see their own uploads only: another writer's photo may belong to a story not
        # yet published, and its caption would tell what that story is about. Editors see all.
        photos = super().get_queryset(request)
        if request.user.has_perm("photos.delete_photo"):
            return photos
        return photos.filter(uploaded_by=request.user)

    def has_change_permission(self, request, obj=None):
        # Writers change their own uploads; a photo others use in live stories is an editor's.
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed or request.user.has_perm("photos.delete_photo"):
            return allowed
        return obj.uploaded_by_id == request.user.pk

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    # -- what the article editor's "Insert photo" dialog asks (articles/static/articles/insert-photo.js) --

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("library/", view(self.library_view), name="photos_photo_library"),
            path("upload/", view(self.upload_view), name="photos_photo_upload"),
            path("<int:pk>/preview/", view(self.preview_view), name="photos_photo_preview"),
            *super().get_urls(),
        ]

    def library_view(self, request):
        """The newest photos matching ``q`` (alt text, caption, credit) as JSON."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        photos = self.get_queryset(request).exclude(image="")
        query = request.GET.get("q", "").strip()
        if query:
            photos = photos.filter(Q(alt__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query))
        return JsonResponse({"photos": [as_json(photo) for photo in photos[:LIBRARY_PAGE]]})

    def upload_view(self, request):
        """A new library photo from the dialog: the same form, checks and stripping as the admin's."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        return _upload(request)

    def preview_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(preview_url(get_object_or_404(self.get_queryset(request), pk=pk)))


@require_POST
def _upload(request):
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    photo = form.save(commit=False)
    photo.uploaded_by = request.user
    photo.save()
    return JsonResponse({"photo": as_json(photo)}, status=201)




@admin.register(Embed)
class EmbedAdmin(admin.ModelAdmin):
    """What the providers said about the videos and posts pasted into stories (read-only: a story's
    body adds them); an editor may have one asked again."""

    list_display = ["url", "provider", "title", "status", "fetched_at"]
    list_filter = ["provider", "status"]
    search_fields = ["url", "title"]
    readonly_fields = ["url", "provider", "title", "author_name", "text", "poster", "status", "error", "fetched_at"]
    fields = readonly_fields
    actions = ["ask_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Ask the provider again", permissions=["change"])
    def ask_again(self, request, queryset):
        for embed in queryset:
            fetch_embed.enqueue(embed.pk)
        self.message_user(request, f"Asked again about {queryset.count()} in the background.")
