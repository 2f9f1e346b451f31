package io.muster.account;

import io.muster.testing.TestCallers;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** Helpers of the account tests: fresh account ids, so that tests sharing one database never meet, and SDK clients. */
final class Accounts {

    private Accounts() {
    }

    /** A 12-digit account id no other test uses. */
    static String fresh() {
        return String.format("%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    /** The SDK client of a caller, signing for a Region of the test's choice. */
    static SecurityHubClient client(URI endpoint, TestCallers.TestCaller caller, Region region) {
        return SecurityHubClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(caller.accessKeyId(),
                        caller.secretAccessKey())))
                .httpClient(Apache5HttpClient.create())
                .build();
    }
}
