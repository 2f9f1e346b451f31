package io.muster.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart in {@code helm/muster}, rendered by Helm itself (helm-java runs Helm's own Go code in the JVM, so
 * no helm binary is needed): what it deploys with its defaults and with {@code ci/production-values.yaml}, which
 * values it refuses, and that every setting it hands Muster is one Muster reads.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "muster");
    private static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final String DB_PASSWORD = "pg-Pa55word-never-in-a-configmap";
    private static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
    private static final String SECRET_ACCESS_KEY = "bootstrap-secret-access-key-never-in-a-configmap";
    private static final String ADMIN_PASSWORD = "admin-password-never-in-a-configmap";
    private static final String RABBITMQ_PASSWORD = "rabbit-password-never-in-a-configmap";

    // ---- the chart as a whole

    @Test
    void lintPassesInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void everyValueTheChartDeclaresIsExplainedByACommentInValuesYaml() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile());
        List<String> lines = Files.readAllLines(CHART.resolve("values.yaml"), StandardCharsets.UTF_8);
        Pattern keyLine = Pattern.compile("^( *)([A-Za-z][A-Za-z0-9]*):.*");
        Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
        List<String> uncommented = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = keyLine.matcher(lines.get(i));
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
                parents.pop();
            }
            List<String> path = new ArrayList<>();
            parents.descendingIterator().forEachRemaining(parent -> path.add(parent.getValue()));
            path.add(key.group(2));
            parents.push(Map.entry(indent, key.group(2)));
            Optional<JsonNode> declared = declaration(schema, path);
            // sections (objects with declared members) are explained by their members' comments
            if (declared.isEmpty() || declared.get().has("properties")) {
                continue;
            }
            checked++;
            String above = i == 0 ? "" : lines.get(i - 1).trim();
            if (!above.startsWith("#")) {
                uncommented.add(String.join(".", path));
            }
        }
        assertThat(checked).as("values checked").isGreaterThan(80);
        assertThat(uncommented).as("values without a comment right above them").isEmpty();
    }

    // ---- the default installation: one pod on the embedded database

    @Test
    void defaultValuesRenderOneEmbeddedPodWithItsDataOnAPersistentVolume() {
        Manifests manifests = render(Map.of());
        JsonNode deployment = manifests.one("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/strategy/type").asText()).as("one pod owns the H2 file").isEqualTo("Recreate");
        Map<String, String> env = manifests.environment();
        assertThat(env).containsEntry("MUSTER_DATA_DIR", "/var/lib/muster").doesNotContainKey("MUSTER_DB_URL");
        assertThat(manifests.volumeAt("/var/lib/muster").at("/persistentVolumeClaim/claimName").asText()).isEqualTo("muster-data");
        assertThat(manifests.one("PersistentVolumeClaim").at("/metadata/name").asText()).isEqualTo("muster-data");
        assertThat(manifests.kinds()).as("no credentials given, so no Secret; nothing optional is on")
                .containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "PersistentVolumeClaim", "Service", "Deployment");
        assertThat(manifests.one("Service").at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    }

    @Test
    void withoutPersistenceTheEmbeddedDatabaseLivesInAnEmptyDirAndTheNotesSaySo() {
        Manifests manifests = render(Map.of("persistence.enabled", false));
        assertThat(manifests.volumeAt("/var/lib/muster").has("emptyDir")).isTrue();
        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat(notes(Map.of("persistence.enabled", false))).contains("every finding is lost");
    }

    @Test
    void everyProbeAsksItsOwnHealthEndpointOnTheHttpPort() {
        for (Manifests manifests : List.of(render(Map.of()), render(PRODUCTION_VALUES, Map.of()))) {
            JsonNode container = manifests.container();
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
            }
            assertThat(container.at("/startupProbe/periodSeconds").asInt() * container.at("/startupProbe/failureThreshold").asInt())
                    .as("seconds a first start (schema migration) may take").isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void thePodRunsAsNonRootOnAReadOnlyRootWithNoPrivilegesAndWritesOnlyToTmpAndItsDataDirectory() {
        Manifests manifests = render(PRODUCTION_VALUES, Map.of());
        JsonNode pod = manifests.one("Deployment").at("/spec/template/spec");
        JsonNode container = manifests.container();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
        assertThat(container.at("/securityContext/capabilities/add").isMissingNode()).isTrue();
        assertThat(container.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(manifests.volumeAt("/tmp").has("emptyDir")).isTrue();
        assertThat(manifests.volumeAt("/var/lib/muster").has("emptyDir")).as("on PostgreSQL the data directory keeps nothing").isTrue();
        assertThat(pod.at("/automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(pod.at("/enableServiceLinks").isBoolean()).isTrue();
        assertThat(pod.at("/enableServiceLinks").asBoolean())
                .as("service links would add KAFKA_PORT=tcp://… for a Service named kafka, which Quarkus hands the Kafka clients").isFalse();
    }

    // ---- credentials

    @Test
    void secretValuesLandOnlyInTheSecretNeverInAConfigMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("database.type", "postgresql");
        values.put("database.postgresql.host", "db.example.com");
        values.put("database.postgresql.password", DB_PASSWORD);
        values.put("auth.encryptionKey", ENCRYPTION_KEY);
        values.put("bootstrap.accessKeyId", "MKADMIN00000000000001");
        values.put("bootstrap.secretAccessKey", SECRET_ACCESS_KEY);
        values.put("bootstrap.adminPassword", ADMIN_PASSWORD);
        values.put("events.enabled", true);
        values.put("rabbitmq.host", "rabbitmq");
        values.put("rabbitmq.password", RABBITMQ_PASSWORD);
        values.put("auth.oidc.enabled", true);
        values.put("auth.oidc.authServerUrl", "https://idp.example.com/realms/security");
        values.put("auth.oidc.clientId", "muster");
        values.put("auth.oidc.roleMapping.sec-leads", "admin");
        Manifests manifests = render(values);

        List<String> secrets = List.of(DB_PASSWORD, ENCRYPTION_KEY, SECRET_ACCESS_KEY, ADMIN_PASSWORD, RABBITMQ_PASSWORD);
        List<JsonNode> configMaps = manifests.all("ConfigMap");
        assertThat(configMaps).as("settings, and the properties file for the OIDC role mapping").hasSize(2);
        for (JsonNode configMap : configMaps) {
            String text = configMap.toString();
            for (String secret : secrets) {
                assertThat(text).as("ConfigMap %s", configMap.at("/metadata/name").asText())
                        .doesNotContain(secret).doesNotContain(base64(secret));
            }
        }
        JsonNode secret = manifests.one("Secret");
        assertThat(decoded(secret)).containsEntry("database-password", DB_PASSWORD).containsEntry("encryption-key", ENCRYPTION_KEY)
                .containsEntry("bootstrap-access-key-id", "MKADMIN00000000000001").containsEntry("bootstrap-secret-access-key", SECRET_ACCESS_KEY)
                .containsEntry("bootstrap-admin-password", ADMIN_PASSWORD).containsEntry("rabbitmq-password", RABBITMQ_PASSWORD);
        Map<String, String> fromSecret = manifests.secretReferences();
        assertThat(fromSecret).containsEntry("MUSTER_DB_PASSWORD", "muster/database-password")
                .containsEntry("MUSTER_AUTH_ENCRYPTION_KEY", "muster/encryption-key")
                .containsEntry("MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", "muster/bootstrap-secret-access-key")
                .containsEntry("RABBITMQ_PASSWORD", "muster/rabbitmq-password");
        String deployment = manifests.one("Deployment").toString();
        secrets.forEach(value -> assertThat(deployment).doesNotContain(value));
        assertThat(manifests.one("Deployment").at("/spec/template/metadata/annotations/checksum~1secret").asText())
                .as("a changed credential rolls the pods").hasSize(64);
    }

    @Test
    void existingSecretIsReferencedByItsDocumentedKeysAndTheChartRendersNoSecret() {
        Manifests manifests = render(PRODUCTION_VALUES, Map.of());
        assertThat(manifests.kinds()).doesNotContain("Secret");
        Map<String, String> fromSecret = manifests.secretReferences();
        assertThat(fromSecret).containsEntry("MUSTER_DB_PASSWORD", "muster-credentials/database-password")
                .containsEntry("MUSTER_AUTH_ENCRYPTION_KEY", "muster-credentials/encryption-key")
                .containsEntry("MUSTER_BOOTSTRAP_ACCESS_KEY_ID", "muster-credentials/bootstrap-access-key-id")
                .containsEntry("MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", "muster-credentials/bootstrap-secret-access-key")
                .containsEntry("MUSTER_BOOTSTRAP_ADMIN_PASSWORD", "muster-credentials/bootstrap-admin-password")
                .containsEntry("RABBITMQ_PASSWORD", "muster-credentials/rabbitmq-password")
                .containsEntry("KAFKA_SASL_JAAS_CONFIG", "muster-credentials/kafka-sasl-jaas-config");
        assertThat(fromSecret).as("OIDC is off").doesNotContainKey("QUARKUS_OIDC_CREDENTIALS_SECRET");
        JsonNode encryptionKey = manifests.envEntry("MUSTER_AUTH_ENCRYPTION_KEY");
        assertThat(encryptionKey.at("/valueFrom/secretKeyRef/optional").asBoolean())
                .as("PostgreSQL cannot start without the shared key: a missing key must stop the pod, not be skipped").isFalse();
        assertThat(manifests.envEntry("MUSTER_BOOTSTRAP_ADMIN_PASSWORD").at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
        assertThat(manifests.one("Deployment").at("/spec/template/metadata/annotations").has("checksum/secret")).isFalse();
    }

    @Test
    void secretValuesBesideAnExistingSecretAreRefused() {
        assertThatThrownBy(() -> render(PRODUCTION_VALUES, Map.of("bootstrap.adminPassword", ADMIN_PASSWORD)))
                .hasMessageContaining("existingSecret \"muster-credentials\" holds the credentials, so bootstrap.adminPassword must stay empty")
                .hasMessageContaining("bootstrap-admin-password");
    }

    // ---- production: PostgreSQL, replicas, brokers, exposure

    @Test
    void productionValuesRenderReplicasOnPostgresqlWithKafkaIngressAutoscalingBudgetMonitoringAndNetworkPolicy() {
        Manifests manifests = render(PRODUCTION_VALUES, Map.of());
        assertThat(manifests.kinds()).contains("Deployment", "Service", "ConfigMap", "ServiceAccount", "Ingress", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "ServiceMonitor", "NetworkPolicy").doesNotContain("Secret", "PersistentVolumeClaim");

        JsonNode deployment = manifests.one("Deployment");
        assertThat(deployment.at("/spec/replicas").isMissingNode()).as("the autoscaler owns the replica count").isTrue();
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints/0/labelSelector/matchLabels/app.kubernetes.io~1name").asText())
                .isEqualTo("muster");

        JsonNode hpa = manifests.one("HorizontalPodAutoscaler");
        assertThat(hpa.at("/apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(6);
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("muster");
        assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);

        JsonNode pdb = manifests.one("PodDisruptionBudget");
        assertThat(pdb.at("/apiVersion").asText()).isEqualTo("policy/v1");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(2);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));

        Map<String, String> env = manifests.environment();
        assertThat(env).containsEntry("MUSTER_DB_URL",
                        "jdbc:postgresql://muster-db.databases.svc.cluster.local:5432/muster?sslmode=verify-full&sslrootcert=%2Fetc%2Fmuster%2Fpostgresql%2Fca.crt")
                .containsEntry("MUSTER_DB_USERNAME", "muster")
                .containsEntry("QUARKUS_DATASOURCE_POSTGRESQL_JDBC_MAX_SIZE", "16")
                .containsEntry("MP_MESSAGING_INCOMING_MUSTER_FINDINGS_CONNECTOR", "smallrye-kafka")
                .containsEntry("MP_MESSAGING_OUTGOING_MUSTER_FINDINGS_DEAD_LETTER_CONNECTOR", "smallrye-kafka")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka.svc:9093,kafka-1.kafka.svc:9093,kafka-2.kafka.svc:9093")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SSL")
                .containsEntry("MP_MESSAGING_OUTGOING_MUSTER_EVENTS_ENABLED", "true")
                .containsEntry("RABBITMQ_HOST", "rabbitmq.messaging.svc.cluster.local")
                .containsEntry("RABBITMQ_PORT", "5671")
                .containsEntry("RABBITMQ_SSL", "true");

        JsonNode ingress = manifests.one("Ingress");
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("muster.example.com");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("muster");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("muster-tls");

        JsonNode monitor = manifests.one("ServiceMonitor");
        assertThat(monitor.at("/apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");

        JsonNode policy = manifests.one("NetworkPolicy");
        assertThat(texts(policy.at("/spec/policyTypes"))).containsExactly("Ingress", "Egress");
        assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
        assertThat(policy.at("/spec/ingress/0/from").toString()).contains("ingress-nginx", "monitoring", "muster-client");
        List<Integer> egressPorts = StreamSupport.stream(policy.at("/spec/egress").spliterator(), false)
                .flatMap(rule -> StreamSupport.stream(rule.at("/ports").spliterator(), false)).map(port -> port.at("/port").asInt()).toList();
        assertThat(egressPorts).as("DNS, PostgreSQL, Kafka, RabbitMQ, webhooks").contains(53, 5432, 9093, 5671, 443);
    }

    @Test
    void postgresqlSettingsBecomeOneJdbcUrlAndTheDataDirectoryStaysAnEmptyDir() {
        Manifests manifests = render(Map.of("database.type", "postgresql", "database.postgresql.host", "pg.internal", "database.postgresql.port", 6432,
                "database.postgresql.database", "findings", "database.postgresql.sslMode", "disable", "auth.encryptionKey", ENCRYPTION_KEY));
        assertThat(manifests.environment()).containsEntry("MUSTER_DB_URL", "jdbc:postgresql://pg.internal:6432/findings?sslmode=disable");
        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat(manifests.one("Deployment").at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    }

    @Test
    void aDisruptionBudgetIsRenderedOnlyWhenThereCanBeMoreThanOnePod() {
        Map<String, Object> postgresql = Map.of("database.type", "postgresql", "database.postgresql.host", "db", "auth.encryptionKey", ENCRYPTION_KEY);
        assertThat(render(postgresql).kinds()).as("one replica: a budget would block node drains").doesNotContain("PodDisruptionBudget");
        assertThat(render(with(postgresql, "replicaCount", 2)).kinds()).contains("PodDisruptionBudget");
        assertThat(render(with(postgresql, "autoscaling.enabled", true)).kinds()).contains("PodDisruptionBudget", "HorizontalPodAutoscaler");
    }

    @Test
    void aChangedSettingRollsThePods() {
        String before = render(Map.of()).one("Deployment").at("/spec/template/metadata/annotations/checksum~1config").asText();
        String after = render(Map.of("muster.region", "eu-central-1")).one("Deployment").at("/spec/template/metadata/annotations/checksum~1config").asText();
        assertThat(before).hasSize(64);
        assertThat(after).hasSize(64).isNotEqualTo(before);
    }

    // ---- refusals: combinations that cannot work stop the install with a message saying what to change

    @Test
    void theEmbeddedDatabaseWithSeveralReplicasIsRefused() {
        assertThatThrownBy(() -> render(Map.of("replicaCount", 3)))
                .hasMessageContaining("database.type=embedded (H2) keeps its data in one pod's file and cannot run replicaCount=3")
                .hasMessageContaining("use database.type=postgresql");
    }

    @Test
    void theEmbeddedDatabaseWithAutoscalingIsRefused() {
        assertThatThrownBy(() -> render(Map.of("autoscaling.enabled", true)))
                .hasMessageContaining("database.type=embedded (H2) keeps its data in one pod's file and cannot be autoscaled");
    }

    @Test
    void postgresqlWithoutAHostOrWithoutASharedEncryptionKeyIsRefused() {
        assertThatThrownBy(() -> render(Map.of("database.type", "postgresql", "auth.encryptionKey", ENCRYPTION_KEY)))
                .hasMessageContaining("database.type=postgresql needs database.postgresql.host");
        assertThatThrownBy(() -> render(Map.of("database.type", "postgresql", "database.postgresql.host", "db")))
                .hasMessageContaining("needs an encryption key that every replica shares")
                .hasMessageContaining("existingSecret with the key encryption-key");
        assertThatThrownBy(() -> render(Map.of("auth.encryptionKey", "too-short")))
                .hasMessageContaining("auth.encryptionKey must be 32 random bytes in base64");
    }

    @Test
    void halfABootstrapKeyPairAndBrokersWithoutAnAddressAreRefused() {
        assertThatThrownBy(() -> render(Map.of("bootstrap.accessKeyId", "MKADMIN00000000000001")))
                .hasMessageContaining("bootstrap.accessKeyId and bootstrap.secretAccessKey make one key pair");
        assertThatThrownBy(() -> render(Map.of("stream.broker", "kafka"))).hasMessageContaining("stream.broker=kafka needs kafka.bootstrapServers");
        assertThatThrownBy(() -> render(Map.of("events.enabled", true))).hasMessageContaining("need rabbitmq.host");
    }

    @Test
    void aSecretGivenAsAnExtraPropertyIsRefusedBecauseItWouldLandInAConfigMap() {
        assertThatThrownBy(() -> render(Map.of("extraProperties.quarkus\\.oidc\\.credentials\\.secret", "s3cret")))
                .hasMessageContaining("extraProperties.quarkus.oidc.credentials.secret looks like a secret and would land in a ConfigMap");
    }

    @Test
    void theSchemaRefusesWrongTypesUnknownKeysAndValuesOutsideTheirEnum(@TempDir Path dir) throws IOException {
        Path wrongType = dir.resolve("wrong-type.yaml");
        Files.writeString(wrongType, "replicaCount: three\n");
        assertThatThrownBy(() -> render(wrongType, Map.of())).hasMessageContaining("schema").hasMessageContaining("/replicaCount")
                .hasMessageContaining("want integer");
        assertThatThrownBy(() -> render(Map.of("replicaCount", -1))).hasMessageContaining("/replicaCount");
        assertThatThrownBy(() -> render(Map.of("database.type", "mysql"))).hasMessageContaining("/database/type")
                .hasMessageContaining("'embedded', 'postgresql'");
        assertThatThrownBy(() -> render(Map.of("replicas", 3))).hasMessageContaining("additional properties 'replicas' not allowed");
        assertThatThrownBy(() -> render(Map.of("database.postgresql.sslMode", "on"))).hasMessageContaining("/database/postgresql/sslMode");
        assertThatThrownBy(() -> render(Map.of("auth.oidc.roleMapping.sec-leads", "root"))).hasMessageContaining("/auth/oidc/roleMapping");
    }

    // ---- every setting handed to Muster is one it reads

    @Test
    void everyMusterSettingTheChartSetsIsDeclaredByAMusterConfigMapping() throws IOException {
        Set<String> known = musterEnvironmentVariables();
        assertThat(known).contains("MUSTER_DB_URL", "MUSTER_AUTH_ENCRYPTION_KEY", "MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", "MUSTER_DATA_DIR");
        Map<String, Object> everything = new LinkedHashMap<>();
        everything.put("auth.oidc.enabled", true);
        everything.put("auth.oidc.authServerUrl", "https://idp.example.com");
        everything.put("auth.oidc.clientId", "muster");
        everything.put("auth.oidc.accountScopeClaim", "accounts");
        everything.put("outbound.allowedPrivateTargets[0]", "10.0.0.0/8");
        everything.put("muster.demo", true);
        for (Manifests manifests : List.of(render(Map.of()), render(everything), render(PRODUCTION_VALUES, everything))) {
            Set<String> musterVariables = new TreeSet<>(manifests.environment().keySet());
            musterVariables.addAll(manifests.secretReferences().keySet());
            musterVariables.removeIf(name -> !name.startsWith("MUSTER_"));
            assertThat(musterVariables).isNotEmpty();
            assertThat(known).as("Muster refuses unknown muster.* settings at start").containsAll(musterVariables);
        }
        Properties properties = new Properties();
        properties.load(new StringReader(render(Map.of("auth.oidc.roleMapping.sec-leads", "admin")).all("ConfigMap").stream()
                .filter(map -> map.at("/data").has("application.properties")).findFirst().orElseThrow()
                .at("/data/application.properties").asText()));
        assertThat(properties).containsEntry("muster.auth.oidc.role-mapping.\"sec-leads\"", "admin");
    }

    @Test
    void everyMessagingAndDatasourceVariableOverridesAPropertyApplicationPropertiesSets() throws IOException {
        // Quarkus maps such a variable to its property only when the property is known, i.e. set in application.properties
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Set<String> known = properties.stringPropertyNames().stream().filter(name -> !name.startsWith("%"))
                .map(HelmChartTest::environmentVariable).collect(Collectors.toSet());
        Map<String, Object> rabbitmq = Map.of("stream.broker", "rabbitmq", "rabbitmq.host", "rabbitmq", "events.enabled", true);
        for (Manifests manifests : List.of(render(PRODUCTION_VALUES, Map.of()), render(rabbitmq))) {
            List<String> variables = manifests.environment().keySet().stream()
                    .filter(name -> name.startsWith("MP_MESSAGING_") || name.startsWith("QUARKUS_DATASOURCE_")).toList();
            assertThat(variables).isNotEmpty();
            assertThat(known).containsAll(variables);
        }
        assertThat(render(rabbitmq).environment()).containsEntry("MP_MESSAGING_INCOMING_MUSTER_FINDINGS_CONNECTOR", "smallrye-rabbitmq")
                .containsEntry("MP_MESSAGING_OUTGOING_MUSTER_FINDINGS_DEAD_LETTER_CONNECTOR", "smallrye-rabbitmq");
    }

    // ---- helm test

    @Test
    void theHelmTestHookAsksTheServiceWhetherMusterIsReady(@TempDir Path copy) throws IOException {
        // helm-java's template, like the Kubernetes API, leaves hooks out of the manifest: render a copy of the chart
        // in which the hook annotation is renamed, so that the test pod is rendered with everything else.
        copyChart(copy);
        Path hook = copy.resolve("templates/tests/test-readiness.yaml");
        String source = Files.readString(hook);
        assertThat(source).contains("helm.sh/hook: test");
        Files.writeString(hook, source.replace("helm.sh/hook", "rendered-by-test/hook"));

        Manifests manifests = new Manifests(new Helm(copy).template().withName("muster").withValuesFile(PRODUCTION_VALUES.toAbsolutePath()).call());
        JsonNode pod = manifests.all("Pod").stream().filter(candidate -> candidate.at("/metadata/annotations").has("rendered-by-test/hook"))
                .findFirst().orElseThrow();
        assertThat(pod.at("/metadata/annotations/rendered-by-test~1hook").asText()).isEqualTo("test");
        assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
        List<String> command = texts(pod.at("/spec/containers/0/command"));
        assertThat(command).contains("curl", "--fail").last().isEqualTo("http://muster:8080/q/health/ready");
        assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/metadata/labels/muster-client").asText()).as("let in by the NetworkPolicy").isEqualTo("true");
        assertThat(manifests.one("NetworkPolicy").at("/spec/ingress/0/from").toString()).contains("muster-client");
    }

    @Test
    void theNotesSayHowToSignIn() {
        assertThat(notes(Map.of())).contains("helm test muster").contains("administrator access key");
        assertThat(notes(Map.of("database.type", "postgresql", "database.postgresql.host", "db", "auth.encryptionKey", ENCRYPTION_KEY)))
                .contains("no bootstrap key is set");
    }

    // ---- rendering

    private static Manifests render(Map<String, Object> values) {
        return render(null, values);
    }

    private static Manifests render(Path valuesFile, Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName("muster");
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile.toAbsolutePath());
        }
        for (Map.Entry<String, Object> value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return new Manifests(template.call());
    }

    private static String notes(Map<String, Object> values) {
        var install = new Helm(CHART).install().withName("muster").withNamespace("security").dryRun().clientOnly();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            install = install.set(value.getKey(), value.getValue());
        }
        return install.call().getOutput();
    }

    private static Map<String, Object> with(Map<String, Object> values, String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(values);
        more.put(key, value);
        return more;
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
    }

    /** The rendered documents of one `helm template`. */
    private record Manifests(List<JsonNode> documents) {

        Manifests(String yaml) {
            this(parse(yaml));
        }

        private static List<JsonNode> parse(String yaml) {
            try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
                return documents.readAll().stream().filter(document -> document != null && document.has("kind")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> kinds() {
            return documents.stream().map(document -> document.get("kind").asText()).toList();
        }

        List<JsonNode> all(String kind) {
            return documents.stream().filter(document -> kind.equals(document.get("kind").asText())).toList();
        }

        JsonNode one(String kind) {
            List<JsonNode> found = all(kind);
            assertThat(found).as("rendered %s", kind).hasSize(1);
            return found.get(0);
        }

        JsonNode container() {
            return one("Deployment").at("/spec/template/spec/containers/0");
        }

        /** The container's plain environment: the ConfigMap it reads with envFrom, then its literal env entries. */
        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            for (JsonNode source : container().path("envFrom")) {
                String name = source.at("/configMapRef/name").asText();
                JsonNode configMap = all("ConfigMap").stream().filter(map -> name.equals(map.at("/metadata/name").asText())).findFirst().orElseThrow();
                configMap.path("data").properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
            }
            for (JsonNode entry : container().path("env")) {
                if (entry.has("value")) {
                    environment.put(entry.get("name").asText(), entry.get("value").asText());
                }
            }
            return environment;
        }

        /** Variable → "secret/key" for the variables read from a Secret. */
        Map<String, String> secretReferences() {
            Map<String, String> references = new LinkedHashMap<>();
            for (JsonNode entry : container().path("env")) {
                JsonNode reference = entry.at("/valueFrom/secretKeyRef");
                if (!reference.isMissingNode()) {
                    references.put(entry.get("name").asText(), reference.at("/name").asText() + "/" + reference.at("/key").asText());
                }
            }
            return references;
        }

        JsonNode envEntry(String name) {
            return StreamSupport.stream(container().path("env").spliterator(), false).filter(entry -> name.equals(entry.get("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no env entry " + name));
        }

        /** The volume mounted at a path of the Muster container. */
        JsonNode volumeAt(String mountPath) {
            String name = StreamSupport.stream(container().path("volumeMounts").spliterator(), false)
                    .filter(mount -> mountPath.equals(mount.get("mountPath").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath)).get("name").asText();
            return StreamSupport.stream(one("Deployment").at("/spec/template/spec/volumes").spliterator(), false)
                    .filter(volume -> name.equals(volume.get("name").asText())).findFirst().orElseThrow();
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> decoded(JsonNode secret) {
        Map<String, String> values = new LinkedHashMap<>();
        secret.path("data").properties().forEach(entry ->
                values.put(entry.getKey(), new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8)));
        return values;
    }

    /** The schema's declaration of a values path, following $ref into its definitions. */
    private static Optional<JsonNode> declaration(JsonNode schema, List<String> path) {
        JsonNode node = schema;
        for (String key : path) {
            node = node.path("properties").path(key);
            if (node.has("$ref")) {
                node = schema.at(node.get("$ref").asText().substring(1));
            }
            if (node.isMissingNode()) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    // ---- the settings Muster declares

    /** Environment variable names of every leaf property of Muster's @ConfigMapping interfaces (MUSTER_DB_URL …). */
    private static Set<String> musterEnvironmentVariables() throws IOException {
        Path classes = Path.of("target", "classes");
        Set<String> variables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/muster"))) {
            for (Path file : files.filter(file -> file.toString().endsWith(".class")).toList()) {
                if (!new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("io/smallrye/config/ConfigMapping")) {
                    continue;
                }
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                Class<?> type = load(name);
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    properties(mapping.prefix(), type).map(HelmChartTest::environmentVariable).forEach(variables::add);
                }
            }
        }
        return variables;
    }

    private static Stream<String> properties(String prefix, Class<?> mapping) {
        return Stream.of(mapping.getDeclaredMethods())
                .filter(method -> method.getParameterCount() == 0 && !method.isDefault() && !Modifier.isStatic(method.getModifiers()))
                .flatMap(method -> {
                    String property = prefix + "." + kebab(method);
                    Class<?> type = method.getReturnType();
                    return type.isInterface() && type.getName().startsWith("io.muster.") ? properties(property, type) : Stream.of(property);
                });
    }

    private static String kebab(Method method) {
        return method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String environmentVariable(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, HelmChartTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
