"""StreamField blocks for articles, notices, stories and topic pages."""

import re

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt = blocks.CharBlock(label="替代文字", required=False, help_text="供读屏软件朗读；留空时使用图片标题。")
    caption = blocks.CharBlock(label="图片说明", required=False)

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "blocks/quote_block.html"


class VideoBlock(blocks.StructBlock):
    """A video hosted on this site (a document) or an oEmbed link."""

    file = DocumentChooserBlock(label="本站视频文件", required=False)
    embed = EmbedBlock(label="外部视频链接", required=False)
    caption = blocks.CharBlock(label="视频说明", required=False)

    class Meta:
        icon = "media"
        label = "视频"
        template = "blocks/video_block.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="附件")
    title = blocks.CharBlock(label="显示名称", required=False)

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "blocks/attachment_block.html"


def is_empty(value):
    """True for a block an editor added but never filled in (no text, no image, no document)."""
    if value is None:
        return True
    if isinstance(value, RichText):
        return not re.sub(r"<[^>]*>|&nbsp;|\s", "", value.source or "") and "<embed" not in (value.source or "")
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, blocks.StructValue):
        return all(is_empty(v) for v in value.values())
    if isinstance(value, list | tuple | blocks.list_block.ListValue):
        return all(is_empty(v) for v in value)
    return False


class BodyBlock(blocks.StreamBlock):
    """The body of a page. Blocks added but left empty are dropped on save instead of blocking it."""

    heading = blocks.CharBlock(label="小标题", form_classname="title", template="blocks/heading_block.html")
    paragraph = blocks.RichTextBlock(
        label="正文",
        features=["bold", "italic", "link", "ol", "ul", "document-link", "h3", "h4"],
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    attachment = AttachmentBlock()

    class Meta:
        label = "正文内容"

    def clean(self, value):
        kept = [(child.block_type, child.value, child.id) for child in value if not is_empty(child.value)]
        return super().clean(blocks.StreamValue(self, kept))


class TopicSectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="板块标题")
    intro = blocks.TextBlock(label="板块说明", required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label="页面"), label="精选页面")

    class Meta:
        icon = "list-ul"
        label = "专题板块"
        template = "blocks/topic_section_block.html"
