extensions = ["glossary_ext"]
language = "fr"
glossary_link_scope = "all"
