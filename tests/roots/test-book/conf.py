extensions = ["glossary_ext"]
language = "fr"
