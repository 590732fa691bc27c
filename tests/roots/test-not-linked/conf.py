extensions = ["glossary_ext"]
language = "fr"
glossary_link_scope = "all"
glossary_terms = {"Sens partagé": {"variants": ["dette technique", "valeurs"]}}
