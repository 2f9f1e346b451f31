package io.muster.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control parameters as the packs define them and as UpdateSecurityControl checks a value against them: the shipped
 * AWS FSBP parameters load with the values the Security Hub user guide documents, every type's rules hold, and a pack
 * whose parameter contradicts itself is refused with its file and the rule it breaks.
 */
class ControlParameterTest {

    private static final PackLoader.Result SHIPPED = new PackLoader("us-east-1").load(Optional.empty());

    @Test
    void theFsbpPackDefinesTheDocumentedCustomizableParametersOfItsControls() {
        CompliancePack fsbp = pack("aws-foundational-security-best-practices/v/1.0.0");
        List<String> customizable = fsbp.controls().stream().filter(control -> !control.parameters().isEmpty()).map(PackControl::id).toList();
        assertThat(customizable).hasSize(40).contains("ACM.1", "IAM.7", "EC2.18", "Lambda.5", "Cognito.3", "RDS.50", "S3.25")
                .doesNotContain("ACM.2", "Lambda.2", "EC2.19", "NetworkFirewall.2");

        ControlParameter days = parameter("ACM.1", "daysToExpiration");
        assertThat(days.type()).isEqualTo(ControlParameter.Type.INTEGER);
        assertThat(days.min()).isEqualTo(14.0);
        assertThat(days.max()).isEqualTo(365.0);
        assertThat(days.defaultValue().intValue()).isEqualTo(30);

        assertThat(fsbp.control("IAM.7").orElseThrow().parameters().keySet()).containsExactly("RequireUppercaseCharacters",
                "RequireLowercaseCharacters", "RequireSymbols", "RequireNumbers", "MinimumPasswordLength", "PasswordReusePrevention",
                "MaxPasswordAge");
        assertThat(parameter("IAM.7", "PasswordReusePrevention").defaultValue()).as("no Security Hub default").isNull();
        assertThat(parameter("EC2.18", "authorizedTcpPorts").defaultValue()).isEqualTo(Json.readStored("[80,443]"));
        assertThat(parameter("Lambda.5", "availabilityZones").allowedValues()).containsExactly("2", "3", "4", "5", "6");
    }

    @Test
    void eachTypeChecksItsValuesAndSaysWhatIsWrong() {
        ControlParameter days = parameter("ACM.1", "daysToExpiration");
        assertThat(days.problemWith(json("15"))).isNull();
        assertThat(days.problemWith(json("13"))).isEqualTo("must be from 14 to 365, not 13");
        assertThat(days.problemWith(json("15.5"))).isEqualTo("must be an integer, not 15.5");
        assertThat(days.problemWith(json("\"15\""))).isEqualTo("must be an integer, not \"15\"");

        ControlParameter ports = parameter("EC2.18", "authorizedTcpPorts");
        assertThat(ports.problemWith(json("[22, 443]"))).isNull();
        assertThat(ports.problemWith(json("[]"))).isEqualTo("must have at least one item");
        assertThat(ports.problemWith(json("[443, 70000]"))).isEqualTo("item 1 must be from 1 to 65535, not 70000");
        assertThat(ports.problemWith(json(java.util.stream.IntStream.rangeClosed(1, 33).boxed().toList().toString())))
                .isEqualTo("has 33 items; at most 32 are allowed");

        ControlParameter backtrack = parameter("RDS.14", "BacktrackWindowInHours");
        assertThat(backtrack.problemWith(json("0.5"))).isNull();
        assertThat(backtrack.problemWith(json("0.05"))).isEqualTo("must be from 0.1 to 72, not 0.05");

        ControlParameter retention = parameter("Kinesis.3", "minimumBackupRetentionPeriod");
        assertThat(retention.problemWith(json("\"8760\""))).isNull();
        assertThat(retention.problemWith(json("\"23\""))).startsWith("'23' does not match A whole number of hours from 24 to 8760");

        ControlParameter symbols = parameter("IAM.7", "RequireSymbols");
        assertThat(symbols.problemWith(json("false"))).isNull();
        assertThat(symbols.problemWith(json("\"false\""))).isEqualTo("must be true or false, not \"false\"");

        ControlParameter zones = parameter("AutoScaling.2", "minAvailabilityZones");
        assertThat(zones.problemWith(json("\"3\""))).isNull();
        assertThat(zones.problemWith(json("\"7\""))).isEqualTo("must be one of 2, 3, 4, 5, 6, not \"7\"");

        ControlParameter logs = parameter("RDS.42", "logTypes");
        assertThat(logs.problemWith(json("[\"audit\", \"slowquery\"]"))).isNull();
        assertThat(logs.problemWith(json("[\"audit\", \"audit\"]"))).isEqualTo("names \"audit\" twice");
        assertThat(logs.problemWith(json("[\"trace\"]"))).isEqualTo("item 0 must be one of audit, error, general, slowquery, not \"trace\"");
        assertThat(logs.problemWith(json("\"audit\""))).isEqualTo("must be a list");
    }

