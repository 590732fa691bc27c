extensions = ["myst_parser", "sphinx_design", "glossary_ext"]
language = "fr"
myst_enable_extensions = ["colon_fence", "dollarmath"]
