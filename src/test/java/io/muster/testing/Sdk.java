package io.muster.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** The AWS SDK for Java v2 Security Hub client, pointed at the Muster under test: only the endpoint differs. */
public final class Sdk {

    private Sdk() {
    }

    public static SecurityHubClient securityHub(URI endpoint, String accessKeyId, String secretAccessKey) {
        return SecurityHubClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(Apache5HttpClient.create())
                .build();
    }

    public static SecurityHubClient securityHub(URI endpoint) {
        return securityHub(endpoint, TestCallers.ADMIN.accessKeyId(), TestCallers.ADMIN.secretAccessKey());
    }
}
