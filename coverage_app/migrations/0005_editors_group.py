"""Roles: the `curate` permission and the "Editors" group that holds it (coverage_app.access).

Permissions are normally created after all migrations have run (post_migrate), so this one is
created here, to be given to the group in the same step. An admin puts people in the group.
"""

from django.db import migrations

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


class Migration(migrations.Migration):
    dependencies = [
        ("coverage_app", "0004_search_stored_vectors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
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
        migrations.RunPython(create_editors, remove_editors),
    ]
