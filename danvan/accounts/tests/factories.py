import factory

from danvan.accounts.models import RoleGrant, User

PASSWORD = "mat-khau-thu-nghiem-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def grant(user: User, role: str, unit) -> RoleGrant:
    g = RoleGrant.objects.create(user=user, role=role, unit=unit)
    user.__dict__.pop("_grants_cache", None)
    if hasattr(user, "_grants_cache"):
        del user._grants_cache
    return g
