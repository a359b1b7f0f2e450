"""Newest-first indexes that end with the id, so a "newest N" read needs no sort step.
The new ones are built before the old ones go, so readers' lists always have an index."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_tag_and_author_page_indexes'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['language', 'status', '-published_at', '-id'], name='article_lang_newest_idx'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['section', 'language', 'status', '-published_at', '-id'], name='article_section_newest_idx'),
        ),
        migrations.RemoveIndex(
            model_name='article',
            name='article_language_live_idx',
        ),
        migrations.RemoveIndex(
            model_name='article',
            name='article_section_lang_live_idx',
        ),
    ]
