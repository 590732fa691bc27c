extensions = ["myst_parser", "glossary_ext"]
language = "fr"
glossary_letters_from = 2
