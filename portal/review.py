"""The content check in the page editor: refuse publishing 禁止 words, show findings, keep the report current."""

from django.db import transaction
from django.shortcuts import redirect
from wagtail.admin import messages

from .content_check import Rules, check_page, forbidden, summary
from .models import ContentFinding


def review_task_refusal(page):
    """`review_task_refusal` (portal.models.ReviewTask): a page with a 禁止 finding is sent back, with where."""
    found = forbidden(check_page(page))
    return f"内容检查发现禁止使用的词语，已退回修改：{summary(found)}" if found else ""


def refuse_forbidden_publish(request, page):
    """`before_publish_page`: a page with a 禁止 finding stays a draft, with a message listing where."""
    found = forbidden(check_page(page.specific))
    if not found:
        return None
    messages.error(request, f"不能发布：内容检查发现禁止使用的词语，已保存为草稿。请修改：{summary(found)}")
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_forbidden_bulk_publish(request, action_type, objects, action):
    """`before_bulk_action`: the explorer's bulk 发布 publishes nothing if a chosen page holds a 禁止 word."""
    from wagtail.models import Page

    if action_type != "publish" or action.model is not Page:
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages += list(page.get_descendants().not_live())
    blocked = []
    for page in pages:
        found = forbidden(check_page(page.get_latest_revision_as_object()))
        if found:
            blocked.append(f"《{page.get_admin_display_title()}》{summary(found, limit=3)}")
    if not blocked:
        return None
    messages.error(request, f"未发布任何页面：以下页面含禁止使用的词语。{'；'.join(blocked)}")
    return redirect(action.next_url)


def show_findings(request, page):
    """Tell whoever opens the editor (the author, each reviewer) what the check found in the latest revision."""
    if request.method != "GET":
        return
    found = check_page(page.get_latest_revision_as_object())
    blocking = forbidden(found)
    notices = [finding for finding in found if not finding.forbidden]
    if blocking:
        messages.error(request, f"内容检查（禁止，须修改后才能通过审核和发布）：{summary(blocking)}")
    if notices:
        messages.warning(request, f"内容检查（提示，请审核时留意）：{summary(notices)}")


def show_findings_after_submit(request, page):
    """`after_edit_page` / `after_create_page`: the author leaves the editor on submit, so tell them now."""
    if request.POST.get("action-submit"):
        found = check_page(page.get_latest_revision_as_object())
        if found:
            messages.warning(request, f"已提交审核。内容检查结果：{summary(found)}")


def refresh_findings(page, rules=None):
    """Replace the stored findings of `page` with those of `page` as given (a revision's object); return them."""
    found = check_page(page, rules=rules)
    with transaction.atomic():
        ContentFinding.objects.filter(page_id=page.pk).delete()
        ContentFinding.objects.bulk_create(
            ContentFinding(
                page_id=page.pk,
                path=finding.path[:255],
                location=finding.location[:255],
                offset=finding.offset,
                text=finding.text,
                level=finding.level,
                note=finding.note,
                suggestion=finding.suggestion,
            )
            for finding in found
        )
    return found


def refresh_all_findings():
    """Re-check every page (after the word list changed); return the number of findings."""
    from wagtail.models import Page

    rules = Rules.load()
    total = 0
    for page in Page.objects.filter(depth__gt=1).iterator():
        total += len(refresh_findings(page.get_latest_revision_as_object(), rules=rules))
    return total
