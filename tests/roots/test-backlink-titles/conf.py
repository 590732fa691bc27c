extensions = ["myst_parser", "glossary_ext"]
language = "fr"
