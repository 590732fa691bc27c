from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

extensions = ["glossary_ext"]
language = "fr"
glossary_link_scope = "all"


class AddASentence(SphinxPostTransform):
    """Changes a page after glossary_ext's scan, before its links (priority 5)."""

    default_priority = 1

    def run(self, **kwargs):
        if self.env.current_document.docname == "index":
            paragraph = next(self.document.findall(nodes.paragraph))
            paragraph += nodes.Text(" Encore un cap.")


def setup(app):
    app.add_post_transform(AddASentence)
