extensions = ["glossary_ext"]
language = "fr"
glossary_link_scope = "all"
glossary_locutions = ["à la marge", "marge de manœuvre"]
