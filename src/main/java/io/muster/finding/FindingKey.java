package io.muster.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's identity, as Security Hub's: the product that reported it and the product's own Id
 * ({@code AwsSecurityFindingIdentifier}). {@link #hash()} is the indexed form (ProductArn may be 2 KB long).
 */
public record FindingKey(String productArn, String id) implements Comparable<FindingKey> {

    public String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(productArn.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public int compareTo(FindingKey other) {
        int byProduct = productArn.compareTo(other.productArn);
        return byProduct != 0 ? byProduct : id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return productArn + "/" + id;
    }
}
