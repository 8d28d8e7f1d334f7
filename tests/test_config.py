"""Settings: environment variables, overrides and validation."""

import pytest

from presslens.config import Settings
from presslens.errors import ConfigError


def test_modes_come_from_the_environment_and_overrides_win():
    settings = Settings.from_env({"PRESSLENS_ATTRIBUTION_MODE": "accurate", "PRESSLENS_CLAIMS_MODE": "best"},
                                 techniques_mode="accurate")
    assert (settings.attribution_mode, settings.claims_mode, settings.techniques_mode) == ("accurate", "best",
                                                                                          "accurate")
    assert Settings.from_env({}).attribution_mode == "fast"


@pytest.mark.parametrize("name", ["attribution_mode", "claims_mode", "techniques_mode"])
def test_an_unknown_mode_is_refused_by_name(name):
    with pytest.raises(ConfigError, match=name):
        Settings(**{name: "fastest"})
