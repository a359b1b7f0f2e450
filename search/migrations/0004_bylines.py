from django.db import migrations, models

BATCH_SIZE = 1000


def index_bylines(apps, schema_editor):
    """Existing documents get their bylines, and their vectors are rebuilt to include them."""
    from search.indexer import vectors
    from search.normalize import normalize

    SearchDocument = apps.get_model("search", "SearchDocument")
    ArticleAuthor = apps.get_model("articles", "ArticleAuthor")
    db = schema_editor.connection.alias
    pks = list(SearchDocument.objects.using(db).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        names = {pk: [] for pk in batch}
        bylines = ArticleAuthor.objects.using(db).filter(article_id__in=batch).order_by("article_id", "position")
        for article_id, name in bylines.values_list("article_id", "author__name"):
            names[article_id].append(name)
        documents = [SearchDocument(pk=pk, authors=normalize(" ".join(found))) for pk, found in names.items() if found]
        SearchDocument.objects.using(db).bulk_update(documents, ["authors"])
        if schema_editor.connection.vendor == "postgresql":
            rows = SearchDocument.objects.using(db).filter(pk__in=batch)
            rows.filter(article__language="en").update(**vectors("english"))
            rows.exclude(article__language="en").update(**vectors("simple"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_documents_hold_text_only"),
        ("articles", "0014_sample_stories"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="authors",
            field=models.TextField(blank=True, help_text="The byline's names: a reader may look for a writer."),
        ),
        migrations.RunPython(index_bylines, migrations.RunPython.noop, elidable=True),
    ]
