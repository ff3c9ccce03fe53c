"""Parallax's data: outlets, articles and what ingest extracts from them, stories,
stored comparisons and annotations."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Left
from django.urls import reverse

from coverage_app.text.clean.headlines import headline_from_body
from coverage_app.text.shorten import predicate

# Enough of the body for a first sentence to stand in for a missing headline.
OPENING_CHARS = 600


def text_hash(text: str) -> str:
    """The hash that identifies a cleaned body (used for duplicates and annotation anchors)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Outlet(models.Model):
    name = models.CharField(max_length=200)
    # Lower-cased name without punctuation or a leading "the"; outlets merge on it or on domain.
    key = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=200, blank=True, db_index=True)
    notes = models.TextField(
        blank=True, help_text="Lean or notes set by an admin; the app invents no ratings."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outlet_detail", args=[self.pk])


class Story(models.Model):
    """An event covered by several outlets: a group of articles."""

    title = models.CharField(max_length=300)
    # The outlet x term table (`stories.story_wording`), stored on first view with the stamp
    # of the articles it was computed from.
    wording = models.JSONField(default=dict, blank=True)
    # Where the text comes from: families of one report retold and what each changed
    # (`coverage_app.provenance`), computed by the worker with the stamp of its articles.
    provenance = models.JSONField(default=dict, blank=True)
    # Set when a person named the story: its title is then never replaced by the headline
    # most like its articles' (coverage_app.stories.retitle).
    title_by_hand = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("story_detail", args=[self.pk])


class ArticleQuerySet(models.QuerySet):
    def ready(self):
        return self.filter(status=Article.Status.DONE)

    def with_opening(self):
        """Annotate the start of the body, so `display_title` works with the body deferred."""
        return self.annotate(opening=Left("body", OPENING_CHARS))


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        CLEANING = "cleaning", "Cleaning"
        EXTRACTING = "extracting", "Extracting"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class SourceKind(models.TextChoices):
        TEXT = "text", "Plain text"
        HTML = "html", "HTML"
        MARKDOWN = "markdown", "Markdown"

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # A person put this article in its story: automatic grouping leaves it there.
    story_pinned = models.BooleanField(default=False)

    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    source_name = models.CharField(max_length=500, blank=True, help_text="File name or URL")

    # What the person gave us, kept as it came, and what cleaning made of it.
    raw = models.TextField()
    source_kind = models.CharField(max_length=10, choices=SourceKind, default=SourceKind.TEXT)
    # How an uploaded file's bytes were read ("UTF-8", "Windows-1252 (Western European)", ...);
    # empty for pasted text, which arrives as text.
    source_encoding = models.CharField(max_length=60, blank=True)
    # What the person typed for an upload whose cleaning runs in the worker (HTML, very long
    # text): applied over what cleaning finds, as for uploads cleaned at once.
    typed_metadata = models.JSONField(default=dict, blank=True)
    # Cleaning in the worker found this text already stored: the article that has it.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(blank=True)
    body_hash = models.CharField(max_length=64, blank=True, db_index=True)
    removed = models.JSONField(default=list, blank=True, help_text="Blocks cleaning cut out")
    metadata_edited = models.BooleanField(default=False)

    status = models.CharField(max_length=12, choices=Status, default=Status.QUEUED)
    error = models.TextField(blank=True)
    batch = models.CharField(max_length=40, blank=True, db_index=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # From the one parse at extraction: sentence spans ([[start, end]...], for claims) and
    # terms ({"term", "kind", "label", "start", "end"}: lemmas, noun chunks, names; wording).
    sentences = models.JSONField(default=list, blank=True)
    terms = models.JSONField(default=list, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["body_hash"],
                condition=~models.Q(body_hash=""),
                name="article_unique_body",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.source_name or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("article_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def display_title(self) -> str:
        """What pages call the article: its title, or for a text with no headline its opening
        sentence, trimmed. `title` itself stays empty (it reports what the text says). Reads
        the `opening` annotation (`with_opening()`) when present, else the body."""
        if self.title:
            return self.title
        opening = getattr(self, "opening", None)
        if opening is None:
            opening = self.body
        return headline_from_body(opening) or self.source_name or f"Article {self.pk}"


class Speaker(models.Model):
    """One person or organisation, matched across articles by name."""

    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True, help_text="Normalised name")
    aliases = models.JSONField(default=list, blank=True)
    is_organisation = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("speaker_detail", args=[self.pk])


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        PARTIAL = "partial", "Partial"
        INDIRECT = "indirect", "Reported speech"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_name = models.CharField(max_length=300, blank=True, help_text="As named here")
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # Spans of one utterance interrupted by its attribution share a number.
    utterance = models.PositiveIntegerField(default=0)
    sentence = models.TextField(blank=True)

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "start"])]

    def __str__(self) -> str:
        return self.text[:80]


