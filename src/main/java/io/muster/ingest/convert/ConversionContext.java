package io.muster.ingest.convert;

import java.time.Instant;

/**
 * What a converter may need that the source document does not say: the AWS account and Region to file a
 * finding under when the detector names none (a Trivy report, a SARIF log), given by the sender
 * ({@code ?AwsAccountId=…&Region=…} or message headers) or Muster's own Region, and the time the document
 * arrived (used as CreatedAt/UpdatedAt only when the source has no time of its own).
 *
 * @param accountId the sender's AwsAccountId, or null when it gave none
 * @param region    the sender's Region, else Muster's configured Region; never null
 */
public record ConversionContext(String accountId, String region, Instant receivedAt) {
}
