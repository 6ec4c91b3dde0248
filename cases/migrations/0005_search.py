# Issue 8: stored search vectors on cases (open text, and the answer apart), GIN-indexed.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations

# cases.search.index_cases for every row, repeated because migrations outlive the code.
FILL_VECTORS = """
UPDATE cases_case SET
    search_vector = setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', concat_ws(' ', presenting_complaint, history, examination, investigations, timeline, differential, management, outcome, learning_points, question)), 'B'),
    answer_vector = setweight(to_tsvector('english', diagnosis), 'A')
        || setweight(to_tsvector('english', quiz_explanation), 'B')
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_discussion_forum"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="answer_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="case",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="cases_case_search"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["answer_vector"], name="cases_case_answer_search"
            ),
        ),
        migrations.RunSQL(FILL_VECTORS, migrations.RunSQL.noop),
    ]
