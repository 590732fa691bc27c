extensions = ["glossary_ext"]
language = "fr"
glossary_common_share = 0.5
glossary_common_min_pages = 1
glossary_terms = {"Inconnu": {"autolink": False}}
