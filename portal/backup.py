"""Site backups: one tar.gz with a database dump, the public and private files, and a manifest.

The dump is Django's JSON serialisation of every model with the original
primary keys, content types and permissions included. Restoring empties the
target database first, so nothing has to be remapped: Wagtail revisions, log
entries and generic relations keep pointing at the same rows, on SQLite and
PostgreSQL alike (a dump from one restores into the other). The search index
and sessions are left out; the index is rebuilt after a restore.

The keys are never in the archive: without the same PRIVACY_KEY the restored
ID numbers and phones cannot be decrypted. The manifest carries a fingerprint
of the key so a restore can say so.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.models import Page

from . import cache

FORMAT = 1
MANIFEST = "manifest.json"
# Content types load first: building some rows (Wagtail pages) looks them up.
CONTENT_TYPES = "contenttypes.json"
DUMP = "database.json"


class BackupError(Exception):
    """A backup cannot be written or restored; the message is for the operator."""


def file_roots():
    """(name in the archive, directory) for the public and, once configured, the private files."""
    roots = [("media", Path(settings.MEDIA_ROOT))]
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        roots.append(("private_media", Path(private)))
    return roots


def excluded_models():
    """Rows that are rebuilt (search index) or worthless after a restore (sessions)."""
    labels = [model._meta.label for model in apps.get_app_config("sessions").get_models()]
    labels += [m._meta.label for m in apps.get_app_config("wagtailsearch").get_models() if "IndexEntry" in m.__name__]
    labels += ["search.SearchDocument", "search.SearchPosting", "search.SearchTerm"]  # the site search index
    return labels


def dumped_models():
    excluded = set(excluded_models())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in excluded and model._meta.managed and not model._meta.proxy
    ]


def model_counts():
    return {model._meta.label: model._base_manager.count() for model in dumped_models()}


def applied_migrations():
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def key_fingerprint():
    """Identifies the privacy key without revealing it (privacy falls back to SECRET_KEY, as here)."""
    key = getattr(settings, "PRIVACY_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"backup-fingerprint:{key}".encode()).hexdigest()[:16]


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def create(path, log=print):
    """Write the archive to `path` (readable by its owner only); return the manifest."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as workdir:
        dump = Path(workdir) / DUMP
        content_types = Path(workdir) / CONTENT_TYPES
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # One snapshot for every table, so the dump is consistent while the site runs.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = model_counts()
            call_command("dumpdata", "contenttypes", output=str(content_types), verbosity=0)
            call_command(
                "dumpdata",
                exclude=[*excluded_models(), "contenttypes"],
                use_base_manager=True,
                output=str(dump),
                verbosity=0,
            )
            migrations = applied_migrations()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "migrations": migrations,
            "privacy_key_fingerprint": key_fingerprint(),
            "counts": counts,
            "files": {},
        }
        partial = path.with_name(path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
                tar.add(content_types, arcname=CONTENT_TYPES)
                tar.add(dump, arcname=DUMP)
                for name, root in file_roots():
                    files = [p for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
                    for file in sorted(files):
                        tar.add(file, arcname=f"{name}/{file.relative_to(root).as_posix()}", recursive=False)
                    manifest["files"][name] = len(files)
                    log(f"  {name}（{root}）：{len(files)} 个文件")
                _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError("不是本站的备份文件：缺少 manifest.json。") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 不受支持（本程序支持 {FORMAT}）。")
    return manifest


def content_summary():
    """What the database holds beyond what `migrate` puts in an empty one; empty dict if nothing."""
    found = {}
    users = get_user_model().objects.count()
    if users:
        found["用户"] = users
    # `migrate` creates Wagtail's root and its welcome page, nothing below them.
    pages = Page.objects.filter(depth__gt=2).count() + Page.objects.filter(depth=2).exclude(slug="home").count()
    if pages:
        found["页面"] = pages
    for config in apps.get_app_configs():
        if config.label in {"wagtailimages", "wagtaildocs"} or _is_project_app(config):
            for model in config.get_models():
                count = model._base_manager.count()
                if count:
                    found[model._meta.verbose_name] = count
    return found


def _is_project_app(config):
    path = Path(config.path)
    return path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts


def _safe_member_path(root, relative):
    parts = PurePosixPath(relative).parts
    if not parts or any(part in {"", ".", ".."} for part in parts) or PurePosixPath(relative).is_absolute():
        raise BackupError(f"备份中的文件名不安全：{relative}")
    return root.joinpath(*parts)


def _extract(tar, name, directory):
    target = directory / name
    try:
        src = tar.extractfile(name)
    except KeyError as exc:
        raise BackupError(f"备份文件不完整：缺少 {name}。") from exc
    with src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
    return target


def _restore_files(tar, log):
    roots = dict(file_roots())
    restored = dict.fromkeys(roots, 0)
    for member in tar.getmembers():
        name, _, relative = member.name.partition("/")
        if name not in {"media", "private_media"} or not member.isfile():
            continue
        if name not in roots:
            log(f"  警告：备份中有 {name}/ 的文件，但本站未设置 PRIVATE_MEDIA_ROOT，已跳过。")
            roots[name] = None
            continue
        if roots[name] is None:
            continue
        target = _safe_member_path(roots[name], relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tar.extractfile(member) as src, open(target, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        restored[name] += 1
    return restored


def restore(path, *, force=False, log=print):
    """Load the archive into this database (emptied first) and its file directories; return the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    with tarfile.open(path, "r:gz") as tar:
        manifest = read_manifest(tar)
        log(f"备份时间 {manifest['created']}，数据库 {manifest['engine']}，Wagtail {manifest['wagtail']}。")
        call_command("migrate", interactive=False, verbosity=0)
        existing = content_summary()
        if existing and not force:
            listed = "、".join(f"{label} {count}" for label, count in list(existing.items())[:5])
            listed += "等" if len(existing) > 5 else ""
            raise BackupError(
                f"目标数据库不是空的（{listed}）。恢复会先清空它；确认要覆盖请加 --force（make restore … FORCE=1）。"
            )
        if set(manifest["migrations"]) != set(applied_migrations()):
            log("  警告：备份来自另一版本的代码（数据库迁移不同），恢复可能失败；失败时数据库保持原样。")
        with tempfile.TemporaryDirectory(prefix="portal-restore-") as workdir:
            fixtures = [_extract(tar, name, Path(workdir)) for name in (CONTENT_TYPES, DUMP)]
            with transaction.atomic():
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                ContentType.objects.clear_cache()
                for fixture in fixtures:
                    call_command("loaddata", str(fixture), verbosity=0)
            ContentType.objects.clear_cache()
        restored = _restore_files(tar, log)
    # Content types and permissions of models newer than the backup.
    call_command("migrate", interactive=False, verbosity=0)
    call_command("update_index", verbosity=0)
    call_command("rebuild_search_index", verbosity=0)
    cache.invalidate_all()
    for name, count in restored.items():
        log(f"  {name}：恢复 {count} 个文件（备份中 {manifest['files'].get(name, 0)} 个）")
    check_counts(manifest, log)
    if manifest.get("privacy_key_fingerprint") != key_fingerprint():
        log("  警告：当前 PRIVACY_KEY 与备份时不同，身份证号和电话将无法解密、无法匹配。请使用备份时的密钥。")
    return manifest


def check_counts(manifest, log):
    now = model_counts()
    differ = {label: (count, now.get(label)) for label, count in manifest["counts"].items() if now.get(label) != count}
    if differ:
        listed = "、".join(f"{label} 备份 {was} 现 {is_}" for label, (was, is_) in differ.items())
        raise BackupError(f"恢复后的记录数与备份不一致：{listed}")
    total = sum(manifest["counts"].values())
    log(f"  数据库：{total} 条记录，与备份一致（页面 {now.get('wagtailcore.Page', 0)}，用户 {_user_count(now)}）。")


def _user_count(counts):
    return counts.get(get_user_model()._meta.label, 0)


def default_name(now=None):
    now = timezone.localtime(now or timezone.now())
    return f"site-{now:%Y%m%d-%H%M%S}.tar.gz"
