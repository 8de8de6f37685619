"""The default topics of inspections, supervision and recommendations (administrators may
rename, reorder or retire them; a new deployment starts with these)."""

from django.db import migrations

TOPICS = [
    ("cai-cach-hanh-chinh", "Cải cách hành chính", 10),
    ("tiep-cong-dan-khieu-nai-to-cao", "Tiếp công dân, giải quyết khiếu nại, tố cáo", 20),
    ("dan-van-chinh-quyen", "Công tác dân vận chính quyền", 30),
    ("dan-chu-co-so", "Thực hiện dân chủ ở cơ sở", 40),
    ("dan-van-kheo", "Phong trào thi đua “Dân vận khéo”", 50),
    ("dao-duc-cong-vu", "Đạo đức công vụ, văn hóa công sở", 60),
    ("dat-dai-moi-truong", "Đất đai, môi trường", 70),
    ("an-sinh-xa-hoi", "An sinh xã hội, chính sách", 80),
    ("dau-tu-cong", "Đầu tư công, xây dựng cơ bản", 90),
    ("phong-chong-tham-nhung", "Phòng, chống tham nhũng, lãng phí, tiêu cực", 100),
    ("khac", "Nội dung khác", 900),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("oversight", "Topic")
    for code, name, ordering in TOPICS:
        Topic.objects.get_or_create(code=code, defaults={"name": name, "ordering": ordering})


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_recommendations")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
