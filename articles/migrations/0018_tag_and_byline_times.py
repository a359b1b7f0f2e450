"""Tag and byline rows carry their article's publication time, so tag and author pages read their
newest stories from an index (articles.models.keep_link_times). Article tags are copied from
taggit's generic TaggedItem table to ArticleTag, a table of our own that can hold the time."""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 5_000


def article_tags_to_own_table(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ArticleTag = apps.get_model("articles", "ArticleTag")
    Article = apps.get_model("articles", "Article")
    article_type = ContentType.objects.filter(app_label="articles", model="article").first()
    if article_type is not None:  # None in a new database: nothing tagged yet
        links = TaggedItem.objects.filter(content_type=article_type, object_id__in=Article.objects.values("pk"))
        rows = links.order_by("pk").values_list("pk", "object_id", "tag_id")
        last = 0
        while batch := list(rows.filter(pk__gt=last)[:BATCH]):
            ArticleTag.objects.bulk_create(ArticleTag(content_object_id=article, tag_id=tag) for _pk, article, tag in batch)
            last = batch[-1][0]
        # taggit's rows stay: the previous release reads them while servers are replaced one by
        # one (docs/deploy.md). A later release deletes them.
    copy_times(apps)


def article_tags_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ArticleTag = apps.get_model("articles", "ArticleTag")
    article_type, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    TaggedItem.objects.filter(content_type=article_type).delete()  # as they were when moved: the current ones instead
    rows = ArticleTag.objects.order_by("pk").values_list("pk", "content_object_id", "tag_id")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        TaggedItem.objects.bulk_create(
            TaggedItem(content_type=article_type, object_id=article, tag_id=tag) for _pk, article, tag in batch
        )
        last = batch[-1][0]


def copy_times(apps):
    Article = apps.get_model("articles", "Article")
    time = Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("published_at"))
    apps.get_model("articles", "ArticleAuthor").objects.update(published_at=time)
    time = Subquery(Article.objects.filter(pk=OuterRef("content_object_id")).values("published_at"))
    apps.get_model("articles", "ArticleTag").objects.update(published_at=time)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0017_hero_focal_point'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='ArticleTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('published_at', models.DateTimeField(editable=False, null=True)),
            ],
        ),
        migrations.RemoveIndex(
            model_name='articleauthor',
            name='byline_author_article_idx',
        ),
        migrations.AddField(
            model_name='articleauthor',
            name='published_at',
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name='articleauthor',
            index=models.Index(fields=['author', '-published_at', '-article'], name='byline_author_newest_idx'),
        ),
        migrations.AddField(
            model_name='articletag',
            name='content_object',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='articles.article'),
        ),
        migrations.AddField(
            model_name='articletag',
            name='tag',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag'),
        ),
        migrations.RunPython(article_tags_to_own_table, article_tags_back),
        migrations.AlterField(
            model_name='article',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='articles.ArticleTag', to='taggit.Tag', verbose_name='Tags'),
        ),
        migrations.AddIndex(
            model_name='articletag',
            index=models.Index(fields=['tag', '-published_at', '-content_object'], name='article_tag_newest_idx'),
        ),
        migrations.AddConstraint(
            model_name='articletag',
            constraint=models.UniqueConstraint(fields=('content_object', 'tag'), name='article_tag_unique'),
        ),
    ]
