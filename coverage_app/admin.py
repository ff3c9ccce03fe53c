from django.contrib import admin

from coverage_app import models


@admin.register(models.Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "created"]
    search_fields = ["name", "domain"]


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published", "status", "created"]
    list_filter = ["status", "outlet"]
    search_fields = ["title", "author"]
    raw_id_fields = ["story", "created_by"]


@admin.register(models.Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "updated"]


@admin.register(models.Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "is_organisation"]
    search_fields = ["name"]


@admin.register(models.Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker_name", "kind", "article"]
    list_filter = ["kind"]
    raw_id_fields = ["article", "speaker"]


@admin.register(models.Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["label", "status", "author", "created"]
    list_filter = ["label", "status"]


@admin.register(models.SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "signup_open"]

    def has_add_permission(self, request):
        return not models.SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
