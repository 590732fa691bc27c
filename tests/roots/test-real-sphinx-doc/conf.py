extensions = ["glossary_ext"]
language = "en"
