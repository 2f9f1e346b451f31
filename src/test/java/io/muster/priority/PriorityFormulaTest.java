package io.muster.priority;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The priority formula on the README's worked examples, and how each input moves it. */
class PriorityFormulaTest {

    private static final PriorityWeights WEIGHTS = PriorityWeights.DEFAULTS;

    @Test
    void theWorkedExamplesScoreAsTheReadmeSays() {
        assertThat(score(PriorityExamples.commandAndControl(PriorityExamples.bare()))).isEqualTo(70);
        assertThat(score(PriorityExamples.exposedExploitableCve(PriorityExamples.bare()))).isEqualTo(100);
        assertThat(score(PriorityExamples.privateFixableCve(PriorityExamples.bare()))).isEqualTo(73);
        assertThat(score(PriorityExamples.unsureControlCheck(PriorityExamples.bare()))).isEqualTo(26);
        assertThat(score(PriorityExamples.informational(PriorityExamples.bare()))).isZero();
    }

    @Test
    void theLabelStandsInForAMissingNormalizedSeverity() {
        ObjectNode high = PriorityExamples.bare();
        high.putObject("Severity").put("Label", "HIGH");
        assertThat(score(high)).isEqualTo(53); // 0.75 × 70 = 52.5
    }

    @Test
    void criticalityAndConfidenceScaleTheSeverity() {
        ObjectNode finding = PriorityExamples.bare();
        finding.putObject("Severity").put("Normalized", 60);
        assertThat(score(finding)).isEqualTo(45);
        finding.put("Criticality", 100);
        assertThat(score(finding)).isEqualTo(68); // × 1.5 = 67.5
        finding.put("Criticality", 0).put("Confidence", 0);
        assertThat(score(finding)).isEqualTo(16); // 45 × 0.5 × 0.7 = 15.75
    }

    @Test
    void onlyHighRiskTacticsAndPublicAddressesAddPoints() {
        ObjectNode discovery = PriorityExamples.bare();
        discovery.putObject("Severity").put("Normalized", 40);
        discovery.putArray("Types").add("TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort");
        assertThat(score(discovery)).isEqualTo(30);
        discovery.putObject("Network").put("Direction", "IN").put("SourceIpV4", "198.51.100.7");
        assertThat(score(discovery)).isEqualTo(40);
        discovery.putObject("Network").put("Direction", "IN").put("SourceIpV4", "100.64.1.1");
        assertThat(score(discovery)).isEqualTo(30);
        discovery.putObject("Network").put("Direction", "OUT").put("SourceIpV4", "198.51.100.7");
        assertThat(score(discovery)).isEqualTo(30);
    }

    @Test
    void theWeightsAreConfiguration() {
        PriorityWeights noExploitPoints = new PriorityWeights(0.75, 0.5, 0.3, 0, 5, 10, 10, Set.of("Impact"), 5);
        ObjectNode cve = PriorityExamples.privateFixableCve(PriorityExamples.bare());
        ((ObjectNode) cve.get("Vulnerabilities").get(0)).put("ExploitAvailable", "YES");
        assertThat(PriorityFormula.priority(cve, WEIGHTS)).isEqualTo(88);
        assertThat(PriorityFormula.priority(cve, noExploitPoints)).isEqualTo(73);
        ObjectNode commandAndControl = PriorityExamples.commandAndControl(PriorityExamples.bare());
        assertThat(PriorityFormula.priority(commandAndControl, noExploitPoints)).isEqualTo(60);
    }

    @Test
    void otherDetectorsReportingTheSameProblemAddPointsUpToThree() {
        assertThat(PriorityFormula.withAgreement(73, 1, WEIGHTS)).isEqualTo(73);
        assertThat(PriorityFormula.withAgreement(73, 2, WEIGHTS)).isEqualTo(78);
        assertThat(PriorityFormula.withAgreement(73, 9, WEIGHTS)).isEqualTo(88);
        assertThat(PriorityFormula.withAgreement(98, 3, WEIGHTS)).isEqualTo(100);
        assertThat(PriorityFormula.withAgreement(0, 3, WEIGHTS)).isZero();
    }

    private static int score(ObjectNode finding) {
        return PriorityFormula.priority(finding, WEIGHTS);
    }
}
