extensions = ["glossary_ext"]
language = "fr"
exclude_patterns = ["README.md"]  # the attribution, not a page
