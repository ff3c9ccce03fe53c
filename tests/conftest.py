import pytest
from django.conf import settings

from coverage_app.text import nlp as nlp_module

# Rows shared by the annotation tests (articles, a comparison, an author, another user, staff).
pytest_plugins = ["tests.web.annotation_fixtures"]


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline named by settings.SPACY_MODEL, loaded once for the run."""
    return nlp_module.load(settings.SPACY_MODEL)


@pytest.fixture
def demo_user(django_user_model):
    return django_user_model.objects.create_user("reader", password="a-long-test-password")


@pytest.fixture
def editor_user(django_user_model):
    """An account in the Editors group: may curate articles, speakers and stories."""
    from coverage_app.access import make_editor

    user = django_user_model.objects.create_user("redactor", password="a-long-test-password")
    make_editor(user)
    return user
