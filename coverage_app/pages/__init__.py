"""What the article, compare and claims pages show, built from stored results."""
