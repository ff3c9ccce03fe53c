"""0005 to 0010 as one step: the line that three 0006_ files and two merges had made.

What it does, in order: the `curate` permission and the "Editors" group (roles, see
coverage_app.access); an article's sentences and terms (claims, wording) and a story's wording;
a story title set by hand; an article's duplicate-of link and source encoding; typed metadata;
the corpus term prior (Corpus, CorpusTerm), counted from the articles already stored.

`replaces` names the nine migrations it stands for, so a database that applied them is already
at this one; a new database runs it instead of them.
"""

import django.db.models.deletion
from django.db import migrations, models

CURATE = ("curate", "Can curate shared data (article metadata, retry, speakers, stories, regroup)")


def create_editors(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="coverage_app", model="sitesettings"
    )
    permission, _ = Permission.objects.get_or_create(
        codename=CURATE[0], content_type=content_type, defaults={"name": CURATE[1]}
    )
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(permission)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()
    apps.get_model("auth", "Permission").objects.filter(
        codename=CURATE[0], content_type__app_label="coverage_app"
    ).delete()


def count_stored_terms(apps, schema_editor):
    """The counts of every article already stored (as `corpus.recount` makes them)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO coverage_app_corpusterm (term, count) "
            "SELECT t->>'term', count(*) FROM coverage_app_article a "
            "CROSS JOIN LATERAL jsonb_array_elements("
            "  CASE WHEN jsonb_typeof(a.terms) = 'array' THEN a.terms ELSE '[]'::jsonb END) t "
            "WHERE t->>'kind' IN ('lemma', 'chunk') AND length(t->>'term') <= 200 "
            "GROUP BY 1"
        )
        cursor.execute(
            "INSERT INTO coverage_app_corpus (id, articles, total, epoch, drift, updated) "
            "SELECT 1, (SELECT count(*) FROM coverage_app_article "
            "           WHERE jsonb_typeof(terms) = 'array' AND jsonb_array_length(terms) > 0), "
            "       (SELECT coalesce(sum(count), 0) FROM coverage_app_corpusterm), 1, 0, now()"
        )


class Migration(migrations.Migration):
    replaces = [
        ("coverage_app", "0005_editors_group"),
        ("coverage_app", "0006_article_sentences_terms"),
        ("coverage_app", "0007_story_wording"),
        ("coverage_app", "0006_story_title_by_hand"),
        ("coverage_app", "0005_article_source_encoding_duplicate_of"),
        ("coverage_app", "0008_merge_parallel_work"),
        ("coverage_app", "0006_article_typed_metadata"),
        ("coverage_app", "0009_merge_ingest_typed_metadata"),
        ("coverage_app", "0010_corpus_term_prior"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("coverage_app", "0004_search_stored_vectors"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="sitesettings",
            options={
                "permissions": [CURATE],
                "verbose_name": "site settings",
                "verbose_name_plural": "site settings",
            },
        ),
        migrations.RunPython(
            code=create_editors,
            reverse_code=remove_editors,
        ),
        migrations.AddField(
            model_name="article",
            name="sentences",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="article",
            name="terms",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="story",
            name="wording",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="story",
            name="title_by_hand",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="article",
            name="duplicate_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="coverage_app.article",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="source_encoding",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="article",
            name="typed_metadata",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.CreateModel(
            name="Corpus",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("articles", models.PositiveIntegerField(default=0)),
                ("total", models.BigIntegerField(default=0)),
                ("epoch", models.PositiveIntegerField(default=0)),
                ("drift", models.BigIntegerField(default=0)),
                ("updated", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name_plural": "corpus",
            },
        ),
        migrations.CreateModel(
            name="CorpusTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.TextField(unique=True)),
                ("count", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(
            code=count_stored_terms,
            reverse_code=migrations.RunPython.noop,
        ),
    ]
