extensions = ["glossary_ext"]
