package io.muster.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack files: every shipped one is valid and listed; a broken custom one is refused precisely. */
class PackFilesTest {

    private final PackLoader loader = new PackLoader("eu-west-1");

    @Test
    void everyShippedPackValidatesAgainstTheSchemaAndLoads() {
        PackLoader.Result result = loader.load(Optional.empty());
        assertThat(result.problems()).isEmpty();
        assertThat(result.packs()).extracting(CompliancePack::standardsArn).containsExactlyInAnyOrder(
                "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
                "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/1.4.0",
                "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
                "arn:aws:securityhub:eu-west-1::standards/pci-dss/v/3.2.1");
        assertThat(pack(result, "pci-dss/v/3.2.1").controls()).hasSize(45);
        assertThat(pack(result, "aws-foundational-security-best-practices/v/1.0.0").controls()).hasSizeGreaterThan(200);
    }

    @Test
    void packsListNamesEveryPackFileInStandards() throws IOException {
        List<String> listed = Files.readAllLines(Path.of("standards/packs.list"), StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().toList();
        try (Stream<Path> files = Files.walk(Path.of("standards"))) {
            List<String> present = files.filter(Files::isRegularFile).map(file -> Path.of("standards").relativize(file).toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".json")).filter(name -> !name.equals("pack.schema.json"))
                    .sorted().toList();
            assertThat(listed).isEqualTo(present);
        }
    }

    @Test
    void cis120HasItsFortyThreeControlsAsPublished() throws IOException {
        CompliancePack cis = pack(loader.load(Optional.empty()), "cis-aws-foundations-benchmark/v/1.2.0");
        List<String[]> published = Files.readAllLines(Path.of("src/test/resources/compliance/cis-1.2.0-controls.tsv")).stream()
                .filter(line -> !line.startsWith("#")).map(line -> line.split("\t")).toList();
        assertThat(cis.controls()).hasSize(43);
        for (int i = 0; i < published.size(); i++) {
            PackControl control = cis.controls().get(i);
            assertThat(control.id()).isEqualTo(published.get(i)[0]);
            assertThat(control.title()).isEqualTo(published.get(i)[1]);
            assertThat(control.severity().name()).isEqualTo(published.get(i)[2]);
        }
        Map<PackControl.Severity, Integer> bySeverity = new EnumMap<>(PackControl.Severity.class);
        cis.controls().forEach(control -> bySeverity.merge(control.severity(), 1, Integer::sum));
        assertThat(bySeverity).containsEntry(PackControl.Severity.CRITICAL, 4).containsEntry(PackControl.Severity.HIGH, 5)
                .containsEntry(PackControl.Severity.MEDIUM, 13).containsEntry(PackControl.Severity.LOW, 21);
        assertThat(cis.control("CIS.1.1").orElseThrow().securityControlId()).contains("IAM.20");
        assertThat(cis.control("CIS.1.1").orElseThrow().ruleId()).isEqualTo("1.1");
    }

    @Test
    void aBrokenCustomPackIsRefusedWithItsFileAndRuleWhileTheOthersLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yaml"), """
                standardsArn: 'arn:aws:securityhub:{region}::standards/house-rules/v/2'
                name: House rules v2
                version: '2'
                description: Our own rules.
                provider: Other
                controls:
                  - {id: HR.1, title: Tag every bucket, severity: LOW}
                """);
        Files.writeString(dir.resolve("bad-severity.yaml"), """
                standardsArn: 'arn:aws:securityhub:{region}::standards/house-rules/v/3'
                name: House rules v3
                version: '3'
                description: Our own rules.
                provider: Other
                controls:
                  - {id: HR.1, title: Tag every bucket, severity: URGENT}
                """);
        Files.writeString(dir.resolve("not-yaml.yaml"), "controls: [unclosed");
        Files.writeString(dir.resolve("clash.yaml"), """
                standardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0'
                name: My CIS
                version: 1.2.0
                description: Reuses a shipped standard's ARN.
                provider: Other
                controls:
                  - {id: X.1, title: x, severity: LOW}
                """);
        Files.writeString(dir.resolve("bad-filter.yaml"), """
                standardsArn: 'arn:aws:securityhub:{region}::standards/house-rules/v/4'
                name: House rules v4
                version: '4'
                description: Our own rules.
                provider: Other
                controls:
                  - id: HR.1
                    title: Recent findings
                    severity: LOW
                    findingFilters: [{UpdatedAt: [{DateRange: {Value: 7, Unit: DAYS}}]}]
                  - id: HR.2
                    title: Unknown attribute
                    severity: LOW
                """);

        PackLoader.Result result = loader.load(Optional.of(dir));

        assertThat(result.packs()).extracting(CompliancePack::name).contains("House rules v2", "CIS AWS Foundations Benchmark v1.2.0",
                "PCI DSS v3.2.1");
        assertThat(result.problems()).extracting(PackLoader.Problem::toString).containsExactlyInAnyOrder(
                dir.resolve("bad-filter.yaml") + ": controls[0].findingFilters[0]: DateRange is relative to the current time; a "
                        + "control mapping must match a finding the same way every time, so use Start/End instead",
                dir.resolve("bad-severity.yaml") + ": breaks standards/pack.schema.json: controls[0].severity: does not have a "
                        + "value in the enumeration [\"LOW\", \"MEDIUM\", \"HIGH\", \"CRITICAL\"]",
                dir.resolve("clash.yaml") + ": standardsArn arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0 is "
                        + "already defined by standards/cis-aws-foundations-benchmark/1.2.0.yaml; give the pack its own ARN (e.g. another version)",
                result.problems().stream().filter(p -> p.source().endsWith("not-yaml.yaml")).findFirst().orElseThrow().toString());
        assertThat(result.problems().stream().filter(p -> p.source().endsWith("not-yaml.yaml")).findFirst().orElseThrow().message())
                .startsWith("is not valid YAML");
    }

    private static CompliancePack pack(PackLoader.Result result, String key) {
        return result.packs().stream().filter(pack -> pack.key().equals(key)).findFirst().orElseThrow();
    }
}
