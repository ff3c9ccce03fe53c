"""Search: pg_trgm, and GIN indexes on the exact expressions coverage_app.search queries."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

ARTICLE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B'))"
)
QUOTE_VECTOR = "to_tsvector('english'::regconfig, coalesce(text, ''))"

INDEXES = [
    ("article_search_idx", "coverage_app_article", f"gin ({ARTICLE_VECTOR})"),
    ("quote_search_idx", "coverage_app_quote", f"gin ({QUOTE_VECTOR})"),
    ("speaker_name_trgm_idx", "coverage_app_speaker", "gin (name gin_trgm_ops)"),
    ("article_title_trgm_idx", "coverage_app_article", "gin (title gin_trgm_ops)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("coverage_app", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        *[
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING {definition};",
                f"DROP INDEX IF EXISTS {name};",
            )
            for name, table, definition in INDEXES
        ],
    ]
