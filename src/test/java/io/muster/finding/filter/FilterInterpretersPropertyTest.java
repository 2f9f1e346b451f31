package io.muster.finding.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.finding.FindingSearch;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One filter model, two interpreters: thousands of random filters over random findings, each answered by
 * the database (GetFindings' SQL) and by the in-memory matcher (automation rules), which must agree on
 * every finding — on H2 and on PostgreSQL alike.
 */
@QuarkusTest
class FilterInterpretersPropertyTest {

    private static final int FINDINGS = 80;
    private static final int FILTERS = 2500;
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String[] LABELS = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] TYPES = {"TTPs/Discovery", "TTPs/Discovery/Recon", "TTPs/Initial Access/SSH",
        "Effects/Data Exposure", "Software and Configuration Checks/Vulnerabilities/CVE", "Unusual Behaviors/User"};
    private static final String[] WORDS = {"open", "port", "bucket", "public", "root", "key", "Ünïcode", "a_b%c", "x\\y"};
    /** Attributes the generator never filters on: the product scopes the test, and Id is covered elsewhere. */
    private static final Set<FilterAttribute> SKIPPED = EnumSet.of(FilterAttribute.PRODUCT_ARN);

    @Inject
    FindingSearch search;

    @Inject
    TestDatabase db;

    @Test
    void sqlAndInMemoryAnswersAgreeOnEveryRandomFilter() {
        Random random = new Random(20261127);
        String product = Asff.newProductArn();
        List<ObjectNode> sent = new ArrayList<>();
        for (int i = 0; i < FINDINGS; i++) {
            sent.add(randomFinding(random, product, i));
        }
        for (int from = 0; from < sent.size(); from += 40) {
            Api.importFindings(Asff.importBody(sent.subList(from, Math.min(from + 40, sent.size())).toArray(ObjectNode[]::new)))
                    .statusCode(200).body("FailedCount", org.hamcrest.Matchers.equalTo(0));
        }
        List<JsonNode> stored = new ArrayList<>();
        for (ObjectNode finding : sent) {
            stored.add(db.document(product, finding.get("Id").asText()));
        }

        List<FilterAttribute> attributes = new ArrayList<>(EnumSet.complementOf(EnumSet.copyOf(SKIPPED)));
        int matchedSome = 0;
        for (int n = 0; n < FILTERS; n++) {
            ObjectNode filters = Json.object();
            int count = 1 + random.nextInt(3);
            for (int a = 0; a < count; a++) {
                FilterAttribute attribute = attributes.get(random.nextInt(attributes.size()));
                filters.set(attribute.filterName(), randomCriterion(random, attribute, stored));
            }
            FindingFilter filter = FilterParser.parse(JsonInput.of(filters, "Filters"), NOW);
            Set<String> expected = new TreeSet<>();
            for (JsonNode finding : stored) {
                if (FilterMatcher.matches(filter, finding)) {
                    expected.add(finding.get("Id").asText());
                }
            }
            ObjectNode scoped = filters.deepCopy();
            scoped.putArray("ProductArn").addObject().put("Value", product).put("Comparison", "EQUALS");
            Set<String> actual = new TreeSet<>();
            for (String document : search.search(JsonInput.of(scoped, "Filters"), JsonInput.of(null, "SortCriteria"), null, 100,
                    AccessScope.UNRESTRICTED, NOW, false).findings()) {
                actual.add(Json.readStored(document).get("Id").asText());
            }
            assertThat(actual).as("filter %s", Json.write(filters)).isEqualTo(expected);
            if (!expected.isEmpty() && expected.size() < FINDINGS) {
                matchedSome++;
            }
        }
        assertThat(matchedSome).as("filters that select some but not all findings").isGreaterThan(FILTERS / 5);
    }

    private static ObjectNode randomFinding(Random random, String product, int n) {
        ObjectNode f = Asff.finding(product, "p-" + n);
        Instant updated = NOW.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 20))).plusNanos(random.nextInt(1_000_000_000));
        f.put("CreatedAt", updated.minus(Duration.ofDays(random.nextInt(5))).toString());
        f.put("UpdatedAt", updated.toString());
        if (random.nextBoolean()) {
            f.put("FirstObservedAt", updated.minus(Duration.ofHours(random.nextInt(100))).toString());
        }
        f.put("Title", pick(random, WORDS) + " " + pick(random, WORDS) + " " + n % 7);
        f.put("Description", "The " + pick(random, WORDS) + " is " + pick(random, WORDS));
        f.put("GeneratorId", "gen-" + random.nextInt(4));
        f.put("AwsAccountId", "11111111111" + random.nextInt(3));
        f.putObject("Severity").put("Label", pick(random, LABELS));
        ArrayNode types = f.putArray("Types");
        for (int t = 0; t <= random.nextInt(3); t++) {
            types.add(pick(random, TYPES));
        }
        if (random.nextInt(3) > 0) {
            f.put("Confidence", random.nextInt(101));
        }
        if (random.nextBoolean()) {
            f.put("Criticality", random.nextInt(101));
        }
        f.put("Sample", random.nextBoolean());
        ArrayNode resources = f.putArray("Resources");
        for (int r = 0; r <= random.nextInt(3); r++) {
            ObjectNode resource = resources.addObject().put("Type", random.nextBoolean() ? "AwsEc2Instance" : "AwsS3Bucket")
                    .put("Id", "arn:aws:ec2:eu-west-1:111111111111:instance/i-" + random.nextInt(20))
                    .put("Region", random.nextBoolean() ? "eu-west-1" : "us-east-1").put("Partition", "aws");
            if (random.nextBoolean()) {
                resource.putObject("Tags").put("env", random.nextBoolean() ? "prod" : "dev").put("team", "t" + random.nextInt(3));
            }
            if (random.nextBoolean()) {
                ObjectNode ec2 = resource.putObject("Details").putObject("AwsEc2Instance")
                        .put("ImageId", "ami-" + random.nextInt(5)).put("Type", random.nextBoolean() ? "t3.micro" : "m5.large")
                        .put("LaunchedAt", updated.minus(Duration.ofDays(random.nextInt(30))).toString());
                ec2.putArray("IpV4Addresses").add("10." + random.nextInt(3) + ".0." + random.nextInt(256));
                ec2.putArray("IpV6Addresses").add("2001:db8::" + Integer.toHexString(random.nextInt(4096)));
            }
        }
        if (random.nextBoolean()) {
            f.putObject("Network").put("Direction", random.nextBoolean() ? "IN" : "OUT")
                    .put("SourceIpV4", "192.168." + random.nextInt(3) + "." + random.nextInt(256))
                    .put("SourceIpV6", "fd00::" + Integer.toHexString(random.nextInt(65536)))
                    .put("SourcePort", random.nextInt(65536)).put("DestinationPort", random.nextBoolean() ? 22 : 443);
        }
        if (random.nextBoolean()) {
            f.putArray("Malware").addObject().put("Name", "trojan-" + random.nextInt(3)).put("Type", "TROJAN");
        }
        if (random.nextBoolean()) {
            f.putArray("ThreatIntelIndicators").addObject().put("Type", "IPV4_ADDRESS").put("Value", "203.0.113." + random.nextInt(9))
                    .put("LastObservedAt", updated.minus(Duration.ofDays(random.nextInt(10))).toString());
        }
        if (random.nextBoolean()) {
            f.putArray("Vulnerabilities").addObject().put("Id", "CVE-2024-" + random.nextInt(50))
                    .put("FixAvailable", random.nextBoolean() ? "YES" : "NO").put("ExploitAvailable", random.nextBoolean() ? "YES" : "NO");
        }
        if (random.nextBoolean()) {
            f.putObject("Compliance").put("Status", random.nextBoolean() ? "PASSED" : "FAILED")
                    .put("SecurityControlId", "S3." + random.nextInt(4))
                    .putArray("AssociatedStandards").addObject().put("StandardsId", "standards/pci-dss/v/3.2.1");
        }
        ObjectNode fields = f.putObject("ProductFields");
        for (int p = 0; p < random.nextInt(4); p++) {
            fields.put("k" + random.nextInt(4), pick(random, WORDS));
        }
        if (random.nextBoolean()) {
            f.putObject("Note").put("Text", "note " + pick(random, WORDS)).put("UpdatedBy", "user" + random.nextInt(3))
                    .put("UpdatedAt", updated.toString());
        }
        return f;
    }

    private static ArrayNode randomCriterion(Random random, FilterAttribute attribute, List<JsonNode> stored) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        int values = 1 + random.nextInt(3);
        switch (attribute.type()) {
            case STRING -> {
                List<String> seen = new ArrayList<>();
                stored.forEach(f -> seen.addAll(AttributeValues.strings(attribute, f)));
                String family = pick(random, new String[] {"positive", "negative", "contains", "not_contains"});
                for (int i = 0; i < values; i++) {
                    String comparison = switch (family) {
                        case "positive" -> random.nextBoolean() ? "EQUALS" : "PREFIX";
                        case "negative" -> random.nextBoolean() ? "NOT_EQUALS" : "PREFIX_NOT_EQUALS";
                        case "contains" -> "CONTAINS";
                        default -> "NOT_CONTAINS";
                    };
                    if (family.equals("positive") && i > 0 && random.nextBoolean()) {
                        comparison = "PREFIX";
                    }
                    list.addObject().put("Value", sample(random, seen, comparison)).put("Comparison", comparison);
                }
                if (family.equals("positive") && random.nextInt(4) == 0) {
                    list.removeAll();
                    list.addObject().put("Value", sample(random, seen, "PREFIX")).put("Comparison", "PREFIX");
                    list.addObject().put("Value", sample(random, seen, "NOT_EQUALS")).put("Comparison", "NOT_EQUALS");
                }
            }
            case MAP -> {
                List<Map.Entry<String, String>> seen = new ArrayList<>();
                stored.forEach(f -> seen.addAll(AttributeValues.entries(attribute, f)));
                boolean negative = random.nextBoolean();
                for (int i = 0; i < values; i++) {
                    Map.Entry<String, String> entry = seen.isEmpty() || random.nextInt(5) == 0
                            ? Map.entry("k" + random.nextInt(4), pick(random, WORDS)) : seen.get(random.nextInt(seen.size()));
                    list.addObject().put("Key", entry.getKey()).put("Value", entry.getValue())
                            .put("Comparison", negative ? "NOT_EQUALS" : "EQUALS");
                }
            }
            case NUMBER -> {
                for (int i = 0; i < values; i++) {
                    ObjectNode range = list.addObject();
                    int pivot = random.nextInt(101);
                    switch (random.nextInt(4)) {
                        case 0 -> range.put("Gte", pivot).put("Lte", pivot + random.nextInt(50));
                        case 1 -> range.put("Gt", pivot);
                        case 2 -> range.put("Lt", pivot);
                        default -> range.put("Eq", random.nextBoolean() ? pivot : 22);
                    }
                }
            }
            case DATE -> {
                List<Instant> seen = new ArrayList<>();
                stored.forEach(f -> seen.addAll(AttributeValues.instants(attribute, f)));
                for (int i = 0; i < values; i++) {
                    ObjectNode period = list.addObject();
                    Instant pivot = seen.isEmpty() ? NOW : seen.get(random.nextInt(seen.size()));
                    switch (random.nextInt(4)) {
                        case 0 -> period.put("Start", pivot.toString()).put("End", pivot.plus(Duration.ofDays(random.nextInt(5))).toString());
                        case 1 -> period.put("Start", pivot.toString());
                        case 2 -> period.put("End", pivot.toString());
                        default -> period.putObject("DateRange").put("Value", random.nextInt(15)).put("Unit", "DAYS")
                                .put("Comparison", random.nextBoolean() ? "WITHIN" : "OLDER_THAN");
                    }
                }
            }
            case IP -> {
                boolean v4 = AttributeValues.ipFamily(attribute) == 4;
                for (int i = 0; i < values; i++) {
                    String cidr = v4 ? switch (random.nextInt(4)) {
                        case 0 -> "10.0.0.0/8";
                        case 1 -> "10." + random.nextInt(3) + ".0.0/16";
                        case 2 -> "192.168." + random.nextInt(3) + ".0/24";
                        default -> "192.168.0." + random.nextInt(256);
                    } : switch (random.nextInt(3)) {
                        case 0 -> "2001:db8::/32";
                        case 1 -> "fd00::/8";
                        default -> "2001:db8::" + Integer.toHexString(random.nextInt(4096)) + "/126";
                    };
                    list.addObject().put("Cidr", cidr);
                }
            }
            case BOOLEAN -> list.addObject().put("Value", random.nextBoolean());
        }
        return list;
    }

    private static String sample(Random random, List<String> seen, String comparison) {
        if (seen.isEmpty() || random.nextInt(6) == 0) {
            return pick(random, WORDS);
        }
        String value = seen.get(random.nextInt(seen.size()));
        if (comparison.contains("PREFIX") && value.length() > 1) {
            return value.substring(0, 1 + random.nextInt(value.length() - 1));
        }
        if (comparison.contains("CONTAINS") && value.length() > 2) {
            int from = random.nextInt(value.length() - 1);
            return value.substring(from, from + 1 + random.nextInt(value.length() - from - 1));
        }
        return value;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
