"""Two grouping forms of real coverage, on invented articles built by hand (no parsing)."""

from datetime import date

from coverage_app.text.stories.article_similarity import ArticleData
from coverage_app.text.stories.grouping import group_articles

MARCH = (
    "Ilse Varn, director of the Kessmark Water Agency, said on Tuesday that households in "
    "Ostrava would be limited to 120 litres a day from Monday because the Ostrava reservoir "
    "had fallen to a third of its capacity. Varn said the ration would last until the spring "
    "rains and that farmers would be asked to stop drawing water from the river at night."
)
MARCH_OTHER_OUTLET = (
    "The Kessmark Water Agency will cap household use in Ostrava at 120 litres a day from "
    "Monday, its director Ilse Varn announced, after the Ostrava reservoir dropped to a third "
    "of its capacity. Farmers have been asked to stop night-time pumping from the river."
)
JULY = (
    "Ilse Varn, director of the Kessmark Water Agency, said on Thursday that a new pipeline "
    "from the Brenn valley would be ready by autumn and that the Ostrava reservoir would no "
    "longer decide how much water households get. Varn said the agency had learned from the "
    "shortage in the spring and would build two pumping stations on the river."
)
ANSWER = (
    "Mayor Tomas Halder on Wednesday rejected the water ration announced by Ilse Varn, "
    "saying the 120 litres a day allowed by the Kessmark Water Agency would hurt families "
    "with children. Halder said the agency should have warned Ostrava months ago that the "
    "reservoir had fallen to a third of its capacity, and asked farmers' leaders to meet him."
)


def test_the_same_person_on_a_similar_subject_months_apart_is_another_story():
    articles = [
        ArticleData(title="Ostrava water rationed", body=MARCH, published=date(2025, 3, 4),
                    outlet="Sarn Courier", speakers=["Ilse Varn"]),
        ArticleData(title="Water cap for Ostrava", body=MARCH_OTHER_OUTLET,
                    published=date(2025, 3, 4), outlet="Vellin Daily", speakers=["Ilse Varn"]),
        ArticleData(title="Ostrava water: a pipeline by autumn", body=JULY,
                    published=date(2025, 7, 10), outlet="Sarn Courier", speakers=["Ilse Varn"]),
    ]  # fmt: skip
    assert sorted(g.articles for g in group_articles(articles)) == [[0, 1], [2]]


def test_an_article_answering_someone_s_remarks_joins_the_story_of_those_remarks():
    articles = [
        ArticleData(title="Ostrava water rationed", body=MARCH, published=date(2025, 3, 4),
                    outlet="Sarn Courier", speakers=["Ilse Varn"]),
        ArticleData(title="Water cap for Ostrava", body=MARCH_OTHER_OUTLET,
                    published=date(2025, 3, 4), outlet="Vellin Daily", speakers=["Ilse Varn"]),
        ArticleData(title="Mayor hits back at water ration", body=ANSWER,
                    published=date(2025, 3, 5), outlet="Northmark Post",
                    speakers=["Tomas Halder"]),
    ]  # fmt: skip
    assert [g.articles for g in group_articles(articles)] == [[0, 1, 2]]
