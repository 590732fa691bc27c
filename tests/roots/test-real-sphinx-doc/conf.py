extensions = ["glossary_ext"]
language = "en"
exclude_patterns = ["README.md"]  # the attribution, not a page