class Event(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    text = models.TextField(help_text="The sentence it comes from")
    actor = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=100)
    participants = models.JSONField(default=list, blank=True)
    place = models.CharField(max_length=300, blank=True)
    date = models.DateField(null=True, blank=True)
    negated = models.BooleanField(default=False)
    modality = models.CharField(max_length=40, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["article", "start"]

    def __str__(self) -> str:
        head = predicate(self.action, negated=self.negated, modality=self.modality)
        return f"{self.actor} {head}".strip()


class Entity(models.Model):
    """A named entity mentioned in an article (used to group articles into stories)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entities")
    text = models.CharField(max_length=300)
    label = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return f"{self.text} ({self.label})"


class Comparison(models.Model):
    """The stored alignment of two articles (article_a.pk < article_b.pk).

    `result` holds every candidate pair scoring at least PARALLAX_ALIGN_MIN_SCORE, with its
    diff and flags, so the page only filters stored scores and never redoes NLP work.
    """

    article_a = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    article_b = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    result = models.JSONField(default=dict)
    computed = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article_a", "article_b"], name="comparison_pair"),
            models.CheckConstraint(
                condition=models.Q(article_a__lt=models.F("article_b")), name="comparison_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_a_id} vs {self.article_b_id}"

    def get_absolute_url(self) -> str:
        return reverse("compare", args=[self.article_a_id, self.article_b_id])


class CorpusTerm(models.Model):
    """How often one term (a lemma or noun chunk) occurs over every stored article's terms: the
    prior of the distinctive-terms log-odds. Kept by `coverage_app.corpus` whenever ingest
    stores an article's terms and when an article is deleted."""

    term = models.TextField(unique=True)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.count}"


class Corpus(models.Model):
    """The totals of `CorpusTerm` (one row, pk=1) and the prior's epoch: it moves on when the
    counts have drifted by more than `corpus.PRIOR_DRIFT` of their total since it last moved,
    and stored wording computed in an older epoch is recomputed (`comparisons.stamp`)."""

    articles = models.PositiveIntegerField(default=0)  # articles whose terms are counted
    total = models.BigIntegerField(default=0)  # the sum of every CorpusTerm.count
    epoch = models.PositiveIntegerField(default=0)
    drift = models.BigIntegerField(default=0)  # counts added or taken away in this epoch
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "corpus"

    def __str__(self) -> str:
        return f"{self.articles} articles, {self.total} terms (epoch {self.epoch})"


class Annotation(models.Model):
    class Label(models.TextChoices):
        MISQUOTE = "misquote", "Misquote or altered quote"
        TRIMMED = "trimmed", "Trimmed quote"
        OMISSION = "omission", "Omission"
        ATTRIBUTION = "attribution", "Different attribution"
        CONTRADICTION = "contradiction", "Factual contradiction"
        FRAMING = "framing", "Framing or loaded wording"
        NUMBERS = "numbers", "Different numbers or dates"
        OTHER = "other", "Other"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="annotations"
    )
    label = models.CharField(max_length=20, choices=Label)
    note = models.TextField(blank=True, max_length=4000)
    status = models.CharField(max_length=10, choices=State, default=State.OPEN)
    comparison = models.ForeignKey(
        Comparison, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    # Bumped on every edit; an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_label_display()} by {self.author}"


class AnnotationTarget(models.Model):
    """A span of one article that an annotation points at (W3C quote + position selectors)."""

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="targets")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="annotation_targets"
    )
    text_hash = models.CharField(max_length=64)
    exact = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # Set when the article's text changed and the span could not be found again with confidence.
    orphaned = models.BooleanField(default=False)

    class Meta:
        ordering = ["annotation", "article"]

    def __str__(self) -> str:
        return self.exact[:60]


class SiteSettings(models.Model):
    """Switches an admin flips in the admin while the site runs (one row, pk=1)."""

    signup_open = models.BooleanField(
        default=True,
        help_text="Let new people create accounts. PARALLAX_SIGNUP_OPEN=false closes sign-up "
        "whatever this says.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "site settings"
        # The editors' permission (coverage_app.access): not about this model, but the site's.
        permissions = [
            (
                "curate",
                "Can curate shared data (article metadata, retry, speakers, stories, regroup)",
            )
        ]

    def __str__(self) -> str:
        return "Site settings"

    @classmethod
    def current(cls) -> "SiteSettings":
        return cls.objects.get_or_create(pk=1)[0]
