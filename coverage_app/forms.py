"""Forms for bringing articles in and correcting what cleaning found."""

from django import forms

from coverage_app.models import Article

DATE_FORMAT_MESSAGE = "Enter a real date as YYYY-MM-DD, for example 2022-10-12."


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.md"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "Paste the article's text here"}),
    )
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200, help_text="e.g. The Harbour Ledger")
    author = forms.CharField(required=False, max_length=300)
    url = forms.URLField(
        label="Article URL", required=False, max_length=2000, assume_scheme="https"
    )
    published = forms.DateField(
        label="Published on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": DATE_FORMAT_MESSAGE},
    )
    files = MultipleFileField(
        label="Files",
        required=False,
        help_text="One or many .txt, .html, .htm or .md files.",
    )
    fetch_url = forms.URLField(
        label="Page address (URL)",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="The page is fetched once; its text and metadata are read from the HTML.",
        error_messages={
            "invalid": "Give the page's full web address, such as https://example.com/news/story."
        },
    )

    def clean(self):
        data = super().clean()
        given = [
            bool((data.get("text") or "").strip()),
            bool(data.get("files")),
            bool(data.get("fetch_url")),
        ]
        if self.errors:
            return data
        if not any(given):
            if (data.get("text") or "") != "":
                raise forms.ValidationError("The pasted text is empty.")
            raise forms.ValidationError("Paste some text, choose files or give a URL to fetch.")
        if sum(given) > 1:
            raise forms.ValidationError(
                "Use one way at a time: pasted text, files, or a URL to fetch."
            )
        return data


class MetadataForm(forms.ModelForm):
    """What a person corrects after cleaning: title, outlet, author, date, URL."""

    outlet_name = forms.CharField(label="Outlet", max_length=200)
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")

    class Meta:
        model = Article
        fields = ["title", "author", "published", "url"]
        widgets = {"published": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"published": "Published on"}
        error_messages = {"published": {"invalid": DATE_FORMAT_MESSAGE}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.outlet_id and not self.is_bound:
            self.initial["outlet_name"] = self.instance.outlet.name
