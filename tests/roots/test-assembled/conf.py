extensions = ["glossary_ext"]
language = "fr"
glossary_skip_docs = ["archive"]
