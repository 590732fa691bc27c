extensions = ["glossary_ext"]
language = "fr"
glossary_terms = {"Sens": {"autolink": False}, "DSI": {"variants": ["DSIs"]}}
