"""`{{ text|shorten:90 }}`: every shortened text on a page goes through `text.shorten` (cut
between words, outside brackets, never without its negation or modal, an ellipsis marking the
cut). Load with `{% load shortening %}`; use it instead of `truncatechars`."""

from django import template

from coverage_app.text.shorten import shorten as shorten_text

register = template.Library()


@register.filter
def shorten(value, limit: int) -> str:
    return shorten_text(str(value or ""), int(limit))
