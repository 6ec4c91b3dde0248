from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums"

    def ready(self) -> None:
        # accounts may not import forums; forums adds its part of "my data" to accounts' registries.
        from accounts import deletion, export
        from forums import member_data

        deletion.register(member_data.remove_forum_content)
        export.register("threads", member_data.export_threads)
        export.register("posts", member_data.export_posts)

        # The digest's unanswered threads in the member's specialties, as any app's section.
        from forums.mail.digests.build import register_digest_section
        from forums.mail.digests.unanswered import TEMPLATE, unanswered_for_digests

        register_digest_section("unanswered", TEMPLATE, unanswered_for_digests)
