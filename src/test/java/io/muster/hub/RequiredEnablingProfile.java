package io.muster.hub;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Muster as a stricter Security Hub: accounts must enable the hub, and products must be enabled before they send. */
public class RequiredEnablingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("muster.hub.require-enable", "true", "muster.products.require-enabled", "true");
    }
}
