from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

extensions = ["glossary_ext"]
language = "fr"
glossary_link_scope = "paragraph"
change_after_scan = False  # True: the page is matched again as it is written


class AddAParagraph(SphinxPostTransform):
    """Changes the page after glossary_ext's scan, before its links (priority 5)."""

    default_priority = 1

    def run(self, **kwargs):
        if self.config.change_after_scan and self.env.current_document.docname == "index":
            first = next(self.document.findall(nodes.paragraph))
            first.parent.insert(first.parent.index(first), nodes.paragraph("", "Avant tout."))


def setup(app):
    app.add_config_value("change_after_scan", False, "env")
    app.add_post_transform(AddAParagraph)
