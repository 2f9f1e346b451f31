package io.muster.priority;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Priority as a GetFindings attribute (extension): stored with each finding, sortable and filterable, and
 * recomputed when an input changes — here an analyst's Criticality.
 */
@QuarkusTest
class PriorityTest {

    private String productArn;

    @BeforeEach
    void storeTheWorkedExamples() {
        productArn = Asff.newProductArn();
        Api.importFindings(Asff.importBody(example("a-command-and-control", PriorityExamples::commandAndControl),
                example("b-exposed-exploitable-cve", PriorityExamples::exposedExploitableCve),
                example("c-private-fixable-cve", PriorityExamples::privateFixableCve),
                example("d-unsure-control-check", PriorityExamples::unsureControlCheck),
                example("e-informational", PriorityExamples::informational))).statusCode(200).body("FailedCount", org.hamcrest.Matchers.is(0));
    }

    @Test
    void getFindingsSortsByPriority() {
        assertThat(ids("")).containsExactly("b-exposed-exploitable-cve", "c-private-fixable-cve", "a-command-and-control",
                "d-unsure-control-check", "e-informational");
    }

    @Test
    void getFindingsFiltersOnPriority() {
        assertThat(ids(",\"Priority\":[{\"Gte\":70}]")).containsExactly("b-exposed-exploitable-cve", "c-private-fixable-cve",
                "a-command-and-control");
        assertThat(ids(",\"Priority\":[{\"Eq\":0}]")).containsExactly("e-informational");
    }

    @Test
    void anAnalystsCriticalityRecomputesThePriority() {
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[{\"Id\":\"c-private-fixable-cve\",\"ProductArn\":\"" + productArn
                + "\"}],\"Criticality\":0}").statusCode(200).body("ProcessedFindings.size()", org.hamcrest.Matchers.is(1));
        // 0.75 × 90 × 0.5 + 5 = 38.75 → 39: below the command-and-control finding now
        assertThat(ids("")).containsExactly("b-exposed-exploitable-cve", "a-command-and-control", "c-private-fixable-cve",
                "d-unsure-control-check", "e-informational");
        assertThat(ids(",\"Priority\":[{\"Eq\":39}]")).containsExactly("c-private-fixable-cve");
    }

    private List<String> ids(String moreFilters) {
        return Api.getFindings("{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + productArn + "\",\"Comparison\":\"EQUALS\"}]" + moreFilters
                + "},\"SortCriteria\":[{\"Field\":\"Priority\",\"SortOrder\":\"desc\"}]}").then().statusCode(200).extract().jsonPath()
                .getList("Findings.Id");
    }

    private ObjectNode example(String id, UnaryOperator<ObjectNode> shape) {
        ObjectNode finding = Asff.finding(productArn, id);
        finding.remove("Resources");
        finding.putArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "i-" + id);
        ObjectNode shaped = shape.apply(finding);
        // a resource of its own: the same CVE on the same resource under another test's product would be a
        // second detector agreeing, which raises the priority
        ((ObjectNode) shaped.get("Resources").get(0)).put("Id", "i-" + id + "-" + java.util.UUID.randomUUID());
        return shaped;
    }
}
