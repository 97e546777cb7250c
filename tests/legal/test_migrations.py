from cookie_consent.models import CookieGroup

from legal.consent import COOKIE_GROUPS


def test_a_fresh_database_has_the_cookie_groups_the_code_describes(db):
    """The migration's frozen rows must match what the banner and the policy describe today."""
    groups = {g.varname: g for g in CookieGroup.objects.prefetch_related("cookie_set")}
    assert set(groups) == set(COOKIE_GROUPS)
    for varname, spec in COOKIE_GROUPS.items():
        group = groups[varname]
        assert group.is_required == spec["is_required"]
        assert group.is_deletable == spec["is_deletable"]
        assert sorted(c.name for c in group.cookie_set.all()) == sorted(
            name for name, _description in spec["cookies"]
        )
