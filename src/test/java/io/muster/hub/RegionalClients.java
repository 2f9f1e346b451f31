package io.muster.hub;

import io.muster.testing.TestCallers;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * AWS SDK clients signed for a chosen Region, as a tool that works Region by Region creates them, and accounts no
 * other test uses: the hub and its product subscriptions are state per account and Region.
 */
public final class RegionalClients {

    private RegionalClients() {
    }

    /** A Security Hub client for this caller's access key, signing for {@code region}. */
    public static SecurityHubClient client(URI endpoint, TestCallers.TestCaller caller, String region) {
        return SecurityHubClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(caller.accessKeyId(), caller.secretAccessKey())))
                .httpClient(Apache5HttpClient.create())
                .build();
    }

    /** A 12-digit account id starting with 7, unlikely to be used by any other test. */
    public static String newAccount() {
        return "7" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    /** An administrator whose credential is scoped to this one account: it acts as that account. */
    public static TestCallers.TestCaller adminOf(String account) {
        return TestCallers.accessKey("ADMIN", java.util.List.of(account), java.util.List.of());
    }
}
