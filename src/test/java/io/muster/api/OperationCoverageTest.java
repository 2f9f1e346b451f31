package io.muster.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.auth.Requires;
import io.muster.testing.Sdk;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.SecurityHubRequest;

/**
 * The whole operation list of the AWS SDK's Security Hub model, walked with the SDK itself: every operation
 * is either implemented by a Muster route or answers the "not supported" error that names it and says why
 * — never "no operation at …". The catalogue Muster answers from and the README's table are checked
 * against the same list, so none of them can drift from the SDK.
 */
@QuarkusTest
class OperationCoverageTest {

    private static final String ANY_ARN = "arn:aws:securityhub:us-east-1:000000000000:hub/default";

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void everyOperationOfTheSdkModelIsImplementedOrAnswersNotSupported() throws Exception {
        Set<String> implemented = implementedOperations();
        List<String> problems = new ArrayList<>();
        int calls = 0;
        // an administrator of an account of its own: whatever the calls change (DisableSecurityHub …) stays there
        TestCallers.TestCaller caller = TestCallers.accessKey("ADMIN", List.of("999900001111"), List.of());
        try (SecurityHubClient client = Sdk.securityHub(endpoint, caller.accessKeyId(), caller.secretAccessKey())) {
            for (Method method : operationsOf(client)) {
                String operation = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
                String answer = call(client, method);
                calls++;
                boolean notSupported = answer.contains("does not support the Security Hub operation " + operation + " ");
                if (answer.contains("No operation at")) {
                    problems.add(operation + " reached no route: " + answer);
                } else if (implemented.contains(operation) && notSupported) {
                    problems.add(operation + " is implemented but answered not supported");
                } else if (!implemented.contains(operation) && !notSupported) {
                    problems.add(operation + " is not implemented and did not answer not supported: " + answer);
                }
            }
        }
        assertThat(calls).as("operations of the SDK model").isGreaterThanOrEqualTo(109);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCatalogueListsEveryOperationOfTheSdkWithItsMethodAndPath() {
        Set<String> sdk;
        try (SecurityHubClient client = Sdk.securityHub(endpoint)) {
            sdk = operationsOf(client).stream().map(m -> Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> catalogue = SecurityHubOperations.all().stream().map(SecurityHubOperations.Operation::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(catalogue).isEqualTo(sdk);
        Set<String> implemented = implementedOperations();
        for (SecurityHubOperations.Operation operation : SecurityHubOperations.all()) {
            assertThat(operation.supported() || !implemented.contains(operation.name()))
                    .as(operation.name() + " is implemented, so the catalogue must give no reason for not supporting it").isTrue();
            assertThat(operation.supported() && !implemented.contains(operation.name()))
                    .as(operation.name() + " is neither implemented nor given a reason in api/securityhub-operations.tsv").isFalse();
        }
    }

    @Test
    void theReadmeTableGivesEveryOperationWithItsTrueStatus() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> implemented = implementedOperations();
        List<String> wrong = new ArrayList<>();
        for (SecurityHubOperations.Operation operation : SecurityHubOperations.all()) {
            String row = readme.lines().filter(line -> line.startsWith("| " + operation.name() + " |")).findFirst().orElse(null);
            if (row == null) {
                wrong.add(operation.name() + ": no row");
            } else if (implemented.contains(operation.name()) != row.contains("| implemented |")) {
                wrong.add(operation.name() + ": row says otherwise: " + row);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anUnsupportedOperationIsNamedWithItsReasonInSecurityHubsErrorShape() {
        var response = io.muster.testing.Api.request().body("{}")
                .post("/configurationPolicy/create");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header(ErrorResponses.ERROR_TYPE_HEADER)).isEqualTo("InvalidInputException");
        assertThat(response.jsonPath().getString("Message"))
                .contains("does not support the Security Hub operation CreateConfigurationPolicy")
                .contains("AWS Organizations");
    }

    /** The operations some Muster route declares ({@code @Requires(operation = …)}). */
    static Set<String> implementedOperations() {
        Set<String> operations = new HashSet<>();
        for (Class<?> resource : resourceClasses()) {
            for (Method method : resource.getDeclaredMethods()) {
                Requires requires = method.getAnnotation(Requires.class);
                if (requires != null) {
                    operations.add(requires.operation());
                }
            }
        }
        return operations;
    }

    private static List<Class<?>> resourceClasses() {
        try (var files = Files.walk(Path.of("src/main/java/io/muster"))) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith("Resource.java")).toList()) {
                String name = Path.of("src/main/java").relativize(file).toString().replace('/', '.').replace(".java", "");
                classes.add(Class.forName(name));
            }
            return classes;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's operation methods: one request parameter of the model's request type. */
    private static List<Method> operationsOf(SecurityHubClient client) {
        return Arrays.stream(SecurityHubClient.class.getMethods())
                .filter(m -> m.getParameterCount() == 1 && SecurityHubRequest.class.isAssignableFrom(m.getParameterTypes()[0]))
                .filter(m -> !m.getName().endsWith("Paginator"))
                .sorted(java.util.Comparator.comparing(Method::getName))
                .toList();
    }

    /** Calls the operation with a request whose path labels are filled; returns the error text, or "OK". */
    private static String call(SecurityHubClient client, Method method) throws Exception {
        Class<?> requestType = method.getParameterTypes()[0];
        Object builder = requestType.getMethod("builder").invoke(null);
        for (SdkField<?> field : ((SdkPojo) builder).sdkFields()) {
            if (field.location() == MarshallLocation.PATH || field.location() == MarshallLocation.GREEDY_PATH) {
                field.set(builder, ANY_ARN);
            } else if (field.location() == MarshallLocation.QUERY_PARAM && field.memberName().toLowerCase(Locale.ROOT).endsWith("id")
                    && field.marshallingType().equals(software.amazon.awssdk.core.protocol.MarshallingType.STRING)) {
                field.set(builder, "IAM.1");
            }
        }
        Object request = ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
        try {
            method.invoke(client, request);
            return "OK";
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof AwsServiceException service) {
                return service.statusCode() + " " + service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
            }
            throw e;
        }
    }
}
