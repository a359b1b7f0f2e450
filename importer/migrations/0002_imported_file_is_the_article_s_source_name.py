# The file an article was imported from is its source_name: the ledger beside it goes.

from django.db import migrations
from django.db.models import F


def names_onto_articles(apps, schema_editor):
    # The import always wrote the same name to both; make sure before the ledger goes.
    ImportedFile = apps.get_model("importer", "ImportedFile")
    Article = apps.get_model("articles", "Article")
    differing = ImportedFile.objects.exclude(article__source_name=F("source_name"))
    for article_pk, name in differing.values_list("article_id", "source_name"):
        Article.objects.filter(pk=article_pk).update(source_name=name)


def ledger_from_articles(apps, schema_editor):
    ImportedFile = apps.get_model("importer", "ImportedFile")
    Article = apps.get_model("articles", "Article")
    imported = Article.objects.exclude(source_hash="").values_list("pk", "source_name")
    ImportedFile.objects.bulk_create(
        (ImportedFile(article_id=pk, source_name=name) for pk, name in imported), ignore_conflicts=True
    )


class Migration(migrations.Migration):

    dependencies = [
        ('importer', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(names_onto_articles, ledger_from_articles, elidable=True),
        migrations.DeleteModel(
            name='ImportedFile',
        ),
    ]
