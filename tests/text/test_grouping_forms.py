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


RULING = (
    "The high court in Tollan on Thursday halted the expansion of the Brenmark copper mine, "
    "ruling that the permit granted last year ignored the risk to the Vessel river. Judge Ada "
    "Quist ordered the operator, Harrow Metals, to stop clearing land until a new water study "
    'is done. "A permit that does not weigh the river is no permit at all," Quist said in her '
    "ruling."
)
RULING_OTHER_OUTLET = (
    "A Tollan court has stopped Harrow Metals from expanding the Brenmark copper mine, ruling "
    "the permit ignored the risk to the Vessel river. Judge Ada Quist ordered land clearing to "
    'stop until a new water study is carried out. "A permit that does not weigh the river is '
    'no permit at all," she said.'
)
GROWERS = (
    "Growers in the Vessel valley cheered on Thursday after judges sided with them against "
    'Harrow Metals. "Our orchards drink from that water," said Pell Oduya, who leads the valley '
    "growers' union. The union had sued over the permit for the Brenmark pit, saying dust and "
    "runoff already spoil their crops. Harrow Metals said it would appeal, warning that 400 "
    "jobs at the pit were at stake."
)
SHARES = (
    "Harrow Metals lost a fifth of its market value on Thursday after a court froze work at its "
    "Brenmark copper mine over its permit. Chief executive Lise Marrow said the company would "
    "appeal and that 400 jobs depended on the pit. Growers in the Vessel valley, who brought "
    "the case, called the decision a victory."
)


def test_one_event_told_as_the_ruling_and_as_its_reactions_is_one_story():
    """Two reports of a ruling and two of its reactions (growers, markets), undated: the
    reactions share little with each other or with the ruling, but as much with the ruling
    as with each other, so the two halves are one story."""
    articles = [
        ArticleData(title="Tollan court halts Brenmark mine expansion", body=RULING,
                    outlet="Sarn Courier", speakers=["Ada Quist"]),
        ArticleData(title="Court stops Brenmark mine expansion over river risk",
                    body=RULING_OTHER_OUTLET, outlet="Vellin Daily", speakers=["Ada Quist"]),
        ArticleData(title="Farmers along the Vessel celebrate", body=GROWERS,
                    outlet="Northmark Post", speakers=["Pell Oduya"]),
        ArticleData(title="Harrow Metals shares slide after Brenmark setback", body=SHARES,
                    outlet="Coastline Times", speakers=["Lise Marrow"]),
    ]  # fmt: skip
    assert [g.articles for g in group_articles(articles)] == [[0, 1, 2, 3]]