    @Test
    void definitionsAndValuesTakeSecurityHubsWireShapes() {
        assertThat(parameter("ACM.1", "daysToExpiration").definitionJson()).isEqualTo(json("""
                {"Description":"Number of days within which the ACM certificate must be renewed",
                 "ConfigurationOptions":{"Integer":{"DefaultValue":30,"Min":14,"Max":365}}}"""));
        assertThat(parameter("EC2.18", "authorizedUdpPorts").definitionJson().get("ConfigurationOptions")).isEqualTo(json("""
                {"IntegerList":{"Min":1,"Max":65535,"MaxItems":32}}"""));
        assertThat(parameter("RDS.14", "BacktrackWindowInHours").definitionJson().at("/ConfigurationOptions/Double/Min").doubleValue())
                .isEqualTo(0.1);
        assertThat(parameter("FSx.4", "deploymentTypes").definitionJson().get("ConfigurationOptions")).isEqualTo(json("""
                {"EnumList":{"DefaultValue":["MULTI_AZ_1","MULTI_AZ_2"],"MaxItems":2,"AllowedValues":["MULTI_AZ_1","MULTI_AZ_2"]}}"""));

        ControlParameter days = parameter("ACM.1", "daysToExpiration");
        assertThat(days.configurationJson(null)).isEqualTo(json("{\"ValueType\":\"DEFAULT\",\"Value\":{\"Integer\":30}}"));
        assertThat(days.configurationJson(json("15"))).isEqualTo(json("{\"ValueType\":\"CUSTOM\",\"Value\":{\"Integer\":15}}"));
        assertThat(parameter("IAM.7", "MaxPasswordAge").configurationJson(null)).as("no default, no Value")
                .isEqualTo(json("{\"ValueType\":\"DEFAULT\"}"));
    }

    @Test
    void aPackWhoseParameterContradictsItselfIsRefusedWithItsFileAndRule(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yaml"), pack(5, """
                      retentionDays: {type: Integer, description: Days kept, min: 1, max: 30, default: 7}
                      tiers: {type: EnumList, description: Tiers, allowedValues: [gold, silver], maxItems: 2, default: [gold]}"""));
        Files.writeString(dir.resolve("default-out-of-range.yaml"), pack(6, """
                      retentionDays: {type: Integer, description: Days kept, min: 1, max: 30, default: 45}"""));
        Files.writeString(dir.resolve("empty-range.yaml"), pack(7, """
                      retentionDays: {type: Integer, description: Days kept, min: 30, max: 1}"""));
        Files.writeString(dir.resolve("bad-expression.yaml"), pack(8, """
                      name: {type: String, description: A name, re2Expression: '^(unclosed$'}"""));
        Files.writeString(dir.resolve("wrong-default-type.yaml"), pack(9, """
                      tiers: {type: EnumList, description: Tiers, allowedValues: [gold], default: gold}"""));
        Files.writeString(dir.resolve("no-security-control.yaml"), """
                standardsArn: 'arn:aws:securityhub:{region}::standards/house-rules/v/10'
                name: House rules v10
                version: '10'
                description: Our own rules.
                provider: Other
                controls:
                  - id: HR.1
                    title: Keep logs
                    severity: LOW
                    parameters:
                      retentionDays: {type: Integer, description: Days kept}
                """);

        PackLoader.Result result = new PackLoader("us-east-1").load(Optional.of(dir));

        CompliancePack good = result.packs().stream().filter(pack -> pack.name().equals("House rules v5")).findFirst().orElseThrow();
        assertThat(good.control("HR.1").orElseThrow().parameters()).containsOnlyKeys("retentionDays", "tiers");
        Map<String, String> problems = new java.util.TreeMap<>();
        result.problems().forEach(problem -> problems.put(Path.of(problem.source()).getFileName().toString(), problem.message()));
        assertThat(problems).containsOnlyKeys("default-out-of-range.yaml", "empty-range.yaml", "bad-expression.yaml",
                "wrong-default-type.yaml", "no-security-control.yaml");
        assertThat(problems.get("default-out-of-range.yaml"))
                .isEqualTo("controls[0].parameters.retentionDays.default: must be from 1 to 30, not 45");
        assertThat(problems.get("empty-range.yaml")).isEqualTo("controls[0].parameters.retentionDays: min 30 is larger than max 1");
        assertThat(problems.get("bad-expression.yaml")).startsWith("controls[0].parameters.name.re2Expression does not compile");
        assertThat(problems.get("wrong-default-type.yaml")).startsWith("breaks standards/pack.schema.json: controls[0].parameters.tiers");
        assertThat(problems.get("no-security-control.yaml")).startsWith("breaks standards/pack.schema.json: controls[0]")
                .contains("securityControlId");
    }

    private static String pack(int version, String parameters) {
        return """
                standardsArn: 'arn:aws:securityhub:{region}::standards/house-rules/v/%d'
                name: House rules v%d
                version: '%d'
                description: Our own rules.
                provider: Other
                controls:
                  - id: HR.1
                    securityControlId: HR.1
                    title: Keep logs
                    severity: LOW
                    parameters:
                %s""".formatted(version, version, version, parameters.indent(6));
    }

    private static CompliancePack pack(String key) {
        assertThat(SHIPPED.problems()).isEmpty();
        return SHIPPED.packs().stream().filter(pack -> pack.key().equals(key)).findFirst().orElseThrow();
    }

    private static ControlParameter parameter(String controlId, String name) {
        return pack("aws-foundational-security-best-practices/v/1.0.0").control(controlId).orElseThrow().parameters().get(name);
    }

    private static JsonNode json(String text) {
        return Json.readStored(text);
    }
}
