# site_ext is found through docs/_ext, which tests/test_content.py puts on sys.path.
extensions = ["myst_parser", "glossary_ext", "site_ext"]
language = "fr"
