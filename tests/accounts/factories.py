import factory
from django.contrib.auth.models import Group

from accounts.choices import UnitKind
from accounts.models import OrgUnit, User

DEFAULT_PASSWORD = "Tianshui@2026-test"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    short_code = factory.Sequence(lambda n: f"U{n:05d}")
    kind = UnitKind.AGENCY
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.cn")
    unit = factory.SubFactory(OrgUnitFactory)
    phone = "13912345678"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.groups.set([Group.objects.get(name=str(r)) for r in extracted])
        if create:
            self.save()
