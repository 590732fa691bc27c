# site_ext is found through docs/_ext, which tests/test_content.py puts on sys.path.
extensions = ["myst_parser", "sphinx_design", "site_ext"]
language = "fr"
html_theme = "furo"
myst_enable_extensions = ["colon_fence"]
