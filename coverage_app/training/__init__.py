"""Fitting the shipped models on labelled data (`manage.py train_models`).

Development only: each trainer reads the labelled sets under `../shared` (or `--data DIR`), fits
with scikit-learn, prints its cross-validated figures and writes a `text.fitted` JSON file beside
the code that uses it. Nothing at run time imports this package.
"""

# name -> module with `train(data_dir: Path, out: TextIO) -> None`
TRAINERS = {
    "speakers": "coverage_app.training.speakers",
    "pairs": "coverage_app.training.pairs",
    "grouping": "coverage_app.training.grouping",
    "events": "coverage_app.training.events",
    "claims": "coverage_app.training.claims",
    "grouping_rule": "coverage_app.training.grouping_rule",
}
