package io.muster.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Sdk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.ActionTarget;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.ResourceConflictException;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;

/** The action target operations through the AWS SDK for Java v2, with the errors it knows. */
@QuarkusTest
class ActionTargetsSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    private SecurityHubClient client;

    @BeforeEach
    void connect() {
        client = Sdk.securityHub(endpoint);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void actionTargetsWorkThroughTheSdk() {
        String id = ActionTargetsTest.uniqueId();
        String arn = client.createActionTarget(b -> b.id(id).name("Send to SOAR").description("Starts the playbook")).actionTargetArn();
        try {
            assertThat(arn).endsWith(":action/custom/" + id);
            ActionTarget target = client.describeActionTargets(b -> b.actionTargetArns(arn)).actionTargets().get(0);
            assertThat(target.name()).isEqualTo("Send to SOAR");
            assertThat(target.description()).isEqualTo("Starts the playbook");
            assertThat(client.describeActionTargets(b -> b.maxResults(100)).actionTargets()).extracting(ActionTarget::actionTargetArn)
                    .contains(arn);

            client.updateActionTarget(b -> b.actionTargetArn(arn).description("Starts the containment playbook"));
            assertThat(client.describeActionTargets(b -> b.actionTargetArns(arn)).actionTargets().get(0).description())
                    .isEqualTo("Starts the containment playbook");

            assertThatThrownBy(() -> client.createActionTarget(b -> b.id(id).name("Twice").description("d")))
                    .isInstanceOf(ResourceConflictException.class);
            assertThatThrownBy(() -> client.createActionTarget(b -> b.id("not-valid!").name("x").description("d")))
                    .isInstanceOf(InvalidInputException.class);
        } finally {
            assertThat(client.deleteActionTarget(b -> b.actionTargetArn(arn)).actionTargetArn()).isEqualTo(arn);
        }
        assertThatThrownBy(() -> client.deleteActionTarget(b -> b.actionTargetArn(arn))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.describeActionTargets(b -> b.actionTargetArns(arn))).isInstanceOf(ResourceNotFoundException.class);
    }
}
