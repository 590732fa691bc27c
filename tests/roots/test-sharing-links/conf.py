# sharing_ext is found through docs/_ext, which tests/test_sharing.py puts on sys.path.
extensions = ["myst_parser", "sharing_ext", "sphinx_reredirects"]
language = "fr"
html_baseurl = "https://example.org/fr/latest/"

sharing_published_links = "published-links.txt"
# A page renamed, and one merged into a section of another.
redirects = {"ancienne": "nouvelle.html", "fusionnee": "nouvelle.html#suite"}
# The tests set redirect_html_template_file to the site's _templates/redirect.html.
# A lexicon term renamed.
sharing_anchor_aliases = {"lexique.html#term-Ancien-terme": "lexique.html#term-Nouveau-terme"}
