package io.muster.testing;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Two accounts' findings and callers scoped to the first: what any test needs to prove that a read or
 * write path respects account scope. {@code var scope = ScopeFixture.create();} then call the feature as
 * {@code scope.viewerOfA()} and {@code scope.assertOnlyAccountA(accountsSeen)}.
 */
public record ScopeFixture(String productArn, String accountA, String accountB, String findingOfA, String findingOfB,
        TestCallers.TestCaller viewerOfA, TestCallers.TestCaller analystOfA, TestCallers.TestCaller producerOfA) {

    public static ScopeFixture create() {
        String product = Asff.newProductArn();
        String a = "111111111111";
        String b = "222222222222";
        ObjectNode ofA = finding(product, "of-a").put("AwsAccountId", a);
        ObjectNode ofB = finding(product, "of-b").put("AwsAccountId", b);
        Api.importFindings(importBody(ofA, ofB)).statusCode(200);
        return new ScopeFixture(product, a, b, "of-a", "of-b", TestCallers.viewer(a), TestCallers.analyst(a),
                TestCallers.producer(java.util.List.of(a), java.util.List.of()));
    }

    /** The accounts a scoped caller saw are account A's only, and it saw some. */
    public void assertOnlyAccountA(Collection<String> accountsSeen) {
        assertThat(accountsSeen).isNotEmpty().containsOnly(accountA);
    }

    /** A filter on this fixture's product, for GetFindings-style requests. */
    public String productFilter() {
        return "\"ProductArn\":[{\"Value\":\"" + productArn + "\",\"Comparison\":\"EQUALS\"}]";
    }
}
