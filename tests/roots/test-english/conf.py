project = "Builders"
extensions = ["glossary_ext"]
language = "en"
html_theme = "alabaster"
glossary_letters_from = 3
