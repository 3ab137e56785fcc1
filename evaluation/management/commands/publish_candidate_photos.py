from django.core.management.base import BaseCommand

from evaluation.services import candidate_photos


class Command(BaseCommand):
    help = "为已成为有效候选人（初审通过且本人同意公开）的推荐生成公开展示用照片；可重复运行。"

    def handle(self, *args, **options):
        made = sum(candidate_photos.publish(nomination) for nomination in candidate_photos.public_candidates())
        self.stdout.write(f"已生成{made}张候选人公开照片。")
