extensions = ["glossary_ext"]
language = "fr"
glossary_common_pages = 1
glossary_terms = {"Inconnu": {"autolink": False}}
