"""The app's migrations are one line: each has at most one parent of its own app, one leaf,
no two with one number (parallel work is squashed, not merged)."""

from django.db.migrations.loader import MigrationLoader


def test_the_apps_migrations_form_one_line():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {key: m for key, m in loader.disk_migrations.items() if key[0] == "coverage_app"}
    for key, migration in ours.items():
        parents = [d for d in migration.dependencies if d[0] == "coverage_app"]
        assert len(parents) <= 1, f"{key[1]} merges {parents}"
    assert len(loader.graph.leaf_nodes("coverage_app")) == 1
    numbers = [name.split("_")[0] for _, name in ours]
    assert len(numbers) == len(set(numbers))


def test_a_database_migrated_with_the_replaced_files_counts_as_migrated():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    squashed = [m for (app, _), m in loader.disk_migrations.items() if app == "coverage_app"]
    replaced = {name for m in squashed for _, name in m.replaces}
    assert "0010_corpus_term_prior" in replaced and "0009_merge_ingest_typed_metadata" in replaced
