extensions = ["glossary_ext"]
language = "fr"
glossary_common_min_pages = 4
